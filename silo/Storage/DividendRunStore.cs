using Npgsql;
using NpgsqlTypes;
using VillageCollective.Grains;
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

/// <summary>A request to start the run of village <paramref name="VillageId"/>'s approved plan <paramref name="Year"/>/<paramref name="PlanVersion"/> under an idempotency key.</summary>
public sealed record RunStartRequest(long VillageId, int Year, int PlanVersion, string IdempotencyKey)
{
    /// <summary>What the key was first used for; the same key with another fingerprint is a 409.</summary>
    public string Fingerprint => $"year={Year};planVersion={PlanVersion}";
}

/// <summary>
/// One village's part of <see cref="DividendRunStore.StartManyAsync"/>: its <paramref name="Outcome"/>, or the
/// <paramref name="Refusal"/> (a <see cref="ProblemException"/> or <see cref="Grains.DomainException"/>) that left it unwritten.
/// </summary>
public sealed record RunStartResult(RunStartRequest Request, RunStartOutcome? Outcome, Exception? Refusal);

/// <summary>
/// Dividend runs (分红计算) and their payout lines. Starting a run is one transaction under the
/// village's lock: idempotency check, the approved plan, the register as of the plan's record date,
/// the grain's computation, the run row and all its lines by binary COPY — all or nothing.
/// A batch starts many villages' runs the same way in one transaction (<see cref="StartManyAsync"/>).
/// </summary>
public sealed class DividendRunStore(NpgsqlDataSource dataSource, TimeProvider clock) : IDividendRunStorage
{
    /// <inheritdoc/>
    async Task<RunStarted> IDividendRunStorage.StartAsync(RunStart request, string startedBy, CancellationToken cancellationToken)
    {
        var outcome = await StartAsync(request.VillageId, request.Year, request.PlanVersion, request.IdempotencyKey, startedBy, cancellationToken);
        return new RunStarted(outcome.RunId, outcome.Created, outcome.LinesWritten);
    }

    /// <inheritdoc/>
    async Task<List<RunStartReply>> IDividendRunStorage.StartManyAsync(IReadOnlyList<RunStart> requests, string startedBy,
        CancellationToken cancellationToken)
    {
        var results = await StartManyAsync([.. requests.Select(r => new RunStartRequest(r.VillageId, r.Year, r.PlanVersion, r.IdempotencyKey))],
            startedBy, cancellationToken);
        return [.. results.Select((result, i) => new RunStartReply(requests[i],
            result.Outcome is { } o ? new RunStarted(o.RunId, o.Created, o.LinesWritten) : null,
            result.Refusal switch { DomainException d => d.Code, ProblemException p => p.Code, null => null, _ => "" },
            result.Refusal?.Message))];
    }

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
        var (connection, transaction) = await VillageLock.BeginAsync(dataSource, villageId, cancellationToken);
        await using (connection)
        await using (transaction)
        {
            var result = (await RunStarts.StartLockedAsync(connection, transaction, [new RunStartRequest(villageId, year, planVersion, idempotencyKey)],
                startedBy, clock.GetUtcNow(), cancellationToken))[0];
            if (result.Refusal is { } refusal)
            {
                throw refusal;
            }
            await transaction.CommitAsync(cancellationToken);
            return result.Outcome!;
        }
    }

    /// <summary>
    /// Starts the runs of several villages (each at most once in <paramref name="requests"/>) in one transaction that locks
    /// them all in id order: each village's run is written whole, or not at all when that village is refused; the others go
    /// on. A dividend batch uses it to write tens of villages per commit (the per-village transaction costs more than the
    /// village's own work). Same rules, replies and refusals per village as <see cref="StartAsync"/>.
    /// </summary>
    /// <returns>One result per request, in the requests' order.</returns>
    /// <exception cref="ProblemException">404 when one of the villages does not exist (nothing is written).</exception>
    public async Task<List<RunStartResult>> StartManyAsync(IReadOnlyList<RunStartRequest> requests, string startedBy, CancellationToken cancellationToken)
    {
        var (connection, transaction) = await VillageLock.BeginManyAsync(dataSource, requests.Select(r => r.VillageId), cancellationToken);
        await using (connection)
        await using (transaction)
        {
            var results = await RunStarts.StartLockedAsync(connection, transaction, requests, startedBy, clock.GetUtcNow(), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return results;
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
              AND ($3::text IS NULL OR household_number::text = $3 OR strpos(lower(head_name), lower($3)) > 0)
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
}
