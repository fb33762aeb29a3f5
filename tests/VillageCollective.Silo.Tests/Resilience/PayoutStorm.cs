using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using VillageCollective.Grains.DividendDay;
using VillageCollective.Silo.Storage.DividendDay;

namespace VillageCollective.Silo.Tests.Resilience;

/// <summary>What one mark request got: the event id when acknowledged (200/201), else the status code or the transport error.</summary>
public sealed record MarkAttempt(int LineNo, string Key, long? EventId, string Outcome);

/// <summary>
/// A payout storm: cashier clients marking every line of a run "transferred to bank" at once, each line with its own
/// Idempotency-Key, recording which marks were acknowledged — and the replay of all of them afterwards.
/// </summary>
public sealed class PayoutStorm(long village, long run, int lines)
{
    public long Village { get; } = village;
    public long Run { get; } = run;
    public int Lines { get; } = lines;
    public string Url => $"/api/villages/{Village}/dividend-runs/{Run}/meeting";

    private int _acknowledged;

    /// <summary>Marks acknowledged so far by <see cref="MarkAllAsync"/>.</summary>
    public int Acknowledged => Volatile.Read(ref _acknowledged);

    /// <summary>Waits until <paramref name="count"/> marks are acknowledged (a crash moment defined by progress, not by the clock).</summary>
    public async Task WaitAcknowledgedAsync(int count, Task storm)
    {
        while (Acknowledged < count && !storm.IsCompleted) await Task.Delay(1);
    }

    public string KeyOf(int lineNo) => $"storm-{Run}-{lineNo}";

    private object Body(int table) => new { tableNo = table, status = "transferred_to_bank", batchReference = $"STORM-{Run}" };

    /// <summary>The cashier clients of a storm: <paramref name="count"/> sessions of the Baiyanghe cashier (demo login 1) on the silo at <paramref name="url"/>.</summary>
    public static async Task<List<HttpClient>> CashiersAsync(string url, int count = 8)
    {
        var clients = new List<HttpClient>();
        for (var i = 0; i < count; i++) clients.Add(await SiloProcess.LoginAsync(url, 1));
        return clients;
    }

    /// <summary>
    /// A crash test's database: Baiyanghe and <paramref name="villages"/> generated villages, every run started and its meeting
    /// open for the cashier (on <paramref name="server"/>, or the shared test cluster); returns the runs and the lines of each.
    /// </summary>
    public static async Task<(string Database, List<(long Village, long Run)> Runs, int Lines)> DatabaseAsync(string purpose, int villages, string? server = null)
    {
        var database = await CrashDatabase.CreateAsync(purpose, villages, server);
        var runs = await CrashDatabase.RunAllAsync(database);
        await PrepareAsync(database, runs);
        var lines = await CrashDatabase.ScalarAsync<int>(database, $"SELECT household_count FROM dividend_runs WHERE id = {runs[0].Run}");
        return (database, runs, lines);
    }

    /// <summary>Lets the Baiyanghe cashier (demo login 1) work at every village, and opens the meetings of <paramref name="runs"/>.</summary>
    public static async Task PrepareAsync(string connectionString, IEnumerable<(long Village, long Run)> runs)
    {
        await CrashDatabase.ExecuteAsync(connectionString, """
            INSERT INTO account_roles (account_id, role, village_id)
            SELECT a.id, 'cashier', v.id FROM accounts a CROSS JOIN villages v WHERE a.login = 'baiyanghe-chuna' ON CONFLICT DO NOTHING
            """);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        // Before any silo runs: straight through the meeting grain's storage, as the grain would open them.
        var meetings = new MeetingStorage(dataSource, TimeProvider.System);
        foreach (var (village, run) in runs)
        {
            var meeting = await meetings.LoadAsync(run, CancellationToken.None);
            await meetings.OpenAsync(village, run, meeting!.MeetingDate, "crash-test", new AuditCaller("crash-test", ""), CancellationToken.None);
        }
    }

    /// <summary>
    /// Marks lines 1…<see cref="Lines"/>, shared out among <paramref name="clients"/> (one at a time each), until all are sent or
    /// <paramref name="stop"/> is cancelled. A request that fails (the silo or PostgreSQL gone) is recorded as not acknowledged.
    /// </summary>
    public async Task<List<MarkAttempt>> MarkAllAsync(IReadOnlyList<HttpClient> clients, CancellationToken stop)
    {
        var next = 0;
        var attempts = new List<MarkAttempt>[clients.Count];
        await Task.WhenAll(clients.Select(async (client, i) =>
        {
            var mine = attempts[i] = [];
            while (!stop.IsCancellationRequested && Interlocked.Increment(ref next) is var line && line <= Lines)
            {
                var attempt = await MarkAsync(client, line);
                if (attempt.EventId is not null) Interlocked.Increment(ref _acknowledged);
                mine.Add(attempt);
            }
        }));
        return attempts.SelectMany(a => a).ToList();
    }

