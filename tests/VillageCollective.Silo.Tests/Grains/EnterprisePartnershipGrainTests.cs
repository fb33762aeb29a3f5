using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using VillageCollective.Grains;
using VillageCollective.Grains.Money;
using VillageCollective.Grains.Partnerships;
using VillageCollective.Silo.Storage.Partnerships;

namespace VillageCollective.Silo.Tests.Grains;

/// <summary>
/// The enterprise partnership grain on the two-silo test cluster over PostgreSQL: a pooled project of five villages of
/// 木垒县 (uneven contributions, two joining during 2025), settled, corrected and paid through the grain.
/// </summary>
[Collection(GrainClusterCollection.Name)]
public sealed class EnterprisePartnershipGrainTests(GrainClusterFixture cluster) : IAsyncLifetime
{
    private static readonly DateOnly SettledOn = new(2026, 3, 1);
    private NpgsqlDataSource _db = null!;
    private long _county;
    private long[] _villages = [];
    private long _partnership;
    private PartnershipContract _contract = null!;

    public async Task InitializeAsync()
    {
        await cluster.ResetAsync();
        _db = NpgsqlDataSource.Create(cluster.ConnectionString);
        _county = await ScalarAsync<long>("SELECT id FROM counties WHERE name = '木垒县'");
        var township = await ScalarAsync<long>($"INSERT INTO townships (county_id, name) VALUES ({_county}, '抱团镇') RETURNING id");
        _villages = new long[5];
        for (var i = 0; i < _villages.Length; i++)
        {
            _villages[i] = await ScalarAsync<long>(
                $"INSERT INTO villages (code, name, township, county, township_id) VALUES ('pool{i}', '抱团{i}村', '抱团镇', '木垒县', {township}) RETURNING id");
        }
        var enterprise = await ScalarAsync<long>(
            $"INSERT INTO enterprises (county_id, name, credit_code) VALUES ({_county}, '抱团运营公司', '91652328MA7AD0C31J') RETURNING id");
        var start = new DateOnly(2025, 1, 1);
        decimal[] money = [1_700_000m, 1_333_333.33m, 987_654.32m, 2_000_000m, 555_555.55m];
        DateOnly[] joined = [start, start, new(2025, 4, 17), start, new(2025, 9, 3)];
        _contract = new PartnershipContract(enterprise, "飞地抱团试验", start, new DateOnly(2034, 12, 31), new Yuan(10_000m),
            _villages.Select((v, i) => new PartnershipParty(v, joined[i], Contribution.Cash(new Yuan(money[i]))))
                .Append(new PartnershipParty(null, start, Contribution.Assets(new Yuan(3_000_000m)))).ToList(),
            IncomeTerms.Guaranteed(IncomeMode.GuaranteePlusProfitShare, null, 6m, 40m), PaymentSchedule.Default, 26);
        _partnership = await cluster.SiloServices.GetRequiredService<PartnershipStore>().CreateAsync(_county, _contract, "test", false, CancellationToken.None);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private IEnterprisePartnershipGrain Grain => cluster.Grains.GetGrain<IEnterprisePartnershipGrain>(_partnership);

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var command = _db.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private SettleYear Settle(decimal netProfit, string? reason = null) => new(_county, 2025, 9_500_000m, netProfit, reason, SettledOn, "test");

    private RecordPartnershipPayment Pay(long village, decimal amount) => new(_county, village, 2025, SettledOn, amount, "", "test");

    // Each village's 投资收益 of 2025 from partnership settlements (entries and their reversals), yuan.
    private async Task<decimal> PostedAsync(long village) =>
        await ScalarAsync<decimal>($"SELECT coalesce(sum(amount), 0) FROM book_entries WHERE village_id = {village} AND year = 2025 " +
                                   "AND category = 'investment_income' AND settlement_id IS NOT NULL");

    [Fact]
    public async Task A_pooled_year_settled_through_the_grain_posts_each_villages_share_into_its_books_to_the_fen()
    {
        var answer = await Grain.SettleAsync(Settle(1_234_567.89m));
        var expected = SettlementCalculator.Settle(_contract, 2025, new Yuan(9_500_000m), new Yuan(1_234_567.89m));

        Assert.Equal(PartnershipOutcome.Done, answer.Outcome);
        var posted = new List<decimal>();
        foreach (var village in _villages) posted.Add(await PostedAsync(village));
        Assert.Equal(expected.Lines.Where(l => l.VillageId is not null).Select(l => l.Owed.Amount), posted);
        Assert.Equal(expected.TotalOwed.Amount, posted.Sum());
        Assert.Equal(expected.TotalOwed.Amount, await ScalarAsync<decimal>($"SELECT total_owed FROM partnership_settlements WHERE id = {answer.Id}"));
        Assert.Equal(expected.TotalOwed.Amount, await ScalarAsync<decimal>($"SELECT sum(owed) FROM settlement_lines WHERE settlement_id = {answer.Id}"));
        // Every line that is owed something names the entry that posted it, in its own village.
        Assert.Equal(5L, await ScalarAsync<long>($"""
            SELECT count(*) FROM settlement_lines l JOIN book_entries e ON e.id = l.book_entry_id AND e.village_id = l.village_id AND e.amount = l.owed
            WHERE l.settlement_id = {answer.Id}
            """));
    }

    [Fact]
    public async Task Settling_a_year_again_needs_a_reason_supersedes_the_old_settlement_and_reverses_its_entries()
    {
        var first = await Grain.SettleAsync(Settle(1_000_000m));
        var refused = await Grain.SettleAsync(Settle(3_000_000m));
        var corrected = await Grain.SettleAsync(Settle(3_000_000m, "审计调整"));
        var expected = SettlementCalculator.Settle(_contract, 2025, new Yuan(9_500_000m), new Yuan(3_000_000m));

        Assert.Equal(PartnershipOutcome.YearSettled, refused.Outcome);
        Assert.Equal(PartnershipOutcome.Done, corrected.Outcome);
        Assert.Equal(corrected.Id, await ScalarAsync<long>($"SELECT superseded_by FROM partnership_settlements WHERE id = {first.Id}"));
        Assert.Equal(5L, await ScalarAsync<long>($"SELECT count(*) FROM book_entries WHERE settlement_id = {first.Id} AND reverses_id IS NOT NULL AND reason = '审计调整'"));
        var posted = new List<decimal>();
        foreach (var village in _villages) posted.Add(await PostedAsync(village));
        Assert.Equal(expected.Lines.Where(l => l.VillageId is not null).Select(l => l.Owed.Amount), posted);
    }

    [Fact]
    public async Task A_payment_beyond_what_is_owed_is_refused_and_writes_nothing()
    {
        var settled = await Grain.SettleAsync(Settle(1_000_000m));
        var owed = await ScalarAsync<decimal>($"SELECT owed FROM settlement_lines WHERE settlement_id = {settled.Id} AND village_id = {_villages[2]}");
        var version = await ScalarAsync<long>($"SELECT version FROM partnerships WHERE id = {_partnership}");

        var refused = await Assert.ThrowsAsync<DomainException>(() => Grain.RecordPaymentAsync(Pay(_villages[2], owed + 0.01m)));

        Assert.Equal(("payment.exceedsOwed", "amount"), (refused.Code, refused.Field));
        Assert.Equal(0L, await ScalarAsync<long>("SELECT count(*) FROM partnership_payments"));
        Assert.Equal(version, await ScalarAsync<long>($"SELECT version FROM partnerships WHERE id = {_partnership}"));
        Assert.Equal(PartnershipOutcome.Done, (await Grain.RecordPaymentAsync(Pay(_villages[2], owed))).Outcome);
        Assert.Equal("payment.exceedsOwed", (await Assert.ThrowsAsync<DomainException>(() => Grain.RecordPaymentAsync(Pay(_villages[2], 0.01m)))).Code);
    }

    [Fact]
    public async Task A_payment_written_outside_the_grain_makes_the_grain_reload_so_nothing_is_overpaid()
    {
        var settled = await Grain.SettleAsync(Settle(1_000_000m));
        var owed = await ScalarAsync<decimal>($"SELECT owed FROM settlement_lines WHERE settlement_id = {settled.Id} AND village_id = {_villages[0]}");
        // The grain holds its ledger (nothing paid); someone records all but 100 yuan straight into the table.
        await ScalarAsync<long>($"""
            INSERT INTO partnership_payments (village_id, partnership_id, year, paid_on, amount, entered_by)
            VALUES ({_villages[0]}, {_partnership}, 2025, '2026-03-02', {owed - 100m}, 'script') RETURNING id
            """);

        var refused = await Assert.ThrowsAsync<DomainException>(() => Grain.RecordPaymentAsync(Pay(_villages[0], 200m)));
        var paid = await Grain.RecordPaymentAsync(Pay(_villages[0], 100m));

        Assert.Equal("payment.exceedsOwed", refused.Code);
        Assert.Equal(PartnershipOutcome.Done, paid.Outcome);
        Assert.Equal(owed, await ScalarAsync<decimal>($"SELECT sum(amount) FROM partnership_payments WHERE village_id = {_villages[0]}"));
    }

    [Fact]
    public async Task A_refusal_is_not_given_on_figures_another_writer_has_changed_since_the_grain_loaded_them()
    {
        var settled = await Grain.SettleAsync(Settle(1_000_000m));
        var owed = await ScalarAsync<decimal>($"SELECT owed FROM settlement_lines WHERE settlement_id = {settled.Id} AND village_id = {_villages[1]}");
        var payment = await Grain.RecordPaymentAsync(Pay(_villages[1], owed));
        // The grain now holds the year as paid in full; a payment entered by mistake is taken out behind its back.
        await ScalarAsync<long>($"DELETE FROM partnership_payments WHERE id = {payment.Id} RETURNING id");

        var again = await Grain.RecordPaymentAsync(Pay(_villages[1], 100m));

        Assert.Equal(PartnershipOutcome.Done, again.Outcome);
        Assert.Equal(100m, await ScalarAsync<decimal>($"SELECT sum(amount) FROM partnership_payments WHERE village_id = {_villages[1]}"));
    }

    [Fact]
    public async Task A_settlement_superseded_outside_the_grain_makes_the_grain_reload_before_it_settles_again()
    {
        var first = await Grain.SettleAsync(Settle(1_000_000m));
        // Another writer corrects the year behind the grain's back (the old settlement is no longer standing).
        await using (var command = _db.CreateCommand($"""
            DO $$
            DECLARE
                correction bigint := nextval(pg_get_serial_sequence('partnership_settlements', 'id'));
            BEGIN
                UPDATE partnership_settlements SET superseded_by = correction WHERE id = {first.Id};
                INSERT INTO partnership_settlements (id, partnership_id, year, revenue, net_profit, guarantee_total, distributed_profit, per_share_rate,
                                                     profit_residue, total_owed, statement, settled_on, settled_by)
                OVERRIDING SYSTEM VALUE VALUES (correction, {_partnership}, 2025, 0, 0, 0, 0, 0, 0, 0, ARRAY[]::text[], '2026-03-02', 'script');
            END $$
            """))
        {
            await command.ExecuteNonQueryAsync();
        }

        var again = await Grain.SettleAsync(Settle(2_000_000m, "复核"));

        Assert.Equal(PartnershipOutcome.Done, again.Outcome);
        Assert.Equal(1L, await ScalarAsync<long>($"SELECT count(*) FROM partnership_settlements WHERE partnership_id = {_partnership} AND superseded_by IS NULL"));
        Assert.Equal(again.Id, await ScalarAsync<long>($"SELECT id FROM partnership_settlements WHERE partnership_id = {_partnership} AND superseded_by IS NULL"));
    }

    [Fact]
    public async Task A_partnership_of_another_county_is_not_found_and_nothing_is_written()
    {
        var answer = await Grain.SettleAsync(Settle(1_000_000m) with { CountyId = _county + 1_000 });

        Assert.Equal(PartnershipOutcome.NotFound, answer.Outcome);
        Assert.Equal(0L, await ScalarAsync<long>("SELECT count(*) FROM partnership_settlements"));
    }
}
