using Microsoft.Extensions.DependencyInjection;
using VillageCollective.Silo.Batch;
using VillageCollective.Silo.Demo;
using VillageCollective.Silo.Storage;

namespace VillageCollective.Silo.Tests.Batch;

/// <summary>
/// The dividend batch writes several villages per transaction (<see cref="DividendRunStore.StartManyAsync"/>): a village
/// the grain refuses, or one already run, sits among villages that are written, and each keeps its own outcome.
/// </summary>
[Collection(SiloCollection.Name)]
public sealed class DividendBatchTests(SiloFixture silo) : ResetTest<SiloFixture>(silo)
{
    [Fact]
    public async Task Villages_sharing_a_transaction_keep_their_own_outcome_refused_already_run_or_written_whole()
    {
        var generated = await Silo.Services.GetRequiredService<PrefectureGenerator>().GenerateAsync(6, null, CancellationToken.None);
        var refusedVillage = generated[2];
        // A fixed rate of 300 yuan on 846.2 shares pays 253,860.00, more than the pool of 186,500.00: the grain refuses it.
        await Silo.ScalarAsync<int>($"UPDATE distribution_plans SET rate_mode = 'fixed', fixed_rate = 300, rounding_unit = NULL WHERE village_id = {refusedVillage} RETURNING 1");
        var client = await Silo.AccountantAsync();
        (await client.StartRunAsync(Village, 2025, 1, "by-hand")).EnsureSuccessStatusCode();

        var reported = new List<BatchProgress>();
        var (last, refusals) = await Silo.Services.GetRequiredService<DividendBatch>().RunAsync(2025, null, reported.Add,
            CancellationToken.None, parallelism: 2, villagesPerTransaction: 3);

        Assert.Equal((7, 5, 1, 1, 5 * 294L), (last.Done, last.Created, last.AlreadyRun, last.Refused, last.LinesWritten));
        Assert.Equal(Enumerable.Range(1, 7), reported.Select(p => p.Done));
        var refusal = Assert.Single(refusals);
        Assert.Equal((refusedVillage, "plan.rateExceedsPool"), (refusal.VillageId, refusal.Code));
        Assert.Equal(0L, await Silo.ScalarAsync<long>($"SELECT count(*) FROM dividend_runs WHERE village_id = {refusedVillage}"));
        Assert.Equal(6L, await Silo.ScalarAsync<long>("SELECT count(*) FROM dividend_runs"));
        Assert.Equal(6 * 294L, await Silo.ScalarAsync<long>("SELECT count(*) FROM payout_lines"));
        Assert.Equal(await Silo.ScalarAsync<decimal>("SELECT sum(total_paid) FROM dividend_runs WHERE started_by = 'batch'"),
            await Silo.ScalarAsync<decimal>("SELECT sum(amount) FROM payout_lines WHERE run_id IN (SELECT id FROM dividend_runs WHERE started_by = 'batch')"));
        var report = await Silo.Services.GetRequiredService<ConsistencyStore>().CheckAsync(null, CancellationToken.None);
        Assert.True(report.Consistent, string.Join("; ", report.Differences.Take(5)));
        // Each village's run and lines are audited in its own chain, whoever shared its transaction.
        Assert.Equal(5L, await Silo.ScalarAsync<long>("SELECT count(DISTINCT chain) FROM audit_log WHERE table_name = 'payout_lines' AND actor = 'batch'"));

        var again = await Silo.Services.GetRequiredService<DividendBatch>().RunAsync(2025, null, null, CancellationToken.None, 2, 3);
        Assert.Equal((0, 6, 1), (again.Progress.Created, again.Progress.AlreadyRun, again.Progress.Refused));
        Assert.Equal(6L, await Silo.ScalarAsync<long>("SELECT count(*) FROM dividend_runs"));
    }

    [Fact]
    public async Task A_batch_run_has_the_same_lines_as_the_same_plan_run_through_the_api()
    {
        var generated = await Silo.Services.GetRequiredService<PrefectureGenerator>().GenerateAsync(1, null, CancellationToken.None);
        var client = await Silo.AccountantAsync();
        (await client.StartRunAsync(Village, 2025, 1, "by-hand")).EnsureSuccessStatusCode();

        await Silo.Services.GetRequiredService<DividendBatch>().RunAsync(2025, null, null, CancellationToken.None);

        const string lines = "SELECT string_agg(concat_ws(',', line_no, household_number, head_name, member_count, shares, amount), ';' ORDER BY line_no) FROM payout_lines WHERE village_id = ";
        Assert.Equal(await Silo.ScalarAsync<string>(lines + Village), await Silo.ScalarAsync<string>(lines + generated[0]));
    }
}
