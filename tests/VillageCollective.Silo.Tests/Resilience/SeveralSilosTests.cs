using System.Text.Json;
using Xunit.Abstractions;

namespace VillageCollective.Silo.Tests.Resilience;

/// <summary>
/// Two silo processes (each with a home folder of its own, as on two machines) against one PostgreSQL behind Debian's nginx on
/// 127.0.0.1: cashiers mark a whole run through the proxy at once — their requests spread over both silos — while the live
/// board is watched directly on each silo and through nginx. The two processes form one Orleans cluster.
/// </summary>
[Collection(ResilienceCollection.Name)]
public sealed class SeveralSilosTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Marks_through_nginx_over_two_silos_are_each_stored_once_and_every_board_stream_sees_them_all()
    {
        var database = await CrashDatabase.CreateAsync("twosilos", 0);
        var (village, run) = (await CrashDatabase.RunAllAsync(database)).Single();
        await PayoutStorm.PrepareAsync(database, [(village, run)]);
        var lines = await CrashDatabase.ScalarAsync<int>(database, $"SELECT household_count FROM dividend_runs WHERE id = {run}");
        var homes = new[] { Directory.CreateTempSubdirectory("vc-home-a"), Directory.CreateTempSubdirectory("vc-home-b") };
        try
        {
            var started = DateTimeOffset.UtcNow.AddSeconds(-1);
            await using var first = await SiloProcess.StartServerAsync(database, homes[0].FullName);
            await using var second = await SiloProcess.StartServerAsync(database, homes[1].FullName);
            // The two processes are one Orleans cluster: both joined through the membership table and are Active (3).
            Assert.Equal(2, await CrashDatabase.ScalarAsync<long>(database,
                $"SELECT count(*) FROM orleans_membership WHERE status = 3 AND start_time >= '{started:O}'"));
            await using var nginx = await Nginx.StartAsync(new Uri(first.Url!).Port, new Uri(second.Url!).Port);
            var storm = new PayoutStorm(village, run, lines);

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
            var connected = new[] { first.Url!, second.Url!, nginx.Url }.ToDictionary(url => url, _ => new TaskCompletionSource<JsonElement>());
            var watchers = connected
                .Select(async c => (c.Key, await WatchBoardAsync(await SiloProcess.LoginAsync(c.Key, 0), $"{storm.Url}/board/stream", lines, c.Value, timeout.Token)))
                .ToList();
            // Every stream is open and has shown the board before any mark: what they see later came as events.
            foreach (var (_, shown) in connected) Assert.Equal(0, (await shown.Task.WaitAsync(timeout.Token)).GetProperty("householdsPaid").GetInt32());

            // Cashiers log in through nginx: each session is then served by both silos in turn.
            var cashiers = new List<HttpClient>();
            for (var i = 0; i < 8; i++) cashiers.Add(await SiloProcess.LoginAsync(nginx.Url, 1));
            var attempts = await storm.MarkAllAsync(cashiers, CancellationToken.None);
            Assert.All(attempts, a => Assert.True(a.Outcome == "201", $"line {a.LineNo}: {a.Outcome}"));

            // Both silos took marks.
            var marksBySilo = nginx.AccessLog.Where(l => l.Contains(" POST ", StringComparison.Ordinal) && l.EndsWith("/mark", StringComparison.Ordinal))
                .GroupBy(l => l.Split(' ')[0]).ToDictionary(g => g.Key, g => g.Count());
            output.WriteLine("marks served: " + string.Join(", ", marksBySilo.Select(p => $"{p.Key} {p.Value}")));
            Assert.Equal(2, marksBySilo.Count);
            Assert.All(marksBySilo.Values, count => Assert.True(count >= lines / 4, $"uneven spread: {count}"));

            // None doubled or lost, and replays through the proxy find them all.
            await storm.CheckAfterRestartAsync(database, cashiers, attempts, "two silos");
            var amountPaid = await CrashDatabase.ScalarAsync<decimal>(database, $"SELECT total_paid FROM dividend_runs WHERE id = {run}");
            foreach (var watcher in watchers)
            {
                var (url, board) = await watcher;
                Assert.Equal(lines, board.GetProperty("householdsPaid").GetInt32());
                Assert.Equal(amountPaid, decimal.Parse(board.GetProperty("amountPaid").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
                output.WriteLine($"board stream via {url}: {lines} households paid, {amountPaid}");
            }
        }
        finally
        {
            foreach (var home in homes) home.Delete(recursive: true);
        }
    }

    // Reads the board stream until it shows every household paid; returns that board. The first board goes to firstBoard.
    private static async Task<JsonElement> WatchBoardAsync(HttpClient client, string url, int lines, TaskCompletionSource<JsonElement> firstBoard,
        CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (!line.StartsWith("data:", StringComparison.Ordinal)) continue;
            var board = JsonDocument.Parse(line[5..]).RootElement.Clone();
            firstBoard.TrySetResult(board);
            if (board.GetProperty("householdsPaid").GetInt32() == lines) return board;
        }
        throw new EndOfStreamException($"the board stream {url} ended");
    }
}
