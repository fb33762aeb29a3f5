using BenchmarkDotNet.Attributes;
using Npgsql;
using NpgsqlTypes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using VillageCollective.Grains.Village;
using VillageCollective.Silo.Batch;
using VillageCollective.Silo.Storage;

namespace VillageCollective.Bench;

/// <summary>
/// The Baiyanghe 2025 run (294 payout lines) as the silo makes it — a call to the village grain on an in-process silo
/// (<see cref="IVillageGrain.StartRunAsync"/>), which takes the village lock, checks idempotency, reads the register as of
/// the record date, computes and writes the run row and its lines by binary COPY in one transaction — and the same storage
/// call without the grain, against the baseline of a bare binary COPY of the same 294 lines in one transaction, measured in
/// the same run.
/// </summary>
[MemoryDiagnoser]
[WarmupCount(3)]
[IterationCount(20)]
[InvocationCount(1)]
public class BaiyangheRunBenchmark
{
    private NpgsqlDataSource _dataSource = null!;
    private long _village;
    private DividendRunStore _runs = null!;
    private List<PayoutLineRow> _lines = null!;
    private int _iteration;
    private IHost _silo = null!;
    private IGrainFactory _grains = null!;

    // Synchronous on purpose: the in-process toolchain does not await an async setup.
    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        string connectionString;
        (_dataSource, _village, connectionString) = await BenchDatabase.CreateWithConnectionStringAsync();
        _runs = new DividendRunStore(_dataSource, TimeProvider.System);
        _silo = BatchSilo.Build(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{StorageServices.ConnectionName}"] = connectionString,
        }).Build());
        await _silo.StartAsync();
        _grains = _silo.Services.GetRequiredService<IGrainFactory>();
        var first = await _runs.StartAsync(_village, 2025, 1, "setup", "bench", CancellationToken.None);
        _lines = await _runs.ListLinesAsync(_village, first.RunId, null, CancellationToken.None);
        await using var table = _dataSource.CreateCommand("CREATE TABLE copy_baseline (LIKE payout_lines)");
        await table.ExecuteNonQueryAsync();
        RemoveRuns();
    }

    // Each measured run needs the plan version free again: the previous run is removed outside the timing.
    [IterationCleanup]
    public void RemoveRuns()
    {
        using var command = _dataSource.CreateCommand("DELETE FROM payout_lines; DELETE FROM dividend_runs; TRUNCATE copy_baseline");
        command.ExecuteNonQuery();
    }

    [Benchmark(Baseline = true)]
    public async Task CopyBaseline()
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var importer = await connection.BeginBinaryImportAsync(
            "COPY copy_baseline (village_id, run_id, line_no, household_id, household_number, head_name, member_count, shares, amount) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var line in _lines)
            {
                await importer.StartRowAsync();
                await importer.WriteAsync(_village, NpgsqlDbType.Bigint);
                await importer.WriteAsync(++_iteration, NpgsqlDbType.Bigint);
                await importer.WriteAsync(line.LineNo, NpgsqlDbType.Integer);
                await importer.WriteAsync(line.HouseholdId, NpgsqlDbType.Bigint);
                await importer.WriteAsync(line.HouseholdNumber, NpgsqlDbType.Integer);
                await importer.WriteAsync(line.HeadName, NpgsqlDbType.Text);
                await importer.WriteAsync(line.MemberCount, NpgsqlDbType.Integer);
                await importer.WriteAsync(line.Shares.Value, NpgsqlDbType.Numeric);
                await importer.WriteAsync(line.Amount.Amount, NpgsqlDbType.Numeric);
            }
            await importer.CompleteAsync();
        }
        await transaction.CommitAsync();
    }

    [Benchmark]
    public async Task StoreBaiyangheRun()
    {
        var outcome = await _runs.StartAsync(_village, 2025, 1, $"bench-{++_iteration}", "bench", CancellationToken.None);
        if (!outcome.Created) throw new InvalidOperationException("the run was not created anew");
    }

    [Benchmark]
    public async Task GrainBaiyangheRun()
    {
        var started = await _grains.GetGrain<IVillageGrain>(_village).StartRunAsync(2025, 1, $"bench-{++_iteration}", "bench");
        if (!started.Created) throw new InvalidOperationException("the run was not created anew");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _silo.StopAsync().GetAwaiter().GetResult();
        _silo.Dispose();
        _dataSource.Dispose();
    }
}
