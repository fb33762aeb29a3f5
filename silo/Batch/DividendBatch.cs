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
/// village by village in id order, each through <see cref="DividendRunStore.StartAsync"/> — its own transaction under the
/// village's lock, so a crash leaves every village with all of its run or none of it. The idempotency key is
/// <see cref="KeyOf"/>, the same on every attempt: a restarted batch finds the runs already made and creates nothing twice.
/// It streams: only one village's register and lines are in memory at a time (about 300 lines, not the batch's 300,000).
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
    public async Task<(BatchProgress Progress, List<BatchRefusal> Refusals)> RunAsync(int year, long? countyId, Action<BatchProgress>? progress,
        CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var plans = await PlansAsync(year, countyId, cancellationToken);
        int created = 0, alreadyRun = 0;
        long lines = 0;
        var refusals = new List<BatchRefusal>();
        var done = 0;
        using var actor = AuditContext.Use(Actor, "");
        foreach (var (villageId, version) in plans)
        {
            try
            {
                var outcome = await runs.StartAsync(villageId, year, version, KeyOf(year, version), Actor, cancellationToken);
                if (outcome.Created)
                {
                    created++;
                    lines += outcome.LinesWritten;
                }
                else
                {
                    alreadyRun++;
                }
            }
            catch (Exception e) when (e is DomainException or ProblemException)
            {
                var (code, message) = e switch
                {
                    DomainException d => (d.Code, d.Message),
                    ProblemException p => (p.Code, p.Message),
                    _ => ("", e.Message),
                };
                refusals.Add(new BatchRefusal(villageId, code, message));
            }
            done++;
            progress?.Invoke(new BatchProgress(done, plans.Count, created, alreadyRun, refusals.Count, lines, clock.Elapsed));
        }
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
