using BenchmarkDotNet.Attributes;
using Npgsql;
using NpgsqlTypes;
using VillageCollective.Silo.Storage;

namespace VillageCollective.Bench;

/// <summary>
/// The Baiyanghe 2025 run (294 payout lines) as the silo stores it — village lock, idempotency
/// checks, the register as of the record date, the grain's computation, the run row and its lines by
/// binary COPY, one transaction — against the baseline of a bare binary COPY of the same 294 lines
/// in one transaction, measured in the same run.
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

    // Synchronous on purpose: the in-process toolchain does not await an async setup.
    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        (_dataSource, _village) = await BenchDatabase.CreateAsync();
        _runs = new DividendRunStore(_dataSource, TimeProvider.System);
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

    [GlobalCleanup]
    public void Cleanup() => _dataSource.Dispose();
}
