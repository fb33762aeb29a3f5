using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;
using VillageCollective.Grains.Books;
using VillageCollective.Grains.Money;
using VillageCollective.Grains.Partnerships;
using VillageCollective.Silo.Storage.Partnerships;

namespace VillageCollective.Bench;

/// <summary>
/// A pooled enclave project's year settled and posted into every party village's books (VC_POOLED_VILLAGES villages, default
/// 300, a third joining during the year): through the enterprise partnership grain in process (the silo's Orleans host,
/// version check, set-based posting) against the baseline of the same settlement written by plain SQL and binary COPY in
/// one transaction that locks the villages, in the same run and database. Each call settles a new year (the term runs
/// 2001–2099) of its own partnership, so no call corrects another's.
/// </summary>
[MemoryDiagnoser]
[WarmupCount(3)]
[IterationCount(20)]
[InvocationCount(1)]
public class PooledSettlementGrainBenchmark
{
    private NpgsqlDataSource _dataSource = null!;
    private PayoutMarkingLoad.BenchSilo _silo = null!;
    private IGrainFactory _grains = null!;
    private PartnershipContract _contract = null!;
    private long _county;
    private long _grainPartnership;
    private long _sqlPartnership;
    private long[] _villageIds = [];
    private int _grainYear = 2000;
    private int _sqlYear = 2000;

    // Synchronous on purpose: the in-process toolchain does not await an async setup.
    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        var villages = int.Parse(Environment.GetEnvironmentVariable("VC_POOLED_VILLAGES") ?? "300", System.Globalization.CultureInfo.InvariantCulture);
        string connectionString;
        (_dataSource, _, connectionString) = await BenchDatabase.CreateWithConnectionStringAsync();
        await using (var command = _dataSource.CreateCommand($"""
            WITH t AS (INSERT INTO townships (county_id, name) SELECT id, '抱团镇' FROM counties WHERE name = '木垒县' RETURNING id, county_id)
            INSERT INTO villages (code, name, township, county, township_id)
            SELECT 'pool' || n, '抱团' || n || '村', '抱团镇', '木垒县', t.id FROM t, generate_series(1, {villages}) n
            """))
        {
            await command.ExecuteNonQueryAsync();
        }
        await using (var command = _dataSource.CreateCommand("SELECT array_agg(id ORDER BY id) FROM villages WHERE code LIKE 'pool%'"))
        {
            _villageIds = (long[])(await command.ExecuteScalarAsync())!;
        }
        await using (var command = _dataSource.CreateCommand("SELECT id FROM counties WHERE name = '木垒县'"))
        {
            _county = (long)(await command.ExecuteScalarAsync())!;
        }
        long enterprise;
        await using (var command = _dataSource.CreateCommand(
            $"INSERT INTO enterprises (county_id, name, credit_code) VALUES ({_county}, '抱团运营公司', '91652328MA7AD0C31J') RETURNING id"))
        {
            enterprise = (long)(await command.ExecuteScalarAsync())!;
        }

