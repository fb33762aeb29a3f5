using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using VillageCollective.Grains.Household;
using VillageCollective.Silo.Demo;
using VillageCollective.Grains.DividendDay;

namespace VillageCollective.Bench;

/// <summary>
/// Dividend day under load, outside BenchmarkDotNet (it measures one workload's latency distribution, not a method):
/// <see cref="Clients"/> concurrent cashier clients over HTTP to the silo on real Kestrel on 127.0.0.1 mark
/// <c>lines</c> payout lines "paid in cash" (each a POST with its own Idempotency-Key to the run's meeting grain, which
/// checks the key, the meeting, the line and the household's members from memory and answers after the commit of the batch
/// of marks that reached it together: one transaction with the version check, the events' INSERT and the statuses' UPDATE
/// per cashier, NOTIFY), the same marks called on the grain in process (no HTTP), against the bare baseline of the same
/// number of single-row <c>UPDATE … WHERE status = 'pending'</c> through Npgsql by as many concurrent tasks, in the same
/// run. Each first does <see cref="WarmupLines"/> untimed.
/// </summary>
public static class PayoutMarkingLoad
{
    /// <summary>16, or VC_LOAD_CLIENTS for an experiment.</summary>
    public static readonly int Clients = int.TryParse(Environment.GetEnvironmentVariable("VC_LOAD_CLIENTS"), out var n) ? n : 16;
    public const int WarmupLines = 500;
    private const int FirstNumber = 100_001;

    public sealed record Result(string Path, int Lines, double Seconds, double P50, double P99)
    {
        public double PerSecond => Lines / Seconds;
    }

