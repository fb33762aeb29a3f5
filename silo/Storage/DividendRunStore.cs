using Npgsql;
using NpgsqlTypes;
using VillageCollective.Grains.Assembly;
using VillageCollective.Grains.Dividends;
using VillageCollective.Grains.Money;
using VillageCollective.Grains.Shares;
using VillageCollective.Silo.Api;

namespace VillageCollective.Silo.Storage;

/// <summary>A stored dividend run's totals (yuan, shares) and who started it when.</summary>
public sealed record RunSummary(long Id, long VillageId, long PlanId, int Year, int PlanVersion, Yuan PerShareRate,
    ShareCount TotalShares, Yuan Pool, Yuan TotalPaid, Yuan Residue, int HouseholdCount, string StartedBy, DateTimeOffset StartedAt);

/// <summary>One line of a run's payout checklist.</summary>
public sealed record PayoutLineRow(int LineNo, long HouseholdId, int HouseholdNumber, string HeadName, int MemberCount, ShareCount Shares, Yuan Amount);

/// <summary>What starting a run did: created it now (with <paramref name="LinesWritten"/> payout lines), or found the one an earlier request created (0 lines written).</summary>
public sealed record RunStartOutcome(long RunId, bool Created, int LinesWritten = 0);

/// <summary>
/// Dividend runs (分红计算) and their payout lines. Starting a run is one transaction under the
/// village's lock: idempotency check, the approved plan, the register as of the plan's record date,
/// the grain's computation, the run row and all its lines by binary COPY — all or nothing.
/// </summary>
public sealed class DividendRunStore(NpgsqlDataSource dataSource, TimeProvider clock)
{
    /// <summary>
    /// Starts the run of the approved plan (<paramref name="year"/>, <paramref name="planVersion"/>), or returns
    /// the run already started for that plan version or with that <paramref name="idempotencyKey"/>.
    /// </summary>
    /// <exception cref="ProblemException">
    /// 404 unknown village or plan; 409 <c>idempotency.keyReused</c> when the key was used for another plan;
    /// 422 <c>run.planNotApproved</c> for a draft.
    /// </exception>
    /// <exception cref="Grains.DomainException">The grain refuses the plan against the register (e.g. a rate that pays more than the pool).</exception>
    public async Task<RunStartOutcome> StartAsync(long villageId, int year, int planVersion, string idempotencyKey, string startedBy, CancellationToken cancellationToken)
    {
        var fingerprint = $"year={year};planVersion={planVersion}";
        var (connection, transaction) = await VillageLock.BeginAsync(dataSource, villageId, cancellationToken);
        await using (connection)
        await using (transaction)
        {
            var byKey = await FindRunAsync(connection, transaction, "idempotency_key = $2", [villageId, idempotencyKey], cancellationToken);
            if (byKey is { } replay)
            {
                if (replay.Fingerprint != fingerprint)
                {
                    throw new ProblemException(StatusCodes.Status409Conflict, "idempotency.keyReused", "Idempotency-Key",
                        $"该请求编号已用于另一次分红计算 ({replay.Fingerprint}) (this Idempotency-Key was used with another request body)");
                }
                return new RunStartOutcome(replay.Id, Created: false);
            }
            var byPlan = await FindRunAsync(connection, transaction, "year = $2 AND plan_version = $3", [villageId, year, planVersion], cancellationToken);
            if (byPlan is { } earlier)
            {
                return new RunStartOutcome(earlier.Id, Created: false);
            }

            var plan = await PlanStore.GetAsync(connection, transaction, villageId, year, planVersion, cancellationToken)
                ?? throw ProblemException.NotFound("planVersion", $"{year}年第{planVersion}版分配方案");
            if (plan.Status != PlanStatus.Approved)
            {
                throw new ProblemException(StatusCodes.Status422UnprocessableEntity, "run.planNotApproved", "planVersion",
                    "分配方案尚未经成员大会批准，不能分红 (only an approved plan can be run)");
            }
            var register = await RegisterReader.ReadAsync(connection, transaction, villageId, plan.Plan.RecordDate, null, cancellationToken);
            var result = DividendCalculator.Compute(plan.Plan, register.Select(r => new HouseholdShares(r.HouseholdId, r.Shares)).ToList());

            var runId = await InsertRunAsync(connection, transaction, villageId, plan, result, idempotencyKey, fingerprint, startedBy, cancellationToken);
            await CopyLinesAsync(connection, villageId, runId, register, result, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new RunStartOutcome(runId, Created: true, result.Lines.Count);
        }
    }

    public async Task<RunSummary?> GetAsync(long villageId, long runId, CancellationToken cancellationToken) =>
        (await ListAsync(villageId, runId, cancellationToken)).SingleOrDefault();

    /// <summary>The village's runs, newest first (or the one run <paramref name="runId"/>).</summary>
    public async Task<List<RunSummary>> ListAsync(long villageId, long? runId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            SELECT id, village_id, plan_id, year, plan_version, per_share_rate, total_shares, pool, total_paid, residue,
                   household_count, started_by, started_at
            FROM dividend_runs WHERE village_id = $1 AND ($2::bigint IS NULL OR id = $2) ORDER BY id DESC
            """, connection);
        command.Parameters.Add(new() { Value = villageId });
        command.Parameters.Add(new() { Value = (object?)runId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        var runs = new List<RunSummary>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            runs.Add(new RunSummary(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt32(3), reader.GetInt32(4),
                new Yuan(reader.GetDecimal(5)), new ShareCount(reader.GetDecimal(6)), new Yuan(reader.GetDecimal(7)),
                new Yuan(reader.GetDecimal(8)), new Yuan(reader.GetDecimal(9)), reader.GetInt32(10), reader.GetString(11),
                reader.GetFieldValue<DateTimeOffset>(12)));
        }
        return runs;
    }

    /// <summary>The run's payout checklist in household-number order; <paramref name="search"/> matches the number or the head's name.</summary>
    public async Task<List<PayoutLineRow>> ListLinesAsync(long villageId, long runId, string? search, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            SELECT line_no, household_id, household_number, head_name, member_count, shares, amount
            FROM payout_lines
            WHERE village_id = $1 AND run_id = $2
              AND ($3::text IS NULL OR household_number::text = $3 OR head_name ILIKE '%' || $3 || '%')
            ORDER BY line_no
            """, connection);
        command.Parameters.Add(new() { Value = villageId });
        command.Parameters.Add(new() { Value = runId });
        command.Parameters.Add(new() { Value = string.IsNullOrWhiteSpace(search) ? DBNull.Value : search.Trim(), NpgsqlDbType = NpgsqlDbType.Text });
        var lines = new List<PayoutLineRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            lines.Add(new PayoutLineRow(reader.GetInt32(0), reader.GetInt64(1), reader.GetInt32(2), reader.GetString(3),
                reader.GetInt32(4), new ShareCount(reader.GetDecimal(5)), new Yuan(reader.GetDecimal(6))));
        }
        return lines;
    }

    private sealed record FoundRun(long Id, string Fingerprint);

    private static async Task<FoundRun?> FindRunAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string condition,
        object[] parameters, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT id, request_fingerprint FROM dividend_runs WHERE village_id = $1 AND {condition}", connection, transaction);
        foreach (var value in parameters) command.Parameters.Add(new() { Value = value });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new FoundRun(reader.GetInt64(0), reader.GetString(1)) : null;
    }

    private async Task<long> InsertRunAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long villageId, PlanRow plan,
        DividendRunResult result, string idempotencyKey, string fingerprint, string startedBy, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO dividend_runs (village_id, plan_id, year, plan_version, idempotency_key, request_fingerprint, per_share_rate,
                                       total_shares, pool, total_paid, residue, household_count, started_by, started_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id
            """, connection, transaction);
        object[] values =
        [
            villageId, plan.Id, plan.Plan.Year, plan.Plan.Version, idempotencyKey, fingerprint, result.PerShareRate.Amount,
            result.TotalShares.Value, result.Pool.Amount, result.TotalPaid.Amount, result.Residue.Amount, result.Lines.Count,
            startedBy, clock.GetUtcNow(),
        ];
        foreach (var value in values) command.Parameters.Add(new() { Value = value });
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    // Binary COPY: one round trip for all lines, inside the run's transaction (design.md §4).
    private static async Task CopyLinesAsync(NpgsqlConnection connection, long villageId, long runId, List<RegisterRow> register,
        DividendRunResult result, CancellationToken cancellationToken)
    {
        var households = register.ToDictionary(r => r.HouseholdId);
        await using var importer = await connection.BeginBinaryImportAsync(
            "COPY payout_lines (village_id, run_id, line_no, household_id, household_number, head_name, member_count, shares, amount) FROM STDIN (FORMAT BINARY)",
            cancellationToken);
        var lineNo = 0;
        foreach (var line in result.Lines)
        {
            var household = households[line.HouseholdId];
            await importer.StartRowAsync(cancellationToken);
            await importer.WriteAsync(villageId, NpgsqlDbType.Bigint, cancellationToken);
            await importer.WriteAsync(runId, NpgsqlDbType.Bigint, cancellationToken);
            await importer.WriteAsync(++lineNo, NpgsqlDbType.Integer, cancellationToken);
            await importer.WriteAsync(line.HouseholdId, NpgsqlDbType.Bigint, cancellationToken);
            await importer.WriteAsync(household.Number, NpgsqlDbType.Integer, cancellationToken);
            await importer.WriteAsync(household.HeadName, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(household.MemberCount, NpgsqlDbType.Integer, cancellationToken);
            await importer.WriteAsync(line.Shares.Value, NpgsqlDbType.Numeric, cancellationToken);
            await importer.WriteAsync(line.Amount.Amount, NpgsqlDbType.Numeric, cancellationToken);
        }
        await importer.CompleteAsync(cancellationToken);
    }
}
