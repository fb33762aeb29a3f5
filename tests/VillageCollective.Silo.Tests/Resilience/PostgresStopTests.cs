using Xunit.Abstractions;

namespace VillageCollective.Silo.Tests.Resilience;

/// <summary>
/// PostgreSQL stopped at once (<c>pg_ctl stop -m immediate</c>, its own throw-away cluster) in the middle of a payout storm, at
/// <see cref="CrashMoments.Count"/> moments, and started again while the silo keeps running: every acknowledged payout
/// survives, none is doubled, replays create nothing new, and the silo serves again without a restart of its own.
/// </summary>
[Collection(ResilienceCollection.Name)]
public sealed class PostgresStopTests(ITestOutputHelper output)
{
    [Fact]
    public async Task After_an_immediate_PostgreSQL_stop_during_payouts_every_acknowledged_payout_is_there_once()
    {
        await using var cluster = await OwnCluster.StartAsync();
        var (database, runs, lines) = await PayoutStorm.DatabaseAsync("pgstop", CrashMoments.Count, cluster.ConnectionString);
        await using var silo = await SiloProcess.StartServerAsync(database);

        var warmUp = await new PayoutStorm(runs[0].Village, runs[0].Run, lines).MarkAllAsync(await PayoutStorm.CashiersAsync(silo.Url!), CancellationToken.None);
        Assert.All(warmUp, a => Assert.Equal("201", a.Outcome));

        var midStorm = 0;
        for (var i = 1; i <= CrashMoments.Count; i++)
        {
            var moment = $"moment {i}/{CrashMoments.Count}";
            var storm = new PayoutStorm(runs[i].Village, runs[i].Run, lines);
            // Spread over the first 90%: stopping PostgreSQL takes a moment of its own, and the storm runs on meanwhile.
            var after = (int)CrashMoments.Spread(i, lines * 0.9);
            var marking = storm.MarkAllAsync(await PayoutStorm.CashiersAsync(silo.Url!), CancellationToken.None);
            await storm.WaitAcknowledgedAsync(after, marking);
            await cluster.StopImmediatelyAsync();
            await Task.Delay(300);
            await cluster.RestartAsync();
            var attempts = await marking;

            var acked = attempts.Count(a => a.EventId is not null);
            var failed = attempts.Count(a => a.EventId is null);
            await storm.CheckAfterRestartAsync(database, await PayoutStorm.CashiersAsync(silo.Url!), attempts, moment);
            output.WriteLine($"{moment}: PostgreSQL stopped after {after} acknowledged marks; {acked} acknowledged in all, {failed} failed; all there once after the restart");
            if (failed > 0) midStorm++;
        }
        // The moments are meant to fall inside the storm: at most one may come too late.
        Assert.True(midStorm >= CrashMoments.Count - 1, $"only {midStorm} of {CrashMoments.Count} stops came during the storm");
    }
}
