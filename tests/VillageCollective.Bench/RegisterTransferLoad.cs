using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using VillageCollective.Grains.Village;

namespace VillageCollective.Bench;

/// <summary>
/// A share transfer through the village grain (in process, on the silo's own Orleans silo over the benchmark's PostgreSQL)
/// in a generated village of N households against the same transfer in Baiyanghe (294 households), in the same run: the
/// grain keeps each register in memory after its first command, so a command should not grow with the village (issue 14's
/// goal: at most 1.5×). Also the first command of an activation (the register's load) and a grain call that touches no
/// database (the cached version), for the cost of the call itself.
/// </summary>
public static class RegisterTransferLoad
{
    private const int WarmUp = 20;
    private const int Timed = 200;

    /// <summary>A markdown section: medians in milliseconds and the ratio of the large village to Baiyanghe.</summary>
    /// <param name="households">Households of the generated village, e.g. 10,000.</param>
    public static async Task<string> RunAsync(int households)
    {
        var (dataSource, baiyanghe, connectionString) = await BenchDatabase.CreateWithConnectionStringAsync();
        await using (dataSource)
        {
            var large = await GenerateVillageAsync(dataSource, baiyanghe, households);
            Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_VILLAGECOLLECTIVE_SILO", PayoutMarkingLoad.SiloDirectory());
            await using var silo = new PayoutMarkingLoad.BenchSilo(connectionString);
            var grains = silo.Services.GetRequiredService<IGrainFactory>();

            var smallGrain = grains.GetGrain<IVillageGrain>(baiyanghe);
            var bigGrain = grains.GetGrain<IVillageGrain>(large);
            var smallFirst = await FirstCommandAsync(smallGrain);
            var bigFirst = await FirstCommandAsync(bigGrain);
            // Interleaved, so both villages' transfers meet the same machine and the same growing tables.
            var (smallMedian, bigMedian) = await InterleavedMediansAsync(smallGrain, bigGrain);
            var small = (First: smallFirst, Median: smallMedian);
            var big = (First: bigFirst, Median: bigMedian);
            var call = await MedianAsync(() => grains.GetGrain<IVillageGrain>(large).RegisterVersionAsync());

            var text = new StringBuilder();
            text.AppendLine("### A share transfer through the village grain");
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture,
                $"In process (the silo's own Orleans silo); median of {Timed} transfers of 0.1 shares back and forth after {WarmUp} warm-up ones, the two villages taking turns, each one transaction with the version check and the two households' certificates reissued. The first command of an activation loads the register.");
            text.AppendLine();
            text.AppendLine("| Village | Households | First command, ms (load) | Transfer, ms (median) | Ratio to Baiyanghe |");
            text.AppendLine("|---|---:|---:|---:|---:|");
            text.AppendLine(CultureInfo.InvariantCulture, $"| Baiyanghe (baseline) | 294 | {small.First:F1} | {small.Median:F2} | 1.00 |");
            text.AppendLine(CultureInfo.InvariantCulture, $"| Generated | {households:N0} | {big.First:F1} | {big.Median:F2} | {big.Median / small.Median:F2} |");
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"A grain call that touches no database (the register's cached version): median {call * 1000:F0} µs.");
            return text.ToString();
        }
    }

    private static async Task<double> FirstCommandAsync(IVillageGrain grain)
    {
        var clock = Stopwatch.StartNew();
        await grain.RegisterVersionAsync();
        return clock.Elapsed.TotalMilliseconds;
    }

    private static async Task<(double Small, double Big)> InterleavedMediansAsync(IVillageGrain small, IVillageGrain big)
    {
        var times = (Small: new List<double>(), Big: new List<double>());
        for (var i = 0; i < WarmUp + Timed; i++)
        {
            var forth = i % 2 == 0;
            foreach (var (grain, list) in new[] { (small, times.Small), (big, times.Big) })
            {
                var clock = Stopwatch.StartNew();
                await grain.TransferAsync(new MovementEntry(new DateOnly(2026, 1, 10), "基准测试转让", "", "bench"),
                    forth ? 1 : 2, forth ? 2 : 1, "basic", 0.1m, inheritance: false);
                if (i >= WarmUp) list.Add(clock.Elapsed.TotalMilliseconds);
            }
        }
        times.Small.Sort();
        times.Big.Sort();
        return (times.Small[Timed / 2], times.Big[Timed / 2]);
    }

    private static async Task<double> MedianAsync<T>(Func<Task<T>> call)
    {
        var times = new List<double>();
        for (var i = 0; i < WarmUp + Timed; i++)
        {
            var clock = Stopwatch.StartNew();
            await call();
            if (i >= WarmUp) times.Add(clock.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return times[times.Count / 2];
    }

    // A village like Baiyanghe (its charter and classes) with the given number of households, each allocated 2.8 basic
    // shares at the reform, plus one transfer per ten households, so the journal grows with the village as a real one does.
    private static async Task<long> GenerateVillageAsync(NpgsqlDataSource dataSource, long like, int households)
    {
        await using var command = dataSource.CreateCommand("""
            WITH v AS (
                INSERT INTO villages (code, name, township, county)
                SELECT code || '-large', name || '（生成）', township, county FROM villages WHERE id = $1 RETURNING id),
            c AS (
                INSERT INTO village_charters (village_id, management, share_precision, record_date_rule, cancellation_on_exit)
                SELECT v.id, management, share_precision, record_date_rule, cancellation_on_exit FROM village_charters, v WHERE village_id = $1),
            s AS (
                INSERT INTO share_classes (village_id, code, name, position) SELECT v.id, code, name, position FROM share_classes, v WHERE village_id = $1)
            SELECT id FROM v
            """);
        command.Parameters.Add(new() { Value = like });
        var village = (long)(await command.ExecuteScalarAsync())!;
        string[] statements =
        [
            "INSERT INTO households (village_id, number, head_name) SELECT $1, n, '户主' || n FROM generate_series(1, $2) n",
            """
            INSERT INTO share_movements (village_id, movement_no, household_id, share_class, delta, effective_on, kind, reason, entered_by)
            SELECT $1, h.number, h.id, 'basic', 2.8, DATE '2020-01-01', 'allocation', '折股量化', 'generator'
            FROM households h WHERE h.village_id = $1 AND h.number <= $2 ORDER BY h.number
            """,
            """
            INSERT INTO share_movements (village_id, movement_no, household_id, share_class, delta, effective_on, kind, reason, entered_by)
            SELECT $1, $2 + t.k, h.id, 'basic', CASE WHEN h.number = t.k * 10 THEN -0.5 ELSE 0.5 END, DATE '2022-06-01', 'transfer', '社内转让', 'generator'
            FROM generate_series(1, $2 / 10) t(k) JOIN households h ON h.village_id = $1 AND h.number IN (t.k * 10, t.k * 10 - 1)
            ORDER BY t.k, h.number DESC
            """,
        ];
        foreach (var sql in statements)
        {
            await using var fill = dataSource.CreateCommand(sql);
            fill.Parameters.Add(new() { Value = village });
            fill.Parameters.Add(new() { Value = households });
            await fill.ExecuteNonQueryAsync();
        }
        return village;
    }
}
