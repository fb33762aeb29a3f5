using Npgsql;
using VillageCollective.Grains.Books;
using VillageCollective.Grains.Comparison;
using VillageCollective.Grains.Dividends;
using VillageCollective.Grains.Money;
using VillageCollective.Silo.Api;

namespace VillageCollective.Silo.Storage;

/// <summary>The township or county compared: its kind (<c>township</c> or <c>county</c>), id and name, and its county.</summary>
public sealed record ComparisonScope(string Kind, long Id, string Name, long CountyId, string County);

/// <summary>A village of the scope: id, code, name, its township, whether it is demo data.</summary>
public sealed record ComparedVillage(long Id, string Code, string Name, long TownshipId, string Township, bool IsDemo);

/// <summary>One village's year in the comparison: its figures, its class (none without books), the county's demonstration flag, and the
/// approved plan and run it was read from (for drilling down).</summary>
public sealed record ComparedYear(ComparedVillage Village, VillageYearFigures Figures, VillageClass? Class, bool Demonstration, long? PlanId, long? RunId);

/// <summary>The comparison of a scope's villages over <see cref="From"/>–<see cref="To"/>: a row per village and year, the county's
/// class thresholds, and the villages that moved between classes.</summary>
public sealed record VillageComparison(ComparisonScope Scope, int From, int To, ClassThresholds Thresholds, IReadOnlyList<ComparedVillage> Villages,
    IReadOnlyList<ComparedYear> Rows, IReadOnlyList<ClassMove> Moves);

/// <summary>
/// Reads the comparison of every village of a township or county (<see cref="ComparisonQuery"/>, one query for the figures) and
/// computes each year's statement with the books' own arithmetic (<see cref="IncomeStatement"/>, <see cref="YearLedger"/>: a year's
/// opening undistributed income is the entered one or the year before's closing). Also keeps each county's class thresholds and
/// its demonstration villages.
/// </summary>
public sealed class ComparisonStore(NpgsqlDataSource dataSource)
{
    /// <summary>The township as a scope; 404 when unknown.</summary>
    public Task<ComparisonScope> TownshipAsync(long townshipId, CancellationToken cancellationToken) =>
        ScopeAsync("SELECT 'township', t.id, t.name, c.id, c.name FROM townships t JOIN counties c ON c.id = t.county_id WHERE t.id = $1",
            townshipId, "townshipId", "乡镇", cancellationToken);

    /// <summary>The county as a scope; 404 when unknown.</summary>
    public Task<ComparisonScope> CountyAsync(long countyId, CancellationToken cancellationToken) =>
        ScopeAsync("SELECT 'county', id, name, id, name FROM counties WHERE id = $1", countyId, "countyId", "县", cancellationToken);

