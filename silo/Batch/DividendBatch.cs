using System.Diagnostics;
using Npgsql;
using VillageCollective.Grains;
using VillageCollective.Grains.Dividends;
using VillageCollective.Grains.Village;
using VillageCollective.Silo.Api;
using VillageCollective.Silo.Storage;

namespace VillageCollective.Silo.Batch;

/// <summary>Where a batch stands: villages done of all, of which created now, already run earlier, refused; payout lines written now.</summary>
public sealed record BatchProgress(int Done, int Total, int Created, int AlreadyRun, int Refused, long LinesWritten, TimeSpan Elapsed)
{
    /// <summary>The estimated time left at the pace so far (zero before the first village).</summary>
    public TimeSpan Remaining => Done == 0 ? TimeSpan.Zero : Elapsed * ((double)(Total - Done) / Done);
}

/// <summary>A village the batch could not run, and why (the problem's code and message).</summary>
public sealed record BatchRefusal(long VillageId, string Code, string Message);

/// <summary>
/// A county's (or a whole prefecture's) dividend runs (分红计算) for one year: every village with an approved plan for that year,
/// in id order, <see cref="DefaultVillagesPerTransaction"/> villages to a transaction (a few transactions side by side when asked),
/// each through a run-group grain (<see cref="IRunGroupGrain"/>, <see cref="DividendRunStore.StartManyAsync"/>) — the same checks,
/// rules and writes as a village grain's run, under the villages' row locks, which every village grain's command takes
/// first; with one village a transaction, each village's own grain starts its run — so a crash leaves every village with all of its run or none of it, and loses at most the transactions
/// under way. The idempotency key is <see cref="KeyOf"/>, the same on every attempt: a restarted batch finds the runs already
/// made and creates nothing twice. It streams: only the registers and lines of the transactions under way are in memory
/// (some 15,000 lines each, not the batch's 300,000).
/// </summary>
public sealed class DividendBatch(NpgsqlDataSource dataSource, IGrainFactory grains)
{
    /// <summary>The batch's actor in <c>started_by</c> and the audit trail.</summary>
    public const string Actor = "batch";

    /// <summary>
    /// Villages written per transaction unless told otherwise. A transaction per village spent more on its own round trips,
    /// statements and commit than on the village's 300 lines (docs/benchmarks.md, PrefectureBatchLoad); 50 villages of 300
    /// households are some 15,000 lines, a few MB in memory.
    /// </summary>
    public const int DefaultVillagesPerTransaction = 50;

    /// <summary>The idempotency key of a village's batch run of plan <paramref name="year"/>/<paramref name="planVersion"/>.</summary>
    public static string KeyOf(int year, int planVersion) => $"batch:{year}:v{planVersion}";

    /// <summary>
    /// Runs the approved plans of <paramref name="year"/> (each village's highest approved version) of the villages in county
    /// <paramref name="countyId"/>, or of every village when it is <see langword="null"/>. Calls <paramref name="progress"/>
    /// once per village as its transaction commits. A village whose plan the grains refuse is reported and skipped; the others go on.
    /// </summary>
    /// <returns>The last progress and the refusals.</returns>
    /// <param name="year">The plans' year.</param>
    /// <param name="countyId">The county whose villages run, or null for every village.</param>
    /// <param name="progress">Called after each village, one call at a time.</param>
    /// <param name="cancellationToken">Stops before the next transaction (one under way commits or rolls back whole).</param>
    /// <param name="parallelism">How many transactions run at once (1 or more).</param>
    /// <param name="villagesPerTransaction">How many villages each transaction writes (1 or more).</param>
    public async Task<(BatchProgress Progress, List<BatchRefusal> Refusals)> RunAsync(int year, long? countyId, Action<BatchProgress>? progress,
        CancellationToken cancellationToken, int parallelism = 1, int villagesPerTransaction = DefaultVillagesPerTransaction)
    {
        var clock = Stopwatch.StartNew();
        var plans = await PlansAsync(year, countyId, cancellationToken);
        int created = 0, alreadyRun = 0, done = 0;
        long lines = 0;
        var refusals = new List<BatchRefusal>();
        var gate = new Lock();
        using var actor = AuditContext.Use(Actor, "");
        // Transactions of disjoint villages are independent, so a few run side by side: while one waits for PostgreSQL,
        // another reads its registers or computes.
        var options = new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(plans.Chunk(villagesPerTransaction), options, async (chunk, token) =>
        {
            var requests = chunk.Select(p => new RunStart(p.VillageId, year, p.Version, KeyOf(year, p.Version))).ToList();
            var results = await StartAsync(requests);
            lock (gate)
            {
                foreach (var result in results)
                {
                    if (result.RefusalCode is { } code) refusals.Add(new BatchRefusal(result.Request.VillageId, code, result.RefusalMessage ?? ""));
                    else if (result.Outcome!.Created) { created++; lines += result.Outcome.LinesWritten; }
                    else alreadyRun++;
                    done++;
                    progress?.Invoke(new BatchProgress(done, plans.Count, created, alreadyRun, refusals.Count, lines, clock.Elapsed));
                }
            }
        });
        return (new BatchProgress(done, plans.Count, created, alreadyRun, refusals.Count, lines, clock.Elapsed), refusals);
    }

    // Why a group grain rather than a call to each village's grain: measured at 200 villages (59,094 lines, 2 cores shared,
    // a server with fsync off), the group took 1.7 s (median of 9) against 1.5 s for the store path it replaced; a village
    // grain each, one transaction each, took 2.3 s at 2 calls in flight and 1.8 s at 8. With fsync on (scripts/bench) each
    // of those 1,001 commits flushes the WAL: one COPY per village already costs 1.1 s more than one COPY in all
    // (docs/benchmarks.md, PrefectureBatchLoad), beyond the 1.2x the batch may take. One village a transaction
    // (--villages-per-transaction 1) still goes through the village grains.
    private async Task<List<RunStartReply>> StartAsync(List<RunStart> requests)
    {
        if (requests.Count > 1)
        {
            return await grains.GetGrain<IRunGroupGrain>(0).StartRunsAsync(requests, Actor);
        }
        var request = requests[0];
        try
        {
            var started = await grains.GetGrain<IVillageGrain>(request.VillageId).StartRunAsync(request.Year, request.PlanVersion,
                request.IdempotencyKey, Actor);
            return [new RunStartReply(request, started, null, null)];
        }
        catch (DomainException refusal)
        {
            return [new RunStartReply(request, null, refusal.Code, refusal.Message)];
        }
        catch (ProblemException refusal)
        {
            return [new RunStartReply(request, null, refusal.Code, refusal.Message)];
        }
    }

    // (village, plan version) pairs only — a few bytes a village; the registers are read one village at a time.
    private async Task<List<(long VillageId, int Version)>> PlansAsync(int year, long? countyId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Sql.Command(connection, null, """
            SELECT p.village_id, max(p.version)
            FROM distribution_plans p
            JOIN villages v ON v.id = p.village_id
            LEFT JOIN townships t ON t.id = v.township_id
            WHERE p.year = $1 AND p.status = 'approved' AND ($2::bigint IS NULL OR t.county_id = $2)
            GROUP BY p.village_id ORDER BY p.village_id
            """, year, countyId);
        command.Parameters[1].NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint;
        var plans = new List<(long, int)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) plans.Add((reader.GetInt64(0), reader.GetInt32(1)));
        return plans;
    }
}