    /// <summary>Sends the mark of <paramref name="lineNo"/> with its key (and always the same body: a replay must match the first).</summary>
    public async Task<MarkAttempt> MarkAsync(HttpClient client, int lineNo)
    {
        var table = 1 + lineNo % 8;
        var key = KeyOf(lineNo);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"{Url}/lines/{lineNo}/mark") { Content = JsonContent.Create(Body(table)) };
            request.Headers.Add("Idempotency-Key", key);
            using var response = await client.SendAsync(request);
            if (response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK)
            {
                var body = await response.Content.ReadFromJsonAsync<JsonElement>();
                return new MarkAttempt(lineNo, key, body.GetProperty("id").GetInt64(), ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            return new MarkAttempt(lineNo, key, null, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            return new MarkAttempt(lineNo, key, null, e.GetType().Name);
        }
    }

    /// <summary>
    /// After a crash and restart: every acknowledged mark is in the database under its key; then every line is sent again with
    /// its key — an acknowledged one must come back 200 with the same event, a line never acknowledged is marked now or found —
    /// and once more, which must create nothing. In the end every line has exactly one mark and the run's lines are all transferred.
    /// </summary>
    public async Task CheckAfterRestartAsync(string connectionString, IReadOnlyList<HttpClient> clients, IReadOnlyCollection<MarkAttempt> attempts, string moment)
    {
        var stored = (await CrashDatabase.QueryAsync(connectionString, $"SELECT idempotency_key, id FROM payout_events WHERE run_id = {Run} AND idempotency_key IS NOT NULL",
            r => (r.GetString(0), r.GetInt64(1)))).ToDictionary(r => r.Item1, r => r.Item2);
        foreach (var acked in attempts.Where(a => a.EventId is not null))
        {
            Assert.True(stored.TryGetValue(acked.Key, out var id) && id == acked.EventId, $"{moment}: acknowledged mark {acked.Key} (event {acked.EventId}) is lost");
        }
        var refused = attempts.Where(a => a.EventId is null && a.Outcome.StartsWith('4')).ToList();
        Assert.True(refused.Count == 0, $"{moment}: refused during the storm: {string.Join("; ", refused.Take(3).Select(r => r.Outcome))}");
        await Invariants.ConsistentAsync(connectionString, moment);

        var acknowledged = attempts.Where(a => a.EventId is not null).ToDictionary(a => a.LineNo, a => a.EventId!.Value);
        for (var pass = 1; pass <= 2; pass++)
        {
            var replays = await MarkAllAsync(clients, CancellationToken.None);
            foreach (var replay in replays.OrderBy(r => r.LineNo))
            {
                var line = replay.LineNo;
                Assert.True(replay.EventId is not null, $"{moment}, replay {pass} of line {line}: {replay.Outcome}");
                if (acknowledged.TryGetValue(line, out var first))
                {
                    Assert.True(replay.Outcome == "200" && replay.EventId == first, $"{moment}, replay {pass} of line {line}: {replay.Outcome}, event {replay.EventId} (first {first})");
                }
                else if (pass == 2)
                {
                    Assert.Equal("200", replay.Outcome);
                }
                acknowledged[line] = replay.EventId!.Value;
            }
            Assert.Equal(Lines, replays.Count);
        }
        Assert.Equal(Lines, await CrashDatabase.ScalarAsync<long>(connectionString, $"SELECT count(*) FROM payout_events WHERE run_id = {Run}"));
        await Invariants.ConsistentAsync(connectionString, moment + ", after the replays");
        // The money reconciles: every line transferred, and their sum is the run's total paid, to the fen.
        var (transferred, paid) = (await CrashDatabase.QueryAsync(connectionString, $"""
            SELECT coalesce(sum(l.amount) FILTER (WHERE s.status = 'transferred_to_bank'), 0), r.total_paid
            FROM dividend_runs r JOIN payout_lines l ON l.run_id = r.id JOIN payout_line_status s ON s.run_id = l.run_id AND s.line_no = l.line_no
            WHERE r.id = {Run} GROUP BY r.total_paid
            """, r => (r.GetDecimal(0), r.GetDecimal(1)))).Single();
        Assert.Equal(paid, transferred);
    }
}
