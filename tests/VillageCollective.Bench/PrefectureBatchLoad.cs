using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Npgsql;
using NpgsqlTypes;
using VillageCollective.Silo.Batch;
using VillageCollective.Silo.Demo;

namespace VillageCollective.Bench;

/// <summary>
/// A prefecture's dividend batch, outside BenchmarkDotNet (one large workload, a child process per batch): <c>villages</c>
/// villages generated from Baiyanghe (294 households each), every village's run by the silo's own command
/// (<c>--dividend-batch 2025</c>: the process starts a silo of its own, then <see cref="DividendBatch.DefaultVillagesPerTransaction"/>
/// villages to a transaction through the run-group grain, under their locks; registers read, the rules per village, run rows,
/// lines by binary COPY), against, in the same run and
/// database, (a) one plain binary COPY of the same lines into a bare table of the same shape (its keys, no triggers) in one
/// transaction, (b) the same COPY village by village, one transaction each, (c) the same COPY into <c>payout_lines</c>
/// itself (its keys, reference check and audit trigger), and (d) row-at-a-time INSERTs, one round trip per line, one
/// transaction per village — measured on the first <see cref="RowAtATimeVillages"/> villages and extrapolated linearly.
/// Peak memory: the batch process's peak resident set (VmHWM) for the full batch against a batch of a tenth of the
/// villages on a second database.
/// </summary>
public static partial class PrefectureBatchLoad
{
    public const int RowAtATimeVillages = 100;
    public const int Rounds = 3;

    private sealed record BatchRun(int Runs, double Seconds, double ProcessSeconds, long Lines, double PeakMiB);

    public static async Task<string> RunAsync(int villages)
    {
        var (small, smallConnection, _) = await CreateAsync(villages / 10);
        var smallBatch = await BatchAsync(smallConnection);
        await small.DisposeAsync();

        var (dataSource, connectionString, generateSeconds) = await CreateAsync(villages);
        await using (dataSource)
        {
            var batches = new List<BatchRun>();
            var copyOne = new List<double>();
            var copyPerVillage = new List<double>();
            var copyIntoPayoutLines = new List<double>();
            List<object[]> lines = [];
            for (var round = 1; round <= Rounds; round++)
            {
                await ExecuteAsync(dataSource, "TRUNCATE payout_lines, dividend_runs CASCADE");
                batches.Add(await BatchAsync(connectionString));
                // This round's lines (each round's runs have new ids; payout_lines checks that a line's run exists).
                lines = await ReadLinesAsync(dataSource);
                if (round == 1)
                {
                    await ExecuteAsync(dataSource, "CREATE TABLE copy_baseline (LIKE payout_lines INCLUDING ALL)");
                }
                await ExecuteAsync(dataSource, "TRUNCATE copy_baseline");
                copyOne.Add(await TimeAsync(() => CopyAsync(dataSource, [lines])));
                await ExecuteAsync(dataSource, "TRUNCATE copy_baseline");
                copyPerVillage.Add(await TimeAsync(() => CopyAsync(dataSource, lines.GroupBy(l => (long)l[1]).Select(g => g.ToList()).ToList())));
                // The runs stay; their lines go and come back by one plain COPY into the real table.
                await ExecuteAsync(dataSource, "TRUNCATE payout_lines CASCADE");
                copyIntoPayoutLines.Add(await TimeAsync(() => CopyAsync(dataSource, [lines], "payout_lines")));
            }
            await ExecuteAsync(dataSource, "TRUNCATE copy_baseline");
            var subset = lines.GroupBy(l => (long)l[1]).Take(RowAtATimeVillages).Select(g => g.ToList()).ToList();
            var subsetLines = subset.Sum(v => v.Count);
            var rowAtATime = await TimeAsync(() => InsertRowByRowAsync(dataSource, subset));
            var rowAtATimeExtrapolated = rowAtATime * lines.Count / subsetLines;
            return Markdown(villages, lines.Count, generateSeconds, batches, copyOne, copyPerVillage, copyIntoPayoutLines, subsetLines, rowAtATime,
                rowAtATimeExtrapolated, smallBatch) + Environment.NewLine + await RegisterSearchOnPrefecture.MarkdownAsync(connectionString);
        }
    }

