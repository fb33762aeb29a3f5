using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace VillageCollective.Silo.Tests.Resilience;

/// <summary>
/// kill -9 of the silo in the middle of a dividend batch (<c>--dividend-batch 2025</c>), at <see cref="CrashMoments.Count"/>
/// moments spread over the batch — from before its first village to its last — then a restart of the batch. The batch
/// writes several villages per transaction; a kill loses the transactions under way, never part of one. While the batch
/// runs, the test holds the last village's lock (as another writer of that village would), so the batch cannot end before
/// the kill however fast the machine: every kill lands mid-batch, and the batch is seen to wait its turn for a village.
/// </summary>
[Collection(ResilienceCollection.Name)]
public sealed partial class BatchCrashTests(ITestOutputHelper output)
{
    private const int GeneratedVillages = 40;

    [Fact]
    public async Task After_a_kill_at_any_moment_every_run_is_whole_and_the_restarted_batch_finishes_without_making_any_run_twice()
    {
        var database = await CrashDatabase.CreateAsync("batchcrash", GeneratedVillages);
        var villages = GeneratedVillages + 1;
        var lastVillage = await CrashDatabase.ScalarAsync<long>(database, "SELECT max(id) FROM villages");
        for (var i = 1; i <= CrashMoments.Count; i++)
        {
            var moment = $"moment {i}/{CrashMoments.Count}";
            await CrashDatabase.ExecuteAsync(database, "DELETE FROM payout_lines; DELETE FROM dividend_runs;");
            // Kill once the batch has reported this many villages, a few milliseconds later: inside the next transaction.
            // Over the first 80%: transactions under way when the kill comes still finish meanwhile. Three villages to a
            // transaction (the default 50 would make this small batch one transaction); odd moments run four
            // transactions side by side, even ones one at a time.
            var afterVillages = (int)CrashMoments.Spread(i, villages * 0.8);
            var parallel = i % 2 == 1 ? "4" : "1";
            await using (var lastVillageWriter = await CrashDatabase.LockVillageAsync(database, lastVillage))
            await using (var batch = SiloProcess.StartCommand(database, "--dividend-batch", "2025", "--progress-every", "1", "--parallel", parallel,
                "--villages-per-transaction", "3"))
            {
                await batch.WaitForLineAsync(afterVillages == 0 ? l => l.StartsWith("分红批处理", StringComparison.Ordinal) : l => l.StartsWith($"{afterVillages}/", StringComparison.Ordinal),
                    TimeSpan.FromSeconds(60));
                await Task.Delay(i % 4 * 3);
                batch.KillHard();
            }
            await Invariants.ConsistentAsync(database, moment);
            var runsAtCrash = (int)await CrashDatabase.ScalarAsync<long>(database, "SELECT count(*) FROM dividend_runs");
            // The transaction holding the last village waited for the test's lock, so at least its village is missing.
            Assert.InRange(runsAtCrash, afterVillages, villages - 1);

            var resumed = await FinishBatchAsync(database, moment);
            Assert.Equal(villages - runsAtCrash, resumed.Created);
            Assert.Equal(runsAtCrash, resumed.AlreadyRun);
            await Invariants.ConsistentAsync(database, moment + ", resumed");
            Assert.Equal(villages, await CrashDatabase.ScalarAsync<long>(database, "SELECT count(DISTINCT village_id) FROM dividend_runs"));

            // A replay with the same keys creates nothing new.
            var replay = await FinishBatchAsync(database, moment + ", replay");
            Assert.Equal((0, villages), (replay.Created, replay.AlreadyRun));
            Assert.Equal(villages, await CrashDatabase.ScalarAsync<long>(database, "SELECT count(*) FROM dividend_runs"));
            output.WriteLine($"{moment} (--parallel {parallel}): killed after {afterVillages} reported villages with {runsAtCrash} runs committed; resumed and created {resumed.Created}");
        }
    }

    private static async Task<(int Created, int AlreadyRun)> FinishBatchAsync(string database, string moment)
    {
        await using var batch = SiloProcess.StartCommand(database, "--dividend-batch", "2025");
        var exit = await batch.ExitCodeAsync(TimeSpan.FromMinutes(2));
        var done = await batch.WaitForLineAsync(l => l.StartsWith("done:", StringComparison.Ordinal), TimeSpan.FromSeconds(5));
        Assert.True(exit == 0, $"{moment}: batch exit {exit}: {string.Join('\n', batch.Lines)}");
        var match = Counts().Match(done);
        Assert.True(match.Success, done);
        return (int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"created (\d+), already run (\d+), refused 0")]
    private static partial Regex Counts();
}
