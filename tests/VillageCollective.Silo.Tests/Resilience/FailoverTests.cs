using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit.Abstractions;

namespace VillageCollective.Silo.Tests.Resilience;

/// <summary>
/// Failover of the dividend meeting (issue 14): two silo processes of one Orleans cluster behind nginx, eight cashiers
/// marking a whole run through nginx, and <c>kill -9</c> of the silo that holds the meeting's grain in the middle. The other
/// silo takes the grain over; requests in between get 503 with <c>Retry-After</c> (or nginx's 502 for a request that was
/// inside the killed process), never a 500; the cashiers send them again with the same Idempotency-Key, as the web client
/// does; marking resumes within 15 s; every acknowledged mark is stored exactly once and the consistency check is clean.
/// </summary>
[Collection(ResilienceCollection.Name)]
public sealed class FailoverTests(ITestOutputHelper output)
{
    private static readonly TimeSpan ResumeWithin = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Killing_the_silo_that_holds_the_meeting_moves_it_and_marking_resumes_within_15_seconds_with_each_mark_stored_once()
    {
        var database = await CrashDatabase.CreateAsync("failover", 0);
        var (village, run) = (await CrashDatabase.RunAllAsync(database)).Single();
        await PayoutStorm.PrepareAsync(database, [(village, run)]);
        var lines = await CrashDatabase.ScalarAsync<int>(database, $"SELECT household_count FROM dividend_runs WHERE id = {run}");
        var homes = new[] { Directory.CreateTempSubdirectory("vc-home-a"), Directory.CreateTempSubdirectory("vc-home-b") };
        try
        {
            var silos = new[]
            {
                await SiloProcess.StartServerAsync(database, homes[0].FullName),
                await SiloProcess.StartServerAsync(database, homes[1].FullName),
            };
            await using var first = silos[0];
            await using var second = silos[1];
            await using var nginx = await Nginx.StartAsync(new Uri(first.Url!).Port, new Uri(second.Url!).Port);
            var storm = new PayoutStorm(village, run, lines);
            var cashiers = await PayoutStorm.CashiersAsync(nginx.Url);

            // Each process names its Orleans address; the meeting (activated by the first mark) names the silo that holds it.
            var orleansAddress = new Dictionary<string, SiloProcess>();
            foreach (var silo in silos)
            {
                var admin = await SiloProcess.LoginAsync(silo.Url!, 3);
                orleansAddress[(await admin.GetFromJsonAsync<JsonElement>("/api/cluster")).GetProperty("thisSilo").GetString()!] = silo;
            }
            var transient = new List<string>();
            var acknowledgedAt = new List<DateTimeOffset>();
            var attempts = new List<MarkAttempt>();
            var next = 0;
            var killedAt = DateTimeOffset.MaxValue;
            var killAfter = lines / 3;
            var killed = new TaskCompletionSource();

            var marking = Task.WhenAll(cashiers.Select(async client =>
            {
                while (Interlocked.Increment(ref next) is var line && line <= lines)
                {
                    var attempt = await storm.MarkUntilAnsweredAsync(client, line, TimeSpan.FromSeconds(60), outcome => { lock (transient) transient.Add(outcome); });
                    lock (attempts)
                    {
                        attempts.Add(attempt);
                        if (attempt.EventId is not null) acknowledgedAt.Add(DateTimeOffset.UtcNow);
                        if (attempts.Count == killAfter) killed.TrySetResult();
                    }
                }
            }));

            await killed.Task.WaitAsync(TimeSpan.FromSeconds(120));
            var watcher = await SiloProcess.LoginAsync(first.Url!, 0);
            var holder = (await watcher.GetFromJsonAsync<JsonElement>($"{storm.Url}/silo")).GetProperty("silo").GetString()!;
            var victim = orleansAddress[holder];
            killedAt = DateTimeOffset.UtcNow;
            victim.KillHard();
            output.WriteLine($"killed the silo holding the meeting ({holder}) after {killAfter} marks");
            await marking.WaitAsync(TimeSpan.FromSeconds(180));

            // Marking resumed: the first mark acknowledged after the kill came within the limit.
            var resumed = acknowledgedAt.Where(t => t > killedAt).Min() - killedAt;
            output.WriteLine($"first mark acknowledged {resumed.TotalSeconds:F1} s after the kill; transient answers: " +
                string.Join(", ", transient.GroupBy(t => t).Select(g => $"{g.Key} ×{g.Count()}")));
            Assert.True(resumed <= ResumeWithin, $"marking resumed after {resumed.TotalSeconds:F1} s");
            Assert.All(transient.Where(t => t.StartsWith("503", StringComparison.Ordinal)), t => Assert.Contains("Retry-After", t, StringComparison.Ordinal));
            Assert.All(attempts, a => Assert.True(a.EventId is not null, $"line {a.LineNo}: {a.Outcome}"));

            // The survivor holds the meeting now; every acknowledged mark is there exactly once; replays create nothing.
            var survivor = silos.Single(s => s != victim);
            var survivorCashiers = await PayoutStorm.CashiersAsync(survivor.Url!);
            await storm.CheckAfterRestartAsync(database, survivorCashiers, attempts, "failover");
        }
        finally
        {
            foreach (var home in homes) home.Delete(recursive: true);
        }
    }
}
