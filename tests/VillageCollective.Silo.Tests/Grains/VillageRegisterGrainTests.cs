using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using VillageCollective.Grains;
using VillageCollective.Grains.Register;
using VillageCollective.Grains.Village;

namespace VillageCollective.Silo.Tests.Grains;

/// <summary>The village grain's register part against the real PostgreSQL of a two-silo test cluster (Baiyanghe's demo).</summary>
[Collection(GrainClusterCollection.Name)]
public sealed class VillageRegisterGrainTests(GrainClusterFixture cluster) : IAsyncLifetime
{
    private long _village;
    private NpgsqlDataSource _db = null!;

    private IVillageGrain Grain => cluster.Grains.GetGrain<IVillageGrain>(_village);

    public async Task InitializeAsync()
    {
        _village = await cluster.ResetAsync();
        _db = NpgsqlDataSource.Create(cluster.ConnectionString);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private static MovementEntry Entry(string on, string reason = "社内转让") => new(DateOnly.Parse(on, System.Globalization.CultureInfo.InvariantCulture), reason, "", "test");

    private async Task<T> Scalar<T>(string sql, params object[] values)
    {
        await using var command = _db.CreateCommand(sql);
        foreach (var value in values) command.Parameters.Add(new() { Value = value });
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private Task<decimal> Held(int number) => Scalar<decimal>("""
        SELECT coalesce(sum(s.delta), 0) FROM share_movements s JOIN households h ON h.id = s.household_id
        WHERE h.village_id = $1 AND h.number = $2
        """, _village, number);

    private Task<long> Movements() => Scalar<long>("SELECT count(*) FROM share_movements WHERE village_id = $1", _village);

    [Fact]
    public async Task A_transfer_through_the_village_grain_moves_the_shares_and_issues_both_households_a_new_certificate()
    {
        var (before1, before2) = (await Held(1), await Held(2));

        var recorded = Assert.Single(await Grain.TransferAsync(Entry("2026-01-10"), 1, 2, "basic", 0.5m, inheritance: false));

        Assert.Equal("transfer", recorded.Kind);
        Assert.Equal(before1 - 0.5m, await Held(1));
        Assert.Equal(before2 + 0.5m, await Held(2));
        Assert.Equal(new[] { 1, 2 }, await Scalar<int[]>("""
            SELECT array_agg(h.number ORDER BY h.number) FROM share_certificates c JOIN households h ON h.id = c.household_id
            WHERE c.village_id = $1 AND c.voided_on IS NULL AND c.issued_on = DATE '2026-01-10'
            """, _village));
        Assert.Equal(recorded.No, await Scalar<long>("SELECT max(movement_no) FROM share_movements WHERE village_id = $1", _village));
    }

    [Fact]
    public async Task A_refused_movement_writes_nothing_and_the_next_movement_still_goes_through()
    {
        var held = await Held(3);
        var rows = await Movements();

        var refused = await Assert.ThrowsAsync<DomainException>(() => Grain.TransferAsync(Entry("2026-01-10"), 3, 4, "basic", held + 1m, false));
        Assert.Equal("register.negativeHolding", refused.Code);
        var unknown = await Assert.ThrowsAsync<DomainException>(() => Grain.CorrectAsync(Entry("2026-01-10", "更正"), 999_999, []));
        Assert.Equal("register.unknownMovement", unknown.Code);
        Assert.Equal(rows, await Movements());

        var recorded = Assert.Single(await Grain.TransferAsync(Entry("2026-01-11"), 3, 4, "basic", held, false));
        Assert.Equal(rows + 2, await Movements());
        Assert.Equal(0m, await Held(3));
        Assert.Equal(recorded.No, await Scalar<long>("SELECT max(movement_no) FROM share_movements WHERE village_id = $1", _village));
    }

    [Fact]
    public async Task A_movement_written_outside_the_grain_is_seen_by_the_grains_next_command()
    {
        // The grain caches the register with its first command.
        await Grain.TransferAsync(Entry("2026-01-05"), 1, 2, "basic", 0.1m, false);
        var held = await Held(5);

        // Another writer moves all of household 5's shares to household 6 (no grain involved).
        await using (var command = _db.CreateCommand("""
            INSERT INTO share_movements (village_id, movement_no, household_id, share_class, delta, effective_on, kind, reason, document_ref, entered_by)
            SELECT $1, (SELECT max(movement_no) + 1 FROM share_movements WHERE village_id = $1), h.id, 'basic',
                   CASE h.number WHEN 5 THEN -$2 ELSE $2 END, DATE '2026-01-06', 'transfer', '外部写入', '', 'sql'
            FROM households h WHERE h.village_id = $1 AND h.number IN (5, 6)
            """))
        {
            command.Parameters.Add(new() { Value = _village });
            command.Parameters.Add(new() { Value = held });
            await command.ExecuteNonQueryAsync();
        }

        // The stale cache would allow this; the fresh register refuses it (no lost update).
        var refused = await Assert.ThrowsAsync<DomainException>(() => Grain.TransferAsync(Entry("2026-01-07"), 5, 7, "basic", 0.1m, false));
        Assert.Equal("register.negativeHolding", refused.Code);

        // A good movement takes the next number after the outside writer's, not a duplicate of it.
        var recorded = Assert.Single(await Grain.TransferAsync(Entry("2026-01-07"), 6, 7, "basic", 0.1m, false));
        Assert.Equal(0L, await Scalar<long>("""
            SELECT count(*) FROM (SELECT movement_no FROM share_movements WHERE village_id = $1
                                  GROUP BY movement_no HAVING count(DISTINCT kind || reason) > 1) d
            """, _village));
        Assert.Equal(recorded.No, await Scalar<long>("SELECT max(movement_no) FROM share_movements WHERE village_id = $1", _village));
    }

    [Fact]
    public async Task Concurrent_commands_on_one_village_take_turns_and_never_reuse_a_movement_number()
    {
        // Six commands at once: the grain takes them in turn, each numbered after the last.
        await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Grain.TransferAsync(Entry($"2026-02-0{i + 1}"), 10 + i, 20 + i, "basic", 0.1m, false)));
        Assert.Equal(0L, await Scalar<long>("""
            SELECT count(*) FROM (SELECT movement_no FROM share_movements WHERE village_id = $1 GROUP BY movement_no
                                  HAVING count(*) > 2) d
            """, _village));
    }

