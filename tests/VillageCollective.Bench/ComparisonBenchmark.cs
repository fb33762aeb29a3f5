using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Http.Json;
using Npgsql;
using VillageCollective.Silo.Api;
using VillageCollective.Silo.Demo;
using VillageCollective.Silo.Storage;

namespace VillageCollective.Bench;

/// <summary>
/// The county comparison (issue 7) over 300 villages × 10 years (a demo county of that shape beside Baiyanghe): what one
/// request costs — <see cref="ComparisonStore.CompareAsync"/> (its one query, the statements year by year, classes and moves),
/// the totals and medians (<see cref="ComparisonDto.Of"/>) and the JSON the endpoint writes — against the baseline of the one
/// SQL query behind it (<see cref="ComparisonQuery"/>) read to the end, measured in the same run.
/// </summary>
[MemoryDiagnoser]
[WarmupCount(2)]
[IterationCount(10)]
public class ComparisonBenchmark
{
    private const int First = 2016, Last = 2025;
    private NpgsqlDataSource _dataSource = null!;
    private ComparisonStore _store = null!;
    private ComparisonScope _county = null!;
    private readonly JsonSerializerOptions _json = new JsonOptions().SerializerOptions;

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        (_dataSource, _) = await BenchDatabase.CreateAsync();
        await new DemoCountyLoader(_dataSource).LoadAsync(new DemoCountyLoader.Shape(300, First, Last, 60, 120), CancellationToken.None);
        await using (var analyze = _dataSource.CreateCommand("ANALYZE"))
        {
            await analyze.ExecuteNonQueryAsync();
        }
        _store = new ComparisonStore(_dataSource);
        await using var county = _dataSource.CreateCommand("SELECT id FROM counties WHERE name = '木垒县'");
        _county = await _store.CountyAsync((long)(await county.ExecuteScalarAsync())!, CancellationToken.None);
    }

    [Benchmark(Baseline = true)]
    public async Task<int> OneSqlQuery()
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var jit = new NpgsqlCommand("SET LOCAL jit = off", connection, transaction))
        {
            await jit.ExecuteNonQueryAsync();
        }
        await using var command = new NpgsqlCommand(ComparisonQuery.Sql, connection, transaction);
        command.Parameters.Add(new() { Value = DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint });
        command.Parameters.Add(new() { Value = _county.Id });
        command.Parameters.Add(new() { Value = First });
        command.Parameters.Add(new() { Value = Last });
        await using var reader = await command.ExecuteReaderAsync();
        var values = new object[reader.FieldCount];
        var rows = 0;
        while (await reader.ReadAsync())
        {
            reader.GetValues(values);
            rows++;
        }
        return rows;
    }

    [Benchmark]
    public async Task<int> ComparisonRequest()
    {
        var comparison = ComparisonDto.Of(await _store.CompareAsync(_county, First, Last, CancellationToken.None));
        return JsonSerializer.SerializeToUtf8Bytes(comparison, _json).Length;
    }
}
