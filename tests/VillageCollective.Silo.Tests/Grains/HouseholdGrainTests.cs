using Npgsql;
using VillageCollective.Grains;
using VillageCollective.Grains.Household;
using VillageCollective.Grains.Village;

namespace VillageCollective.Silo.Tests.Grains;

/// <summary>The household grain's edits against the real PostgreSQL of the test cluster (Baiyanghe's demo).</summary>
[Collection(GrainClusterCollection.Name)]
public sealed class HouseholdGrainTests(GrainClusterFixture cluster) : IAsyncLifetime
{
    private long _village;
    private NpgsqlDataSource _db = null!;

    public async Task InitializeAsync()
    {
        _village = await cluster.ResetAsync();
        _db = NpgsqlDataSource.Create(cluster.ConnectionString);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<T> Scalar<T>(string sql, params object[] values)
    {
        await using var command = _db.CreateCommand(sql);
        foreach (var value in values) command.Parameters.Add(new() { Value = value });
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private IHouseholdGrain Household(int number) => cluster.Grains.GetGrain<IHouseholdGrain>(_village, number.ToString(System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public async Task A_members_phone_set_through_the_household_grain_is_stored_and_gives_the_village_a_new_version()
    {
        var member = await Scalar<long>("SELECT m.id FROM members m JOIN households h ON h.id = m.household_id WHERE h.village_id = $1 AND h.number = 1 ORDER BY m.id LIMIT 1", _village);
        var version = await Scalar<long>("SELECT version FROM villages WHERE id = $1", _village);

        await Household(1).SetMemberParticularsAsync(member, new(null, null, null, null, "0994-1234567", null));

        Assert.Equal("0994-1234567", await Scalar<string>("SELECT phone FROM members WHERE id = $1", member));
        Assert.True(await Scalar<long>("SELECT version FROM villages WHERE id = $1", _village) > version);
    }

    [Fact]
    public async Task A_bad_phone_or_a_member_of_another_household_is_refused_and_nothing_is_written()
    {
        var member = await Scalar<long>("SELECT m.id FROM members m JOIN households h ON h.id = m.household_id WHERE h.village_id = $1 AND h.number = 1 ORDER BY m.id LIMIT 1", _village);
        var phone = await Scalar<string>("SELECT phone FROM members WHERE id = $1", member);

        var bad = await Assert.ThrowsAsync<DomainException>(() => Household(1).SetMemberParticularsAsync(member, new(null, null, null, null, "call me", null)));
        Assert.Equal("member.phone", bad.Code);
        await Assert.ThrowsAnyAsync<Exception>(() => Household(2).SetMemberParticularsAsync(member, new(null, null, null, null, "13800000000", null)));

        Assert.Equal(phone, await Scalar<string>("SELECT phone FROM members WHERE id = $1", member));
    }

    [Fact]
    public async Task The_village_grain_splits_after_a_household_edit_made_while_it_held_the_register()
    {
        var village = cluster.Grains.GetGrain<IVillageGrain>(_village);
        var held = await village.RegisterVersionAsync();
        await Household(1).SetParticularsAsync("一组", "白杨河村1号");
        Assert.Equal("白杨河村1号", await Scalar<string>("SELECT address FROM households WHERE village_id = $1 AND number = 1", _village));

        // The held register is stale now; the next command reloads it and commits at the newer version.
        await village.TransferAsync(new MovementEntry(new DateOnly(2026, 1, 10), "社内转让", "", "test"), 1, 2, "basic", 0.1m, false);
        Assert.True(await village.RegisterVersionAsync() > held);
    }

    [Fact]
    public async Task The_household_grain_answers_with_its_statement_and_null_for_an_unknown_household()
    {
        var village = cluster.Grains.GetGrain<IVillageGrain>(_village);
        var before = (await Household(2).StatementAsync())!;
        await village.TransferAsync(new MovementEntry(new DateOnly(2026, 1, 10), "社内转让", "", "test"), 1, 2, "basic", 0.1m, false);

        var after = (await Household(2).StatementAsync())!;
        Assert.Equal(before.Count + 1, after.Count);
        Assert.Equal("transfer", after[^1].Kind);
        Assert.Equal(0.1m, after[^1].Delta);
        Assert.Equal(before[^1].Balance + 0.1m, after[^1].Balance);
        Assert.Equal("1", after[^1].Counterparts);
        Assert.Null(await Household(9999).StatementAsync());
    }
}