    private async Task<ComparisonScope> ScopeAsync(string sql, long id, string field, string what, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Sql.Command(connection, null, sql, id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new ComparisonScope(reader.GetString(0), reader.GetInt64(1), reader.GetString(2), reader.GetInt64(3), reader.GetString(4))
            : throw ProblemException.NotFound(field, what);
    }

    /// <summary>The county's class thresholds (the defaults until its administrator sets them).</summary>
    public async Task<ClassThresholds> ThresholdsAsync(long countyId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await ThresholdsAsync(connection, countyId, cancellationToken);
    }

    private static async Task<ClassThresholds> ThresholdsAsync(NpgsqlConnection connection, long countyId, CancellationToken cancellationToken)
    {
        await using var command = Sql.Command(connection, null, "SELECT weak_below, million_from FROM county_village_classes WHERE county_id = $1", countyId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new ClassThresholds(new Yuan(reader.GetDecimal(0)), new Yuan(reader.GetDecimal(1)))
            : ClassThresholds.Default;
    }

    /// <summary>Sets the county's class thresholds.</summary>
    public async Task SetThresholdsAsync(long countyId, ClassThresholds thresholds, string actor, CancellationToken cancellationToken)
    {
        var (connection, transaction) = await AuditedTransaction.BeginAsync(dataSource, cancellationToken);
        await using (connection)
        await using (transaction)
        {
            await Sql.ExecuteAsync(connection, transaction, """
                INSERT INTO county_village_classes (county_id, weak_below, million_from, updated_by, updated_at) VALUES ($1, $2, $3, $4, now())
                ON CONFLICT (county_id) DO UPDATE SET weak_below = excluded.weak_below, million_from = excluded.million_from,
                    updated_by = excluded.updated_by, updated_at = excluded.updated_at
                """, cancellationToken, countyId, thresholds.WeakBelow.Amount, thresholds.MillionFrom.Amount, actor);
            await transaction.CommitAsync(cancellationToken);
        }
    }

    /// <summary>Names a village of the county a demonstration village (示范村) of a year, or takes the name back.</summary>
    /// <exception cref="ProblemException">422 <c>village.outsideCounty</c> (field <c>villageId</c>) for a village not in the county.</exception>
    public async Task SetDemonstrationAsync(long countyId, long villageId, int year, bool demonstration, string actor, CancellationToken cancellationToken)
    {
        var (connection, transaction) = await VillageLock.BeginAsync(dataSource, villageId, cancellationToken);
        await using (connection)
        await using (transaction)
        {
            var inCounty = await Sql.ScalarAsync(connection, transaction,
                "SELECT 1 FROM villages v JOIN townships t ON t.id = v.township_id WHERE v.id = $1 AND t.county_id = $2", cancellationToken, villageId, countyId);
            if (inCounty is null)
            {
                throw new ProblemException(StatusCodes.Status422UnprocessableEntity, "village.outsideCounty", "villageId", "该村不在本县 (the village is not in this county)");
            }
            if (demonstration)
            {
                await Sql.ExecuteAsync(connection, transaction, "INSERT INTO village_demonstrations (village_id, year, named_by) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                    cancellationToken, villageId, year, actor);
            }
            else
            {
                await Sql.ExecuteAsync(connection, transaction, "DELETE FROM village_demonstrations WHERE village_id = $1 AND year = $2", cancellationToken, villageId, year);
            }
            await transaction.CommitAsync(cancellationToken);
        }
    }

    /// <summary>The comparison of the scope's villages over <paramref name="from"/>–<paramref name="to"/> (years).</summary>
    public async Task<VillageComparison> CompareAsync(ComparisonScope scope, int from, int to, CancellationToken cancellationToken)
    {
        long? township = scope.Kind == "township" ? scope.Id : null;
        long? county = scope.Kind == "county" ? scope.Id : null;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var thresholds = await ThresholdsAsync(connection, scope.CountyId, cancellationToken);
        var villages = new List<(ComparedVillage Village, decimal MinimumReserve)>();
        var demonstrations = new HashSet<(long, int)>();
        await using (var command = Sql.Command(connection, null, """
            SELECT v.id, v.code, v.name, t.id, t.name, v.is_demo, v.min_reserve_percent,
                   coalesce((SELECT array_agg(d.year) FROM village_demonstrations d WHERE d.village_id = v.id AND d.year BETWEEN $3 AND $4), '{}')
            FROM villages v JOIN townships t ON t.id = v.township_id
            WHERE ($1::bigint IS NULL OR v.township_id = $1) AND ($2::bigint IS NULL OR t.county_id = $2)
            ORDER BY t.name, v.name, v.id
            """, township, county, from, to))
        {
            command.Parameters[0].NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint;
            command.Parameters[1].NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var id = reader.GetInt64(0);
                villages.Add((new ComparedVillage(id, reader.GetString(1), reader.GetString(2), reader.GetInt64(3), reader.GetString(4), reader.GetBoolean(5)),
                    reader.GetDecimal(6)));
                foreach (var year in reader.GetFieldValue<int[]>(7)) demonstrations.Add((id, year));
            }
        }
        var raw = await ReadFiguresAsync(connection, township, county, from, to, cancellationToken);

        var rows = new List<ComparedYear>();
        var classes = new Dictionary<long, IReadOnlyDictionary<int, VillageClass>>();
        foreach (var (village, _) in villages)
        {
            var years = raw.GetValueOrDefault(village.Id) ?? [];
            var byYear = years.ToDictionary(y => y.Year);
            var villageClasses = new Dictionary<int, VillageClass>();
            var firstYear = years.Count > 0 ? Math.Min(years[0].Year, from) : from;
            YearLedger? previous = null;
            VillageYearFigures? previousFigures = null;
            for (var year = firstYear; year <= to; year++)
            {
                var y = byYear.GetValueOrDefault(year) ?? RawYear.Empty(year);
                var statement = IncomeStatement.FromTotals(year, y.Opening ?? previous?.ClosingUndistributed ?? Yuan.Zero, y.Transfers, y.Totals);
                var outcome = y.Distribution?.Outcome(statement);
                previous = new YearLedger(statement, y.Opening is null, 0m, null, outcome, y.Run is null ? null : y.Residue, y.UnclaimedReturned);
                var figures = VillageYearFigures.Compute(statement, y.HasBooks, outcome, y.FixedRate, y.Run, y.Households, y.Members, y.Shares,
                    previousFigures is { HasBooks: true } p ? p.OperatingIncome : null);
                VillageClass? villageClass = y.HasBooks ? thresholds.Classify(figures.OperatingIncome) : null;
                if (villageClass is { } c) villageClasses[year] = c;
                if (year >= from)
                {
                    rows.Add(new ComparedYear(village, figures, villageClass, demonstrations.Contains((village.Id, year)), y.PlanId, y.RunId));
                }
                previousFigures = figures;
            }
            classes[village.Id] = villageClasses;
        }
        return new VillageComparison(scope, from, to, thresholds, villages.Select(v => v.Village).ToList(), rows, ClassMoves.Between(classes, from, to));
    }

    /// <summary>One village's year as <see cref="ComparisonQuery"/> returns it.</summary>
    private sealed record RawYear(int Year, bool HasBooks, Dictionary<EntryCategory, Yuan> Totals, Yuan? Opening, Yuan Transfers, long? PlanId,
        IncomeDistribution? Distribution, Yuan? FixedRate, long? RunId, RunPaid? Run, Yuan Residue, Yuan UnclaimedReturned, int Households, decimal Shares, int Members)
    {
        public static RawYear Empty(int year) => new(year, false, [], null, Yuan.Zero, null, null, null, null, null, Yuan.Zero, Yuan.Zero, 0, 0m, 0);
    }

    private static readonly EntryCategory[] CategoryColumns =
    [
        EntryCategory.OperatingIncome, EntryCategory.ContractingIncome, EntryCategory.InvestmentIncome, EntryCategory.SubsidyIncome,
        EntryCategory.OtherIncome, EntryCategory.OperatingCost, EntryCategory.ManagementCost, EntryCategory.OtherCost,
    ];

    private static async Task<Dictionary<long, List<RawYear>>> ReadFiguresAsync(NpgsqlConnection connection, long? township, long? county, int from, int to,
        CancellationToken cancellationToken)
    {
        // The planner's estimate of the per-year register lookups passes jit_above_cost; compiling the query then takes seconds
        // longer than running it, so JIT is off for this read (SET LOCAL: only in this transaction).
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        await Sql.ExecuteAsync(connection, transaction, "SET LOCAL jit = off", cancellationToken);
        await using var command = Sql.Command(connection, transaction, ComparisonQuery.Sql, township, county, from, to);
        command.Parameters[0].NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint;
        command.Parameters[1].NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint;
        var result = new Dictionary<long, List<RawYear>>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        Yuan? Money(int ordinal) => reader.IsDBNull(ordinal) ? null : new Yuan(reader.GetDecimal(ordinal));
        while (await reader.ReadAsync(cancellationToken))
        {
            var totals = new Dictionary<EntryCategory, Yuan>();
            for (var i = 0; i < CategoryColumns.Length; i++)
            {
                if (Money(3 + i) is { } amount) totals[CategoryColumns[i]] = amount;
            }
            IncomeDistribution? distribution = null;
            if (!reader.IsDBNull(13))
            {
                ReserveRule reserve = Money(16) is { } fixedReserve ? new ReserveAmount(fixedReserve) : new ReservePercent(reader.GetDecimal(17));
                distribution = new IncomeDistribution(reserve, Money(18)!.Value, Money(19)!.Value, Money(14)!.Value, Money(20)!.Value);
            }
            RunPaid? run = reader.IsDBNull(21) ? null : new RunPaid(Money(22)!.Value, Money(23)!.Value, Money(25) ?? Yuan.Zero);
            var row = new RawYear(reader.GetInt32(1), reader.GetBoolean(2), totals, Money(11), Money(12)!.Value,
                reader.IsDBNull(13) ? null : reader.GetInt64(13), distribution, Money(15), reader.IsDBNull(21) ? null : reader.GetInt64(21), run,
                Money(24) ?? Yuan.Zero, Money(26) ?? Yuan.Zero,
                reader.IsDBNull(27) ? 0 : reader.GetInt32(27), reader.IsDBNull(28) ? 0m : reader.GetDecimal(28), reader.IsDBNull(29) ? 0 : reader.GetInt32(29));
            var villageId = reader.GetInt64(0);
            if (!result.TryGetValue(villageId, out var list)) result[villageId] = list = [];
            list.Add(row);
        }
        return result;
    }
}
