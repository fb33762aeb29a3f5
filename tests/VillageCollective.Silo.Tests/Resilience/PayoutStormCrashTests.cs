using Xunit.Abstractions;

namespace VillageCollective.Silo.Tests.Resilience;

/// <summary>
/// kill -9 of the silo in the middle of a payout storm (8 cashier clients marking a 294-line run at once), at
/// <see cref="CrashMoments.Count"/> moments spread over the storm's length; after a restart every acknowledged mark is
/// there, nothing is doubled, and replays with the same keys create nothing new.
/// </summary>
[Collection(ResilienceCollection.Name)]
public sealed class PayoutStormCrashTests(ITestOutputHelper output)
{
    [Fact]
    public async Task After_a_kill_during_a_payout_storm_every_acknowledged_payout_is_there_once_and_replays_create_nothing()
    {
        // One village's run per moment, plus Baiyanghe's run to measure how long an undisturbed storm takes.
        var (database, runs, lines) = await PayoutStorm.DatabaseAsync("stormcrash", CrashMoments.Count);

        var silo = await SiloProcess.StartServerAsync(database);
        try
        {
            // Warm up (JIT, pools) with Baiyanghe's run, undisturbed: all 294 marks are created.
            var warmUp = await new PayoutStorm(runs[0].Village, runs[0].Run, lines).MarkAllAsync(await PayoutStorm.CashiersAsync(silo.Url!), CancellationToken.None);
            Assert.All(warmUp, a => Assert.Equal("201", a.Outcome));

            var midStorm = 0;
            for (var i = 1; i <= CrashMoments.Count; i++)
            {
                var moment = $"moment {i}/{CrashMoments.Count}";
                var storm = new PayoutStorm(runs[i].Village, runs[i].Run, lines);
                // The moment: once this many marks are acknowledged (spread over the storm), plus a few milliseconds.
                var after = (int)CrashMoments.Spread(i, lines * 0.9);
                var marking = storm.MarkAllAsync(await PayoutStorm.CashiersAsync(silo.Url!), CancellationToken.None);
                await storm.WaitAcknowledgedAsync(after, marking);
                await Task.Delay(i % 4 * 2);
                silo.KillHard();
                var attempts = await marking;
                await silo.DisposeAsync();

                silo = await SiloProcess.StartServerAsync(database);
                var acked = attempts.Count(a => a.EventId is not null);
                await storm.CheckAfterRestartAsync(database, await PayoutStorm.CashiersAsync(silo.Url!), attempts, moment);
                output.WriteLine($"{moment}: killed after {after} acknowledged marks; {acked} of {lines} acknowledged in all; all there once after the restart");
                if (acked < lines) midStorm++;
            }
            // The moments are meant to fall inside the storm: at most one may come too late.
            Assert.True(midStorm >= CrashMoments.Count - 1, $"only {midStorm} of {CrashMoments.Count} kills came during the storm");
        }
        finally
        {
            await silo.DisposeAsync();
        }
    }
}
