using Npgsql;
using NpgsqlTypes;
using VillageCollective.Grains;
using VillageCollective.Grains.Assembly;
using VillageCollective.Grains.Dividends;
using VillageCollective.Silo.Api;

namespace VillageCollective.Silo.Storage;

/// <summary>
/// The work of starting dividend runs inside a transaction that already holds the villages' locks, for one village (the
/// API) or a batch's tens of villages alike, in a fixed number of round trips whatever their count: the runs already made
/// (by key or plan version), the plans, the registers as of each record date, the grain's computation per village, one
/// INSERT of the run rows and one binary COPY of all their payout lines.
/// </summary>
internal static class RunStarts
{
    private sealed record Existing(long VillageId, long RunId, string Key, string Fingerprint, int Year, int PlanVersion);

    private sealed record Computed(RunStartRequest Request, PlanRow Plan, List<RegisterRow> Register, DividendRunResult Result);

    /// <summary>Starts each request's run or says why not; writes the new runs and their lines (the caller commits).</summary>
    /// <exception cref="ArgumentException">A village appears twice in <paramref name="requests"/>.</exception>
    public static async Task<List<RunStartResult>> StartLockedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        IReadOnlyList<RunStartRequest> requests, string startedBy, DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        if (requests.Select(r => r.VillageId).Distinct().Count() != requests.Count)
        {
            throw new ArgumentException("each village at most once per transaction", nameof(requests));
        }
        // Each step settles some requests in `results` (a replay, a refusal) and hands the others on.
        var results = new RunStartResult?[requests.Count];
        var unmade = await WithoutRunAsync(connection, transaction, requests, results, cancellationToken);
        var approved = await ApprovedAsync(connection, transaction, requests, unmade, results, cancellationToken);
        var computed = await ComputedAsync(connection, transaction, requests, approved, results, cancellationToken);
        if (computed.Count > 0)
        {
            var runIds = await InsertRunsAsync(connection, transaction, computed.Select(c => c.Run).ToList(), startedBy, startedAt, cancellationToken);
            await CopyLinesAsync(connection, computed.Select(c => (runIds[c.Run.Request.VillageId], c.Run)).ToList(), cancellationToken);
            foreach (var (i, run) in computed)
            {
                results[i] = new RunStartResult(run.Request, new RunStartOutcome(runIds[run.Request.VillageId], Created: true, run.Result.Lines.Count), null);
            }
        }
        return results.Select(r => r!).ToList();
    }

    // A run already made under the key is replayed (or the key's other use refused); one made for the plan version is
    // returned whatever the key. Returns the requests that have no run yet.
    private static async Task<List<int>> WithoutRunAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        IReadOnlyList<RunStartRequest> requests, RunStartResult?[] results, CancellationToken cancellationToken)
    {
        var existing = (await ExistingAsync(connection, transaction, requests, cancellationToken)).ToLookup(e => e.VillageId);
        var unmade = new List<int>();
        for (var i = 0; i < requests.Count; i++)
        {
            var request = requests[i];
            var runs = existing[request.VillageId];
            if (runs.FirstOrDefault(e => e.Key == request.IdempotencyKey) is { } replay)
            {
                results[i] = replay.Fingerprint == request.Fingerprint
                    ? new RunStartResult(request, new RunStartOutcome(replay.RunId, Created: false), null)
                    : new RunStartResult(request, null, new ProblemException(StatusCodes.Status409Conflict, "idempotency.keyReused", "Idempotency-Key",
                        $"该请求编号已用于另一次分红计算 ({replay.Fingerprint}) (this Idempotency-Key was used with another request body)"));
            }
            else if (runs.FirstOrDefault(e => e.Year == request.Year && e.PlanVersion == request.PlanVersion) is { } earlier)
            {
                results[i] = new RunStartResult(request, new RunStartOutcome(earlier.RunId, Created: false), null);
            }
            else
            {
                unmade.Add(i);
            }
        }
        return unmade;
    }

    // The plans of the requests still open, one query; a missing plan is a 404, a plan not approved a 422.
    private static async Task<List<(int Index, PlanRow Plan)>> ApprovedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        IReadOnlyList<RunStartRequest> requests, List<int> open, RunStartResult?[] results, CancellationToken cancellationToken)
    {
        if (open.Count == 0) return [];
        var plans = (await PlanStore.GetManyAsync(connection, transaction,
            open.Select(i => (requests[i].VillageId, requests[i].Year, requests[i].PlanVersion)).ToList(), cancellationToken)).ToDictionary(p => p.VillageId);
        var approved = new List<(int Index, PlanRow Plan)>();
        foreach (var i in open)
        {
            var request = requests[i];
            if (!plans.TryGetValue(request.VillageId, out var plan))
            {
                results[i] = new RunStartResult(request, null, ProblemException.NotFound("planVersion", $"{request.Year}年第{request.PlanVersion}版分配方案"));
            }
            else if (plan.Status != PlanStatus.Approved)
            {
                results[i] = new RunStartResult(request, null, new ProblemException(StatusCodes.Status422UnprocessableEntity, "run.planNotApproved", "planVersion",
                    "分配方案尚未经成员大会批准，不能分红 (only an approved plan can be run)"));
            }
            else
            {
                approved.Add((i, plan));
            }
        }
        return approved;
    }

    // The registers as of each plan's record date (one query), then the grain per village. A village the grain refuses
    // has nothing written; the others go on.
    private static async Task<List<(int Index, Computed Run)>> ComputedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        IReadOnlyList<RunStartRequest> requests, List<(int Index, PlanRow Plan)> approved, RunStartResult?[] results, CancellationToken cancellationToken)
    {
        if (approved.Count == 0) return [];
        var registers = await RegisterReader.ReadManyAsync(connection, transaction,
            approved.Select(a => (a.Plan.VillageId, a.Plan.Plan.RecordDate)).ToList(), null, cancellationToken);
        var computed = new List<(int Index, Computed Run)>();
        foreach (var (i, plan) in approved)
        {
            var register = registers[plan.VillageId];
            try
            {
                var result = DividendCalculator.Compute(plan.Plan, register.Select(r => new HouseholdShares(r.HouseholdId, r.Shares)).ToList());
                computed.Add((i, new Computed(requests[i], plan, register, result)));
            }
            catch (DomainException refusal)
            {
                results[i] = new RunStartResult(requests[i], null, refusal);
            }
        }
        return computed;
    }

    // The runs already made for any of the requests, by their key or their plan version: one query for all.
    private static async Task<List<Existing>> ExistingAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        IReadOnlyList<RunStartRequest> requests, CancellationToken cancellationToken)
    {
        await using var command = Sql.Command(connection, transaction, """
            SELECT r.village_id, r.id, r.idempotency_key, r.request_fingerprint, r.year, r.plan_version
            FROM unnest($1::bigint[], $2::text[], $3::int[], $4::int[]) AS q(village_id, idempotency_key, year, plan_version)
            JOIN dividend_runs r ON r.village_id = q.village_id
                                AND (r.idempotency_key = q.idempotency_key OR (r.year = q.year AND r.plan_version = q.plan_version))
            """,
            requests.Select(r => r.VillageId).ToArray(), requests.Select(r => r.IdempotencyKey).ToArray(),
            requests.Select(r => r.Year).ToArray(), requests.Select(r => r.PlanVersion).ToArray());
        var found = new List<Existing>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add(new Existing(reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3), reader.GetInt32(4), reader.GetInt32(5)));
        }
        return found;
    }

    // One INSERT for all the run rows; returns each village's new run id.
    private static async Task<Dictionary<long, long>> InsertRunsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, List<Computed> runs,
        string startedBy, DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        await using var command = Sql.Command(connection, transaction, """
            INSERT INTO dividend_runs (village_id, plan_id, year, plan_version, idempotency_key, request_fingerprint, per_share_rate,
                                       total_shares, pool, total_paid, residue, household_count, started_by, started_at)
            SELECT r.*, $13, $14
            FROM unnest($1::bigint[], $2::bigint[], $3::int[], $4::int[], $5::text[], $6::text[], $7::numeric[],
                        $8::numeric[], $9::numeric[], $10::numeric[], $11::numeric[], $12::int[]) AS r
            RETURNING village_id, id
            """,
            runs.Select(r => r.Request.VillageId).ToArray(), runs.Select(r => r.Plan.Id).ToArray(), runs.Select(r => r.Plan.Plan.Year).ToArray(),
            runs.Select(r => r.Plan.Plan.Version).ToArray(), runs.Select(r => r.Request.IdempotencyKey).ToArray(),
            runs.Select(r => r.Request.Fingerprint).ToArray(), runs.Select(r => r.Result.PerShareRate.Amount).ToArray(),
            runs.Select(r => r.Result.TotalShares.Value).ToArray(), runs.Select(r => r.Result.Pool.Amount).ToArray(),
            runs.Select(r => r.Result.TotalPaid.Amount).ToArray(), runs.Select(r => r.Result.Residue.Amount).ToArray(),
            runs.Select(r => r.Result.Lines.Count).ToArray(), startedBy, startedAt);
        var ids = new Dictionary<long, long>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) ids.Add(reader.GetInt64(0), reader.GetInt64(1));
        return ids;
    }

    // Binary COPY: one round trip for every line of every run, inside the transaction (design.md §4).
    private static async Task CopyLinesAsync(NpgsqlConnection connection, List<(long RunId, Computed Run)> runs, CancellationToken cancellationToken)
    {
        await using var importer = await connection.BeginBinaryImportAsync(
            "COPY payout_lines (village_id, run_id, line_no, household_id, household_number, head_name, member_count, shares, amount) FROM STDIN (FORMAT BINARY)",
            cancellationToken);
        foreach (var (runId, run) in runs)
        {
            var villageId = run.Request.VillageId;
            var households = run.Register.ToDictionary(r => r.HouseholdId);
            var lineNo = 0;
            foreach (var line in run.Result.Lines)
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
        }
        await importer.CompleteAsync(cancellationToken);
    }
}

