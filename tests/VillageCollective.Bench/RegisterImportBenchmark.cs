using System.Globalization;
using BenchmarkDotNet.Attributes;
using Npgsql;
using NpgsqlTypes;
using VillageCollective.Grains.Household;
using VillageCollective.Silo.Import;
using VillageCollective.Silo.Storage;

namespace VillageCollective.Bench;

/// <summary>
/// A 10,000-household register (about 25,000 members, one file row each) imported as the silo does it — read the file
/// (.xlsx or CSV), check every rule, then households, members and allocation movements in one transaction under the
/// village lock — and the register of a 10,000-household village as of a date (the journal replayed by
/// <see cref="RegisterReader"/>), against the baseline of a bare binary COPY of the same file rows in one transaction.
/// </summary>
[MemoryDiagnoser]
[WarmupCount(1)]
[IterationCount(5)]
[InvocationCount(1)]
public class RegisterImportBenchmark
{
    private const int Households = 10_000;
    private NpgsqlDataSource _dataSource = null!;
    private List<string[]> _rows = null!;
    private byte[] _csv = null!;
    private byte[] _xlsx = null!;
    private long _target;
    private long _imported;

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        (_dataSource, _) = await BenchDatabase.CreateAsync();
        _rows = Generate(Households);
        _csv = RegisterFileWriter.Csv(_rows);
        _xlsx = RegisterFileWriter.Xlsx(_rows, notes: false);
        await using (var table = _dataSource.CreateCommand(
            "CREATE TABLE copy_baseline (c1 text, c2 text, c3 text, c4 text, c5 text, c6 text, c7 text, c8 text, c9 text, c10 text, c11 text)"))
        {
            await table.ExecuteNonQueryAsync();
        }
        _imported = await NewVillageAsync();
        var (summary, errors) = await RegisterImportStore.ImportAsync(_dataSource, _imported, [[.. RegisterTemplate.Columns], .. _rows],
            new DateOnly(2017, 12, 31), "bench", "bench", CancellationToken.None);
        if (summary is null) throw new InvalidOperationException($"the generated file does not import: {errors[0]}");
    }

    // The as-of read runs after the imports have added ~100,000 households to the tables: the planner gets fresh
    // statistics first, as autovacuum would give it in a running system (outside the timing).
    [IterationSetup(Target = nameof(RegisterAsOfDate))]
    public void Analyze()
    {
        using var command = _dataSource.CreateCommand("ANALYZE households; ANALYZE members; ANALYZE share_movements");
        command.ExecuteNonQuery();
    }

    // Each import goes into a fresh, empty village (outside the timing).
    [IterationSetup(Targets = [nameof(CopyBaseline), nameof(ImportCsv), nameof(ImportXlsx)])]
    public void NewTarget()
    {
        _target = NewVillageAsync().GetAwaiter().GetResult();
        using var command = _dataSource.CreateCommand("TRUNCATE copy_baseline");
        command.ExecuteNonQuery();
    }

    [Benchmark(Baseline = true)]
    public async Task CopyBaseline()
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var importer = await connection.BeginBinaryImportAsync("COPY copy_baseline FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var row in _rows)
            {
                await importer.StartRowAsync();
                foreach (var cell in row) await importer.WriteAsync(cell, NpgsqlDbType.Text);
            }
            await importer.CompleteAsync();
        }
        await transaction.CommitAsync();
    }

    [Benchmark]
    public Task ImportCsv() => ImportAsync(_csv);

    [Benchmark]
    public Task ImportXlsx() => ImportAsync(_xlsx);

    [Benchmark]
    public async Task<int> RegisterAsOfDate()
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        var rows = await RegisterReader.ReadAsync(connection, null, _imported, new DateOnly(2025, 11, 30), null, CancellationToken.None);
        return rows.Count == Households ? rows.Count : throw new InvalidOperationException($"{rows.Count} households");
    }

    private async Task ImportAsync(byte[] file)
    {
        var (summary, errors) = await RegisterImportStore.ImportAsync(_dataSource, _target, SheetReader.Read(file).Rows,
            new DateOnly(2017, 12, 31), "bench", "bench", CancellationToken.None);
        if (summary?.Households != Households) throw new InvalidOperationException($"not imported: {(errors.Count > 0 ? errors[0] : null)}");
    }

    private async Task<long> NewVillageAsync()
    {
        await using var command = _dataSource.CreateCommand("""
            WITH v AS (INSERT INTO villages (code, name, township, county) VALUES ('bench-' || gen_random_uuid(), '测试村', '测试乡', '测试县') RETURNING id),
                 c AS (INSERT INTO village_charters (village_id, management, share_precision, record_date_rule, cancellation_on_exit) SELECT id, 'static', 0.1, 'setInPlan', false FROM v),
                 s AS (INSERT INTO share_classes (village_id, code, name, position) SELECT id, 'basic', '基本股', 1 FROM v)
            SELECT id FROM v
            """);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Households of 1–4 members (a head, a spouse, children), one row each, 1 share per adult and 0.5 per child; IDs valid and unique.</summary>
    public static List<string[]> Generate(int households)
    {
        var random = new Random(20251201);
        var rows = new List<string[]>();
        var serial = 0;
        string NextId(int year, bool male)
        {
            serial++;
            var day = new DateOnly(year, 1, 1).AddDays(serial % 365);
            var sequence = (serial / 365 % 499) * 2 + (male ? 1 : 2);
            var first17 = $"990101{day:yyyyMMdd}{sequence:D3}";
            return first17 + ResidentId.CheckCharacter(first17);
        }
        for (var number = 1; number <= households; number++)
        {
            var size = random.Next(1, 5);
            var members = new List<(string Name, string Id, string Relation, decimal Shares)> { ($"户主{number}", NextId(1950 + number % 30, true), "户主", 1m) };
            if (size > 1) members.Add(($"配偶{number}", NextId(1952 + number % 30, false), "配偶", 1m));
            for (var child = 2; child < size; child++) members.Add(($"子女{number}-{child}", NextId(2005 + child, child % 2 == 0), child % 2 == 0 ? "子" : "女", 0.5m));
            var total = members.Sum(m => m.Shares).ToString("0.####", CultureInfo.InvariantCulture);
            var group = $"第{number % 8 + 1}村民小组";
            for (var i = 0; i < members.Count; i++)
            {
                rows.Add([number.ToString(CultureInfo.InvariantCulture), members[0].Name, group, $"{number}号", members[i].Name, members[i].Id, members[i].Relation,
                    "基本股", members[i].Shares.ToString("0.####", CultureInfo.InvariantCulture), i == 0 ? total : "", ""]);
            }
        }
        return rows;
    }

    [GlobalCleanup]
    public void Cleanup() => _dataSource.Dispose();
}
