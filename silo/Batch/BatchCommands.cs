using System.Globalization;
using VillageCollective.Grains.Dividends;
using VillageCollective.Silo.Demo;
using VillageCollective.Silo.Storage;

namespace VillageCollective.Silo.Batch;

/// <summary>
/// The silo's command-line modes for bulk work (no web server starts; the batch starts a silo of its own, <see cref="BatchSilo"/>):
/// <c>--dividend-batch YEAR [--county ID] [--progress-every N] [--parallel N] [--villages-per-transaction N]</c> runs every approved plan of the year (see <see cref="DividendBatch"/>),
/// printing progress; exit code 0 when every village ran or had run, 2 when some were refused, 1 on bad arguments.
/// <c>--generate-prefecture N</c> loads the Baiyanghe demo when the database is empty and adds N generated villages
/// (see <see cref="PrefectureGenerator"/>).
/// </summary>
public static class BatchCommands
{
    /// <summary>
    /// Transactions (of <see cref="DividendBatch.DefaultVillagesPerTransaction"/> villages each) run side by side unless
    /// <c>--parallel N</c> says otherwise: one per core, at least two, so that while PostgreSQL writes one transaction the
    /// silo reads and computes the next (on 2 cores, 2, 3 and 4 measured alike).
    /// </summary>
    public static readonly int DefaultParallelism = Math.Max(2, Environment.ProcessorCount);

    /// <summary>True when <paramref name="args"/> ask for one of these commands.</summary>
    public static bool Wanted(string[] args) => args.Contains("--dividend-batch") || args.Contains("--generate-prefecture");

    /// <summary>Applies migrations, runs the command and returns the process's exit code.</summary>
    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output)
    {
        // Ctrl-C stops between transactions, never inside one; after a kill -9 each transaction has committed whole or not at all.
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
        if (Value(args, "--generate-prefecture") is { } count)
        {
            await services.GetRequiredService<MigrationRunner>().ApplyAsync(stop.Token);
            return await GenerateAsync(services, count, output, stop.Token);
        }
        if (Value(args, "--dividend-batch") is not { } year)
        {
            await output.WriteLineAsync("usage: --dividend-batch YEAR [--county ID] [--progress-every N] [--parallel N] [--villages-per-transaction N] | --generate-prefecture N");
            return 1;
        }
        var county = Value(args, "--county");
        var every = Math.Max(1, Value(args, "--progress-every") ?? 10);
        var parallel = (int)Math.Clamp(Value(args, "--parallel") ?? DefaultParallelism, 1, 16);
        var perTransaction = (int)Math.Clamp(Value(args, "--villages-per-transaction") ?? DividendBatch.DefaultVillagesPerTransaction, 1, 1000);
        // The batch writes through grains: its silo starts first (a second or so, before the batch's own clock starts).
        using var host = BatchSilo.Build(services.GetRequiredService<IConfiguration>());
        // Migrations first (the silo's tables among them), through the batch's own data source, which the batch then uses.
        await host.Services.GetRequiredService<MigrationRunner>().ApplyAsync(stop.Token);
        await host.StartAsync(stop.Token);
        // The first grain call pays Orleans' one-time costs (its messaging code's JIT, the group grain's activation; some
        // 0.2–0.5 s measured at 200 villages): paid here, with the silo's start, before the batch's clock starts.
        await host.Services.GetRequiredService<IGrainFactory>().GetGrain<IRunGroupGrain>(0).StartRunsAsync([], DividendBatch.Actor);
        await output.WriteLineAsync($"分红批处理 dividend batch {year}: {(county is null ? "every county" : $"county {county}")}");
        var (last, refusals) = await host.Services.GetRequiredService<DividendBatch>().RunAsync((int)year, county, progress =>
        {
            if (progress.Done % every == 0 || progress.Done == progress.Total)
            {
                output.WriteLine(Line(progress));
                output.Flush();
            }
        }, stop.Token, parallel, perTransaction);
        await host.StopAsync(CancellationToken.None);
        foreach (var refusal in refusals)
        {
            await output.WriteLineAsync($"  village {refusal.VillageId} refused: {refusal.Code} {refusal.Message}");
        }
        await output.WriteLineAsync($"done: {Line(last)}");
        // The process's peak resident memory (VmHWM on Linux): a batch streams, so this stays flat however many villages it runs.
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"peak memory: {self.PeakWorkingSet64 / 1048576.0:F1} MiB resident, {GC.GetGCMemoryInfo().HeapSizeBytes / 1048576.0:F1} MiB managed heap at the end"));
        return refusals.Count == 0 ? 0 : 2;
    }

    /// <summary>One progress line, e.g. <c>120/1000 villages (created 120, already run 0, refused 0), 35,280 lines, 12.3 s, ~90 s left</c>.</summary>
    public static string Line(BatchProgress p) => string.Create(CultureInfo.InvariantCulture,
        $"{p.Done}/{p.Total} villages (created {p.Created}, already run {p.AlreadyRun}, refused {p.Refused}), {p.LinesWritten:N0} lines, "
        + $"{p.Elapsed.TotalSeconds:F1} s, ~{p.Remaining.TotalSeconds:F0} s left");

    private static async Task<int> GenerateAsync(IServiceProvider services, long count, TextWriter output, CancellationToken cancellationToken)
    {
        var demo = services.GetRequiredService<DemoLoader>();
        if (await demo.IsEmptyAsync(cancellationToken)) await demo.LoadAsync(cancellationToken);
        var ids = await services.GetRequiredService<PrefectureGenerator>().GenerateAsync((int)count,
            last => { output.WriteLine($"generated up to village gen-{last:D5}"); output.Flush(); }, cancellationToken);
        await output.WriteLineAsync($"generated {ids.Count} villages");
        return 0;
    }

    private static long? Value(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length && long.TryParse(args[at + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
    }
}