        var random = new Random(6_800_000);
        var start = new DateOnly(2001, 1, 1);
        var parties = _villageIds
            .Select((id, i) => new PartnershipParty(id, i % 3 == 0 ? start.AddDays(random.Next(365)) : start, Contribution.Cash(new Yuan(random.Next(100, 5_000) * 1_000m))))
            .Append(new PartnershipParty(null, start, Contribution.Assets(new Yuan(50_000_000m)))).ToList();
        PartnershipContract Contract(string project) => new(enterprise, project, start, new DateOnly(2099, 12, 31), new Yuan(10_000m), parties,
            IncomeTerms.Guaranteed(IncomeMode.GreaterOfGuaranteeAndProfitShare, null, 6m, 40m), PaymentSchedule.Default, 100);
        _contract = Contract("飞地抱团");
        var store = new PartnershipStore(_dataSource);
        _grainPartnership = await store.CreateAsync(_county, _contract, "bench", false, CancellationToken.None);
        _sqlPartnership = await store.CreateAsync(_county, Contract("飞地抱团（对照）"), "bench", false, CancellationToken.None);

        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_VILLAGECOLLECTIVE_SILO", PayoutMarkingLoad.SiloDirectory());
        _silo = new PayoutMarkingLoad.BenchSilo(connectionString);
        _grains = _silo.Services.GetRequiredService<IGrainFactory>();
    }

    /// <summary>The settlement calculated and written in one transaction: villages locked in id order, the settlement row, the
    /// villages' entries by binary COPY (ids taken first so the lines can name them), the lines by binary COPY.</summary>
    [Benchmark(Baseline = true)]
    public async Task PlainSqlAndCopy()
    {
        var year = ++_sqlYear;
        var settlement = SettlementCalculator.Settle(_contract, year, new Yuan(90_000_000m), new Yuan(12_000_000m));
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var lockVillages = new NpgsqlCommand("SELECT count(*) FROM (SELECT id FROM villages WHERE id = ANY($1) ORDER BY id FOR UPDATE) l", connection, transaction))
        {
            lockVillages.Parameters.Add(new() { Value = _villageIds });
            await lockVillages.ExecuteScalarAsync();
        }
        var owed = settlement.Lines.Select((l, i) => (Line: l, Position: i)).Where(x => x.Line.VillageId is not null && x.Line.Owed > Yuan.Zero).ToList();
        long settlementId;
        long[] entryIds;
        await using (var ids = new NpgsqlCommand("""
            SELECT nextval(pg_get_serial_sequence('partnership_settlements', 'id')),
                   ARRAY(SELECT nextval(pg_get_serial_sequence('book_entries', 'id')) FROM generate_series(1, $1))
            """, connection, transaction))
        {
            ids.Parameters.Add(new() { Value = owed.Count });
            await using var reader = await ids.ExecuteReaderAsync();
            await reader.ReadAsync();
            settlementId = reader.GetInt64(0);
            entryIds = reader.GetFieldValue<long[]>(1);
        }
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO partnership_settlements (id, partnership_id, year, revenue, net_profit, guarantee_total, distributed_profit, per_share_rate, profit_residue,
                                                 total_owed, statement, reason, settled_on, settled_by)
            OVERRIDING SYSTEM VALUE VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, '', $12, 'bench')
            """, connection, transaction))
        {
            object[] values = [settlementId, _sqlPartnership, year, settlement.Revenue.Amount, settlement.NetProfit.Amount, settlement.GuaranteeTotal.Amount,
                settlement.DistributedProfit.Amount, settlement.PerShareRate.Amount, settlement.ProfitResidue.Amount, settlement.TotalOwed.Amount,
                settlement.Statement.ToArray(), new DateOnly(2100, 1, 1)];
            foreach (var value in values) insert.Parameters.Add(new() { Value = value });
            await insert.ExecuteNonQueryAsync();
        }
        var entryOf = new Dictionary<int, long>();
        await using (var entries = await connection.BeginBinaryImportAsync(
            "COPY book_entries (id, village_id, year, entry_date, category, counterparty, document_no, amount, reason, entered_by, settlement_id) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < owed.Count; i++)
            {
                entryOf[owed[i].Position] = entryIds[i];
                await entries.StartRowAsync();
                await entries.WriteAsync(entryIds[i], NpgsqlDbType.Bigint);
                await entries.WriteAsync(owed[i].Line.VillageId!.Value, NpgsqlDbType.Bigint);
                await entries.WriteAsync(year, NpgsqlDbType.Integer);
                await entries.WriteAsync(new DateOnly(year, 12, 31), NpgsqlDbType.Date);
                await entries.WriteAsync(EntryCategory.InvestmentIncome.Code, NpgsqlDbType.Text);
                await entries.WriteAsync("抱团运营公司", NpgsqlDbType.Text);
                await entries.WriteAsync(PartnershipStore.DocumentNumber(settlementId), NpgsqlDbType.Text);
                await entries.WriteAsync(owed[i].Line.Owed.Amount, NpgsqlDbType.Numeric);
                await entries.WriteAsync("", NpgsqlDbType.Text);
                await entries.WriteAsync("bench", NpgsqlDbType.Text);
                await entries.WriteAsync(settlementId, NpgsqlDbType.Bigint);
            }
            await entries.CompleteAsync();
        }
        await using (var lines = await connection.BeginBinaryImportAsync(
            "COPY settlement_lines (settlement_id, position, village_id, days, shares, dividend_shares, guarantee, profit_share, owed, formula, book_entry_id) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < settlement.Lines.Count; i++)
            {
                var line = settlement.Lines[i];
                await lines.StartRowAsync();
                await lines.WriteAsync(settlementId, NpgsqlDbType.Bigint);
                await lines.WriteAsync(i, NpgsqlDbType.Integer);
                if (line.VillageId is { } village) await lines.WriteAsync(village, NpgsqlDbType.Bigint); else await lines.WriteNullAsync();
                await lines.WriteAsync(line.Days, NpgsqlDbType.Integer);
                await lines.WriteAsync(line.Shares.Value, NpgsqlDbType.Numeric);
                await lines.WriteAsync(line.DividendShares.Value, NpgsqlDbType.Numeric);
                await lines.WriteAsync(line.Guarantee.Amount, NpgsqlDbType.Numeric);
                await lines.WriteAsync(line.ProfitShare.Amount, NpgsqlDbType.Numeric);
                await lines.WriteAsync(line.Owed.Amount, NpgsqlDbType.Numeric);
                await lines.WriteAsync(line.Formula, NpgsqlDbType.Text);
                if (entryOf.TryGetValue(i, out var entry)) await lines.WriteAsync(entry, NpgsqlDbType.Bigint); else await lines.WriteNullAsync();
            }
            await lines.CompleteAsync();
        }
        await transaction.CommitAsync();
    }

    /// <summary>The same year settled by the partnership's grain (its ledger loaded once, by the first warm-up call).</summary>
    [Benchmark]
    public async Task ThroughTheGrain()
    {
        var answer = await _grains.GetGrain<IEnterprisePartnershipGrain>(_grainPartnership)
            .SettleAsync(new SettleYear(_county, ++_grainYear, 90_000_000m, 12_000_000m, null, new DateOnly(2100, 1, 1), "bench"));
        if (answer.Outcome != PartnershipOutcome.Done) throw new InvalidOperationException($"the grain refused: {answer.Outcome}");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _silo.Dispose();
        _dataSource.Dispose();
    }
}
