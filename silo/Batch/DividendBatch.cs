using System.Diagnostics;
using Npgsql;
using VillageCollective.Grains;
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
/// village by village in id order (a few side by side when asked), each through <see cref="DividendRunStore.StartAsync"/> — its own transaction under the
/// village's lock, so a crash leaves every village with all of its run or none of it. The idempotency key is
/// <see cref="KeyOf"/>, the same on every attempt: a restarted batch finds the runs already made and creates nothing twice.
/// It streams: only the registers and lines of the villages in progress are in memory (about 300 lines each, not the batch's 300,000).
/// </summary>
public sealed class DividendBatch(NpgsqlDataSource dataSource, DividendRunStore runs)
{
    /// <summary>The batch's actor in <c>started_by</c> and the audit trail.</summary>
    public const string Actor = "batch";

    /// <summary>The idempotency key of a village's batch run of plan <paramref name="year"/>/<paramref name="planVersion"/>.</summary>
    public static string KeyOf(int year, int planVersion) => $"batch:{year}:v{planVersion}";

    /// <summary>
    /// Runs the approved plans of <paramref name="year"/> (each village's highest approved version) of the villages in county
    /// <paramref name="countyId"/>, or of every village when it is <see langword="null"/>. Calls <paramref name="progress"/>
    /// after every village. A village whose plan the grains refuse is reported and skipped; the others go on.
    /// </summary>
    /// <returns>The last progress and the refusals.</returns>
    /// <param name="year">The plans' year.</param>
    /// <param name="countyId">The county whose villages run, or null for every village.</param>
    /// <param name="progress">Called after each village, one call at a time.</param>
    /// <param name="cancellationToken">Stops before the next village (a village under way finishes or rolls back whole).</param>
    /// <param name="parallelism">How many villages run at once (1 or more), each in its own transaction.</param>
    public async Task<(BatchProgress Progress, List<BatchRefusal> Refusals)> RunAsync(int year, long? countyId, Action<BatchProgress>? progress,
        CancellationToken cancellationToken, int parallelism = 1)
    {
        var clock = Stopwatch.StartNew();
        var plans = await PlansAsync(year, countyId, cancellationToken);
        int created = 0, alreadyRun = 0, done = 0;
        long lines = 0;
        var refusals = new List<BatchRefusal>();
        var gate = new Lock();
        using var actor = AuditContext.Use(Actor, "");
        // Villages are independent (each its own lock and transaction), so a few run side by side: while one waits for
        // PostgreSQL's commit, another reads its register.
        var options = new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(plans, options, async (plan, token) =>
        {
            var (villageId, version) = plan;
            BatchRefusal? refusal = null;
            RunStartOutcome? outcome = null;
            try
            {
                outcome = await runs.StartAsync(villageId, year, version, KeyOf(year, version), Actor, token);
            }
            catch (Exception e) when (e is DomainException or ProblemException)
            {
                var (code, message) = e switch
                {
                    DomainException d => (d.Code, d.Message),
                    ProblemException p => (p.Code, p.Message),
                    _ => ("", e.Message),
                };
                refusal = new BatchRefusal(villageId, code, message);
            }
            lock (gate)
            {
                if (refusal is not null) refusals.Add(refusal);
                else if (outcome!.Created) { created++; lines += outcome.LinesWritten; }
                else alreadyRun++;
                done++;
                progress?.Invoke(new BatchProgress(done, plans.Count, created, alreadyRun, refusals.Count, lines, clock.Elapsed));
            }
        });
        return (new BatchProgress(done, plans.Count, created, alreadyRun, refusals.Count, lines, clock.Elapsed), refusals);
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