    /// <summary>Runs both workloads and returns the markdown section for docs/benchmarks.md.</summary>
    public static async Task<string> RunAsync(int lines)
    {
        var (dataSource, village, connectionString) = await BenchDatabase.CreateWithConnectionStringAsync();
        await using (dataSource)
        {
            // Lines 1…n+warm-up are marked over HTTP, the next n+warm-up on the grain in process.
            var runId = await SeedAsync(dataSource, village, 2 * (lines + WarmupLines));
            // The bench is an exe, not a test project: tell WebApplicationFactory where the silo's content root is.
            Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_VILLAGECOLLECTIVE_SILO", SiloDirectory());
            await using var silo = new BenchSilo(connectionString);
            silo.UseKestrel(0);
            silo.StartServer();
            var address = silo.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()
                .Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal);
            var url = $"{address}/api/villages/{village}/dividend-runs/{runId}/meeting";
            using (var accountant = await LoginAsync(address, 0))
            {
                (await accountant.PostAsync($"{url}/open", null)).EnsureSuccessStatusCode();
            }
            var cashiers = new List<HttpClient>();
            for (var i = 0; i < Clients; i++) cashiers.Add(await LoginAsync(address, 1));

            await MarkOverHttpAsync(cashiers, url, 1, WarmupLines);
            var http = await MarkOverHttpAsync(cashiers, url, WarmupLines + 1, lines);
            foreach (var client in cashiers) client.Dispose();
            var grainFirst = lines + WarmupLines + 1;
            var grains = silo.Services.GetRequiredService<IGrainFactory>();
            await MarkOnGrainAsync(grains, village, runId, grainFirst, WarmupLines);
            var grain = await MarkOnGrainAsync(grains, village, runId, grainFirst + WarmupLines, lines);

            await using (var create = dataSource.CreateCommand($"""
                CREATE TABLE bare_status AS SELECT run_id, line_no, 'pending'::text AS status FROM payout_lines WHERE run_id = {runId};
                ALTER TABLE bare_status ADD PRIMARY KEY (run_id, line_no);
                """))
            {
                await create.ExecuteNonQueryAsync();
            }
            await BareUpdatesAsync(dataSource, runId, 1, WarmupLines);
            var bare = await BareUpdatesAsync(dataSource, runId, WarmupLines + 1, lines);
            await CheckExactlyOnceAsync(dataSource, runId, 2 * (lines + WarmupLines));
            return Markdown(http, grain, bare);
        }
    }

    private static string Markdown(Result http, Result grain, Result bare)
    {
        var text = new StringBuilder();
        text.AppendLine("## PayoutMarkingLoad");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"{Clients} concurrent clients, {http.Lines:N0} lines each path (after {WarmupLines} untimed), same run, same database.");
        text.AppendLine();
        text.AppendLine("| Path | Lines | Seconds | Marks/s | p50 (ms) | p99 (ms) | Throughput ratio to bare UPDATE |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var r in new[] { bare, grain, http })
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Path} | {r.Lines:N0} | {r.Seconds:F2} | {r.PerSecond:F0} | {r.P50:F2} | {r.P99:F2} | {r.PerSecond / bare.PerSecond:F3} |");
        }
        return text.ToString();
    }

    // Any type of the silo assembly names its entry point; the bench has a Program class of its own.
    internal sealed class BenchSilo(string connectionString) : WebApplicationFactory<DemoLoader>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("ConnectionStrings:VillageCollective", connectionString);
            builder.UseSetting("Demo:LoadWhenEmpty", "false");
            // 16 cashier sessions log in from this one address; the per-address login limit is for people, not this load.
            builder.UseSetting("RateLimits:LoginsPerMinute", "1000");
            builder.UseEnvironment("Production");
            builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        }
    }

    internal static async Task<HttpClient> LoginAsync(string address, int login)
    {
        var client = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer() }) { BaseAddress = new Uri(address) };
        var account = DemoLoader.Logins[login];
        (await client.PostAsJsonAsync("/api/auth/login", new { login = account.Login, password = account.Password })).EnsureSuccessStatusCode();
        // Like the web client: the session's CSRF token goes on every request that changes state.
        var csrf = await client.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/auth/csrf");
        client.DefaultRequestHeaders.Add("X-CSRF-Token", csrf.GetProperty("token").GetString());
        return client;
    }

    private static async Task<Result> MarkOverHttpAsync(List<HttpClient> clients, string url, int first, int count)
    {
        var next = first - 1;
        var last = first + count - 1;
        var latencies = new List<double>[clients.Count];
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(clients.Select(async (client, i) =>
        {
            var mine = latencies[i] = new List<double>(count / clients.Count + 1);
            while (Interlocked.Increment(ref next) is var line && line <= last)
            {
                var body = new
                {
                    tableNo = i + 1, status = "paid_in_cash", recipientName = Name(line), relation = "户主", recipientId = Id(line).Value,
                };
                using var request = new HttpRequestMessage(HttpMethod.Post, $"{url}/lines/{line}/mark") { Content = JsonContent.Create(body) };
                request.Headers.Add("Idempotency-Key", $"load-{line}");
                var started = Stopwatch.GetTimestamp();
                using var response = await client.SendAsync(request);
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (response.StatusCode != HttpStatusCode.Created)
                {
                    throw new InvalidOperationException($"line {line}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
            }
        }));
        return Summarise($"Mark over HTTP (silo, {clients.Count} clients)", count, clock.Elapsed, latencies);
    }

    // The same marks without HTTP, cookies and JSON: what the grain and its storage alone cost.
    private static async Task<Result> MarkOnGrainAsync(IGrainFactory grains, long village, long runId, int first, int count)
    {
        var meeting = grains.GetGrain<IDividendMeetingGrain>(runId);
        var next = first - 1;
        var last = first + count - 1;
        var latencies = new List<double>[Clients];
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(async i =>
        {
            var mine = latencies[i] = new List<double>(count / Clients + 1);
            while (Interlocked.Increment(ref next) is var line && line <= last)
            {
                var started = Stopwatch.GetTimestamp();
                var answer = await meeting.Mark(new MarkPayoutLine(village, line, i + 1, "paid_in_cash", Name(line), Relations.Head, Id(line).Value, null,
                    null, $"grain-{line}", "bench"));
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (answer.Outcome != MeetingOutcome.Done) throw new InvalidOperationException($"line {line}: {answer.Outcome}");
            }
        }));
        return Summarise($"Mark on the meeting grain (no HTTP, {Clients} tasks)", count, clock.Elapsed, latencies);
    }

    private static async Task<Result> BareUpdatesAsync(NpgsqlDataSource dataSource, long runId, int first, int count)
    {
        var next = first - 1;
        var last = first + count - 1;
        var latencies = new List<double>[Clients];
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(async i =>
        {
            var mine = latencies[i] = new List<double>(count / Clients + 1);
            while (Interlocked.Increment(ref next) is var line && line <= last)
            {
                var started = Stopwatch.GetTimestamp();
                await using (var connection = await dataSource.OpenConnectionAsync())
                await using (var update = new NpgsqlCommand("UPDATE bare_status SET status = 'paid_in_cash' WHERE run_id = $1 AND line_no = $2 AND status = 'pending'", connection))
                {
                    update.Parameters.Add(new() { Value = runId });
                    update.Parameters.Add(new() { Value = line });
                    if (await update.ExecuteNonQueryAsync() != 1) throw new InvalidOperationException($"bare line {line} not updated once");
                }
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }));
        return Summarise($"Bare UPDATE (Npgsql, {Clients} tasks)", count, clock.Elapsed, latencies);
    }

    private static Result Summarise(string path, int count, TimeSpan elapsed, IEnumerable<List<double>> latencies)
    {
        var sorted = latencies.SelectMany(l => l).Order().ToArray();
        double At(double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
        return new Result(path, count, elapsed.TotalSeconds, At(0.50), At(0.99));
    }

    private static async Task CheckExactlyOnceAsync(NpgsqlDataSource dataSource, long runId, int expected)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT (SELECT count(*) FROM payout_events WHERE run_id = {runId}),
                   (SELECT count(*) FROM payout_line_status WHERE run_id = {runId} AND status = 'paid_in_cash')
            """);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        if (reader.GetInt64(0) != expected || reader.GetInt64(1) != expected)
        {
            throw new InvalidOperationException($"expected {expected} events and paid lines, found {reader.GetInt64(0)} and {reader.GetInt64(1)}");
        }
    }

    internal static string SiloDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "silo", "VillageCollective.Silo.csproj"))) return Path.Combine(dir.FullName, "silo");
        }
        throw new InvalidOperationException("silo/ not found above " + AppContext.BaseDirectory);
    }

    private static string Name(int lineNo) => $"压测户主{lineNo}";

    // Unique, valid IDs in a region the demo does not use; born 1960–1968, so adults on the meeting day.
    private static ResidentId Id(int lineNo)
    {
        var birth = new DateOnly(1960, 1, 1).AddDays(lineNo % 3000);
        var first17 = $"652301{birth:yyyyMMdd}{100 + (lineNo / 3000):000}";
        return ResidentId.Parse(first17 + ResidentId.CheckCharacter(first17));
    }

    /// <summary>A run of the demo's approved plan with <paramref name="count"/> synthetic one-person households of 220.00 yuan each.</summary>
    private static async Task<long> SeedAsync(NpgsqlDataSource dataSource, long village, int count)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var households = new NpgsqlCommand(
            "INSERT INTO households (village_id, number, head_name, is_demo) SELECT $1, n, '压测户主' || (n - $2 + 1), true FROM generate_series($2, $3) n",
            connection, transaction))
        {
            households.Parameters.Add(new() { Value = village });
            households.Parameters.Add(new() { Value = FirstNumber });
            households.Parameters.Add(new() { Value = FirstNumber + count - 1 });
            await households.ExecuteNonQueryAsync();
        }
        var ids = new Dictionary<int, long>();
        await using (var read = new NpgsqlCommand("SELECT number, id FROM households WHERE village_id = $1 AND number >= $2", connection, transaction))
        {
            read.Parameters.Add(new() { Value = village });
            read.Parameters.Add(new() { Value = FirstNumber });
            await using var reader = await read.ExecuteReaderAsync();
            while (await reader.ReadAsync()) ids[reader.GetInt32(0) - FirstNumber + 1] = reader.GetInt64(1);
        }
        await using (var importer = await connection.BeginBinaryImportAsync(
            "COPY members (village_id, household_id, name, sex, birth_date, resident_id, relation, is_demo) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (lineNo, householdId) in ids)
            {
                var id = Id(lineNo);
                await importer.StartRowAsync();
                await importer.WriteAsync(village, NpgsqlDbType.Bigint);
                await importer.WriteAsync(householdId, NpgsqlDbType.Bigint);
                await importer.WriteAsync(Name(lineNo), NpgsqlDbType.Text);
                await importer.WriteAsync(id.IsMale ? "male" : "female", NpgsqlDbType.Text);
                await importer.WriteAsync(id.BirthDate, NpgsqlDbType.Date);
                await importer.WriteAsync(id.Value, NpgsqlDbType.Text);
                await importer.WriteAsync(Relations.Head, NpgsqlDbType.Text);
                await importer.WriteAsync(true, NpgsqlDbType.Boolean);
            }
            await importer.CompleteAsync();
        }
        long runId;
        await using (var run = new NpgsqlCommand("""
            INSERT INTO dividend_runs (village_id, plan_id, year, plan_version, idempotency_key, request_fingerprint, per_share_rate, total_shares,
                                       pool, total_paid, residue, household_count, started_by, started_at)
            SELECT $1, id, year, version, 'load', 'load', 220.00, $2, $2 * 220.00, $2 * 220.00, 0, $2, 'bench', now()
            FROM distribution_plans WHERE village_id = $1 AND year = 2025 AND version = 1
            RETURNING id
            """, connection, transaction))
        {
            run.Parameters.Add(new() { Value = village });
            run.Parameters.Add(new() { Value = count });
            runId = (long)(await run.ExecuteScalarAsync())!;
        }
        await using (var lines = new NpgsqlCommand("""
            INSERT INTO payout_lines (village_id, run_id, line_no, household_id, household_number, head_name, member_count, shares, amount)
            SELECT $1, $2, number - $3 + 1, id, number, head_name, 1, 1, 220.00 FROM households WHERE village_id = $1 AND number >= $3
            """, connection, transaction))
        {
            lines.Parameters.Add(new() { Value = village });
            lines.Parameters.Add(new() { Value = runId });
            lines.Parameters.Add(new() { Value = FirstNumber });
            await lines.ExecuteNonQueryAsync();
        }
        await transaction.CommitAsync();
        return runId;
    }
}