    [Fact]
    public async Task A_split_and_a_merge_through_the_grain_open_and_end_households_and_move_their_members()
    {
        var number = await Scalar<int>("""
            SELECT h.number FROM households h JOIN members m ON m.household_id = h.id AND m.ended_on IS NULL
            WHERE h.village_id = $1 GROUP BY h.number HAVING count(*) >= 2 ORDER BY h.number LIMIT 1
            """, _village);
        var mover = await Scalar<long>("""
            SELECT m.id FROM members m JOIN households h ON h.id = m.household_id
            WHERE h.village_id = $1 AND h.number = $2 AND m.relation <> '户主' AND m.ended_on IS NULL ORDER BY m.id LIMIT 1
            """, _village, number);
        var held = await Held(number);

        var takesHead = await Assert.ThrowsAsync<DomainException>(() => Grain.SplitAsync(Entry("2026-03-01", "分户"), number, null,
            new() { ["basic"] = 0.5m }, [new(mover, "子")]));
        Assert.Equal("household.noHead", takesHead.Code);

        var split = Assert.Single(await Grain.SplitAsync(Entry("2026-03-01", "分户"), number, null, new() { ["basic"] = 0.5m }, [new(mover, "户主")]));
        var opened = split.Legs.Max(l => l.Household);
        Assert.Equal(295, opened);
        Assert.Equal(0.5m, await Held(295));
        Assert.Equal(295, await Scalar<int>("SELECT h.number FROM members m JOIN households h ON h.id = m.household_id WHERE m.id = $1", mover));

        await Grain.MergeAsync(Entry("2026-04-01", "合户"), 295, number, [new(mover, "子")]);
        Assert.Equal(held, await Held(number));
        Assert.Equal("子", await Scalar<string>("SELECT relation FROM members WHERE id = $1", mover));
        Assert.True(await Scalar<bool>("SELECT ended_on IS NOT NULL FROM households WHERE village_id = $1 AND number = 295", _village));

        var toEnded = await Assert.ThrowsAsync<DomainException>(() => Grain.TransferAsync(Entry("2026-05-01"), 1, 295, "basic", 0.1m, false));
        Assert.Equal("register.notMember", toEnded.Code);
    }

    [Fact]
    public async Task A_commit_at_a_version_another_writer_has_passed_writes_nothing()
    {
        // What a second activation holding the register from before the grain's movement would try.
        var storage = cluster.SiloServices.GetRequiredService<IRegisterStorage>();
        var stale = await storage.LoadAsync(_village, CancellationToken.None);
        await Grain.TransferAsync(Entry("2026-01-10"), 1, 2, "basic", 0.1m, false);
        var rows = await Movements();

        var movement = stale.Register.Transfer(new MovementInfo(new DateOnly(2026, 1, 11), "社内转让", "", "test"), 3, 4, "basic", 0.1m);
        Assert.Null(await storage.CommitAsync(_village, stale.Version, new RegisterChange([movement]), stale.HouseholdIds, CancellationToken.None));

        Assert.Equal(rows, await Movements());
    }
}