    private static string Markdown(int villages, int lines, double generateSeconds, List<BatchRun> batches, List<double> copyOne, List<double> copyPerVillage,
        List<double> copyIntoPayoutLines, int subsetLines, double rowAtATime, double rowAtATimeExtrapolated, BatchRun smallBatch)
    {
        var batch = Median(batches.Select(b => b.Seconds));
        var one = Median(copyOne);
        var perVillage = Median(copyPerVillage);
        var full = batches[^1];
        var text = new StringBuilder();
        text.AppendLine("## PrefectureBatchLoad");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"{villages:N0} generated villages + Baiyanghe = {batches[0].Runs:N0} runs, {lines:N0} payout lines; generated set-based in {generateSeconds:F1} s. Median of {Rounds} rounds (row-at-a-time: once, on {RowAtATimeVillages} villages).");
        text.AppendLine();
        text.AppendLine("| Path | Lines | Seconds | Lines/s | Ratio to one binary COPY | Ratio to row-at-a-time |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|");
        void Row(string path, int count, double seconds) => text.AppendLine(CultureInfo.InvariantCulture,
            $"| {path} | {count:N0} | {seconds:F2} | {count / seconds:N0} | {seconds / one:F2} | {seconds / rowAtATimeExtrapolated:F3} |");
        Row("Binary COPY, one transaction (baseline)", lines, one);
        Row("Binary COPY, one transaction per village", lines, perVillage);
        Row("Binary COPY into `payout_lines` itself (keys, reference check, audit trigger), one transaction", lines, Median(copyIntoPayoutLines));
        Row($"**Dividend batch** (`--dividend-batch`, {DividendBatch.DefaultVillagesPerTransaction} villages a transaction through the run-group grain on the batch's silo: locks, registers, rules per village, runs, COPY, commit)", lines, batch);
        Row($"Row-at-a-time INSERT, one transaction per village (measured {subsetLines:N0} lines in {rowAtATime:F2} s, extrapolated)", lines, rowAtATimeExtrapolated);
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"The batch process took {full.ProcessSeconds:F1} s from start to exit (the table's time is its own clock, from the first village to the last; the rest is .NET start-up, the migration check and the start of the batch's own silo).");
        text.AppendLine();
        text.AppendLine("| Batch process | Lines | Peak resident memory (VmHWM) | Ratio |");
        text.AppendLine("|---|---:|---:|---:|");
        text.AppendLine(CultureInfo.InvariantCulture, $"| {smallBatch.Runs:N0} villages (baseline) | {smallBatch.Lines:N0} | {smallBatch.PeakMiB:F1} MiB | 1.00 |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| {full.Runs:N0} villages | {full.Lines:N0} | {full.PeakMiB:F1} MiB | {full.PeakMiB / smallBatch.PeakMiB:F2} |");
        return text.ToString();
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private static async Task<(NpgsqlDataSource DataSource, string ConnectionString, double GenerateSeconds)> CreateAsync(int villages)
    {
        var (dataSource, _, connectionString) = await BenchDatabase.CreateWithConnectionStringAsync();
        var clock = Stopwatch.StartNew();
        await new PrefectureGenerator(dataSource).GenerateAsync(villages, last =>
        {
            if (last % 200 == 0) Console.WriteLine($"generated {last} villages, {clock.Elapsed.TotalSeconds:F0} s");
        }, CancellationToken.None);
        await ExecuteAsync(dataSource, "VACUUM ANALYZE");
        return (dataSource, connectionString, clock.Elapsed.TotalSeconds);
    }

    // The silo's own batch command as a child process; its progress lines are shown as they come.
    private static async Task<BatchRun> BatchAsync(string connectionString)
    {
        var silo = SiloDirectory();
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false, WorkingDirectory = silo };
        foreach (var arg in new[] { Path.Combine(silo, "bin", "Release", "net10.0", "VillageCollective.Silo.dll"), "--dividend-batch", "2025", "--progress-every", "100", "--contentRoot", silo })
        {
            info.ArgumentList.Add(arg);
        }
        info.Environment["ConnectionStrings__VillageCollective"] = connectionString;
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        var output = new List<string>();
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            Console.WriteLine("  batch: " + line);
            output.Add(line);
        }
        await process.WaitForExitAsync();
        var seconds = clock.Elapsed.TotalSeconds;
        if (process.ExitCode != 0) throw new InvalidOperationException($"batch exit {process.ExitCode}: {string.Join('\n', output)}");
        var done = Done().Match(output.Single(l => l.StartsWith("done:", StringComparison.Ordinal)));
        var peak = Peak().Match(output.Single(l => l.StartsWith("peak memory:", StringComparison.Ordinal)));
        return new BatchRun(int.Parse(done.Groups[1].Value, CultureInfo.InvariantCulture), double.Parse(done.Groups[3].Value, CultureInfo.InvariantCulture), seconds,
            long.Parse(done.Groups[2].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture), double.Parse(peak.Groups[1].Value, CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"created (\d+), already run 0, refused 0\), ([\d,]+) lines, ([\d.]+) s")]
    private static partial Regex Done();

    [GeneratedRegex(@"peak memory: ([\d.]+) MiB")]
    private static partial Regex Peak();

    private const string Columns = "village_id, run_id, line_no, household_id, household_number, head_name, member_count, shares, amount";

    private static async Task<List<object[]>> ReadLinesAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM payout_lines ORDER BY run_id, line_no");
        await using var reader = await command.ExecuteReaderAsync();
        var lines = new List<object[]>();
        while (await reader.ReadAsync())
        {
            var row = new object[9];
            reader.GetValues(row);
            lines.Add(row);
        }
        return lines;
    }

    private static readonly NpgsqlDbType[] Types =
    [
        NpgsqlDbType.Bigint, NpgsqlDbType.Bigint, NpgsqlDbType.Integer, NpgsqlDbType.Bigint, NpgsqlDbType.Integer, NpgsqlDbType.Text,
        NpgsqlDbType.Integer, NpgsqlDbType.Numeric, NpgsqlDbType.Numeric,
    ];

    // One binary COPY and one transaction per group of lines.
    private static async Task CopyAsync(NpgsqlDataSource dataSource, List<List<object[]>> groups, string table = "copy_baseline")
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        foreach (var group in groups)
        {
            await using var transaction = await connection.BeginTransactionAsync();
            await using (var importer = await connection.BeginBinaryImportAsync($"COPY {table} ({Columns}) FROM STDIN (FORMAT BINARY)"))
            {
                foreach (var line in group)
                {
                    await importer.StartRowAsync();
                    for (var i = 0; i < line.Length; i++) await importer.WriteAsync(line[i], Types[i]);
                }
                await importer.CompleteAsync();
            }
            await transaction.CommitAsync();
        }
    }

    // One INSERT round trip per line (a prepared statement), one transaction per village.
    private static async Task InsertRowByRowAsync(NpgsqlDataSource dataSource, List<List<object[]>> villages)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand($"INSERT INTO copy_baseline ({Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)", connection);
        foreach (var type in Types) command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = type });
        await command.PrepareAsync();
        foreach (var village in villages)
        {
            await using var transaction = await connection.BeginTransactionAsync();
            command.Transaction = transaction;
            foreach (var line in village)
            {
                for (var i = 0; i < line.Length; i++) command.Parameters[i].Value = line[i];
                await command.ExecuteNonQueryAsync();
            }
            await transaction.CommitAsync();
        }
    }

    private static async Task<double> TimeAsync(Func<Task> work)
    {
        var clock = Stopwatch.StartNew();
        await work();
        return clock.Elapsed.TotalSeconds;
    }

    private static async Task ExecuteAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync();
    }

    private static string SiloDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "silo", "VillageCollective.Silo.csproj"))) return Path.Combine(dir.FullName, "silo");
        }
        throw new InvalidOperationException("silo/ not found above " + AppContext.BaseDirectory);
    }
}
