using Npgsql;
using NpgsqlTypes;

namespace VillageCollective.Silo.Storage;

/// <summary>
/// One difference the consistency check found: which rule (<see cref="Check"/>, e.g. <c>run.total</c>), in which village,
/// about what (<see cref="Subject"/>, e.g. "run 7" or "household 12, class basic"), the value recomputed from the journals
/// (<see cref="Expected"/>) and the value stored (<see cref="Actual"/>), both as invariant text (yuan, shares or counts).
/// </summary>
public sealed record ConsistencyDifference(string Check, long VillageId, string Subject, string Expected, string Actual);

/// <summary>
/// What the check read (villages, runs, payout lines, share movements, audit rows) and every difference found; the data
/// is consistent when <see cref="Differences"/> is empty. <see cref="CheckedAt"/> is an instant.
/// </summary>
public sealed record ConsistencyReport(DateTimeOffset CheckedAt, long Villages, long Runs, long PayoutLines, long ShareMovements,
    long AuditRows, IReadOnlyList<ConsistencyDifference> Differences)
{
    /// <summary>True when nothing differs.</summary>
    public bool Consistent => Differences.Count == 0;
}

/// <summary>
/// Recomputes what the system stores from the journals it is derived from, and reports every difference (issue 9, "backup
/// and consistency"); it changes nothing. Run totals are recomputed from their payout lines; each line from its shares
/// and the run's rate (rounded to the fen, 四舍五入) and from the register as of the plan's record date; the register's
/// totals from the append-only movement journal (movements inside the organisation balance per class, a reversal negates
/// its movement, no holding is ever negative); each checklist line's status from its payout events (one live mark at most);
/// and the audit trail's hash chains. Used by <c>scripts/run --check</c>, GET /api/villages/{id}/consistency and the
/// backup round trip test.
/// </summary>
public sealed class ConsistencyStore(NpgsqlDataSource dataSource, AuditStore audit, TimeProvider clock)
{
    // Each check is one query returning (check, village_id, subject, expected, actual) for every row that differs.
    // $1 is the village, or NULL for every village.
    private static readonly (string Check, string Sql)[] Checks =
    [
        // A run's stored totals against its lines: Σ amounts, line count, Σ shares; lines numbered 1…n (none missing).
        ("run.total, run.households, run.shares, run.lineNumbers", """
            WITH sums AS (
                SELECT r.id, r.village_id, r.total_paid, r.household_count, r.total_shares,
                       coalesce(sum(l.amount), 0) AS paid, count(l.line_no) AS lines, coalesce(sum(l.shares), 0) AS shares,
                       coalesce(max(l.line_no), 0) AS last_line
                FROM dividend_runs r LEFT JOIN payout_lines l ON l.run_id = r.id
                WHERE $1::bigint IS NULL OR r.village_id = $1
                GROUP BY r.id)
            SELECT v.name, s.village_id, 'run ' || s.id, v.recomputed::text, v.stored::text
            FROM sums s, LATERAL (VALUES ('run.total', s.paid, s.total_paid), ('run.households', s.lines, s.household_count),
                                         ('run.shares', s.shares, s.total_shares), ('run.lineNumbers', s.lines, s.last_line)) v(name, recomputed, stored)
            WHERE v.recomputed <> v.stored
            """),
        ("run.pool", """
            SELECT 'run.pool', r.village_id, 'run ' || r.id, (r.total_paid + r.residue)::text || ' (plan ' || p.members_pool::text || ')', r.pool::text
            FROM dividend_runs r JOIN distribution_plans p ON p.id = r.plan_id
            WHERE ($1::bigint IS NULL OR r.village_id = $1) AND (r.pool <> r.total_paid + r.residue OR r.pool <> p.members_pool)
            """),
        // round(numeric, 2) rounds half away from zero: 四舍五入, the rule DividendCalculator applies.
        ("run.lineAmount", """
            SELECT 'run.lineAmount', l.village_id, 'run ' || l.run_id || ', line ' || l.line_no, round(l.shares * r.per_share_rate, 2)::text, l.amount::text
            FROM payout_lines l JOIN dividend_runs r ON r.id = l.run_id
            WHERE ($1::bigint IS NULL OR l.village_id = $1) AND l.amount <> round(l.shares * r.per_share_rate, 2)
            """),
        // Every household holding shares on the record date has exactly its holding on the run's checklist.
        ("run.register", """
            WITH runs AS (
                SELECT r.id, r.village_id, p.record_date FROM dividend_runs r JOIN distribution_plans p ON p.id = r.plan_id
                WHERE $1::bigint IS NULL OR r.village_id = $1),
            held AS (
                SELECT runs.id AS run_id, runs.village_id, m.household_id, sum(m.delta) AS shares
                FROM runs JOIN share_movements m ON m.village_id = runs.village_id AND m.effective_on <= runs.record_date
                GROUP BY runs.id, runs.village_id, m.household_id HAVING sum(m.delta) > 0),
            lines AS (
                SELECT l.run_id, l.village_id, l.household_id, l.shares FROM payout_lines l JOIN runs ON runs.id = l.run_id)
            SELECT 'run.register', coalesce(h.village_id, l.village_id), 'run ' || coalesce(h.run_id, l.run_id) || ', household id ' || coalesce(h.household_id, l.household_id),
                   coalesce(h.shares::text, 'no line'), coalesce(l.shares::text, 'no line')
            FROM held h FULL JOIN lines l ON l.run_id = h.run_id AND l.household_id = h.household_id
            WHERE h.shares IS DISTINCT FROM l.shares
            """),
        // Movements inside the organisation (transfer, inheritance, split, merge) move shares without creating any.
        ("register.movementBalance", """
            SELECT 'register.movementBalance', village_id, 'movement ' || movement_no || ', class ' || share_class, '0', sum(delta)::text
            FROM share_movements
            WHERE ($1::bigint IS NULL OR village_id = $1) AND kind IN ('transfer', 'inheritance', 'split', 'merge')
            GROUP BY village_id, movement_no, share_class HAVING sum(delta) <> 0
            """),
        // A reversal negates its movement leg by leg (per household and class).
        ("register.reversal", """
            WITH legs AS (
                SELECT r.village_id, r.movement_no AS reversal_no, o.household_id, o.share_class, o.delta
                FROM share_movements r JOIN share_movements o ON o.village_id = r.village_id AND o.movement_no = r.reverses_no
                WHERE ($1::bigint IS NULL OR r.village_id = $1) AND r.kind = 'reversal'
                GROUP BY r.village_id, r.movement_no, o.id
                UNION ALL
                SELECT village_id, movement_no, household_id, share_class, delta FROM share_movements
                WHERE ($1::bigint IS NULL OR village_id = $1) AND kind = 'reversal')
            SELECT 'register.reversal', village_id, 'reversal ' || reversal_no || ', household id ' || household_id || ', class ' || share_class, '0', sum(delta)::text
            FROM legs GROUP BY village_id, reversal_no, household_id, share_class HAVING sum(delta) <> 0
            """),
        // No holding is negative on any date: the running balance per household and class after each date's movements.
        ("register.negative", """
            WITH per_day AS (
                SELECT village_id, household_id, share_class, effective_on, sum(delta) AS delta FROM share_movements
                WHERE $1::bigint IS NULL OR village_id = $1 GROUP BY village_id, household_id, share_class, effective_on),
            running AS (
                SELECT *, sum(delta) OVER (PARTITION BY household_id, share_class ORDER BY effective_on) AS balance FROM per_day)
            SELECT 'register.negative', village_id, 'household id ' || household_id || ', class ' || share_class || ', ' || effective_on, '>= 0', balance::text
            FROM running WHERE balance < 0
            """),
        // A checklist line's status is its latest event's (pending when never marked or last undone).
        ("payout.status", """
            SELECT 'payout.status', s.village_id, 'run ' || s.run_id || ', line ' || s.line_no,
                   coalesce(e.status, 'pending') || ' / event ' || coalesce(e.id::text, 'none'), s.status || ' / event ' || coalesce(s.last_event_id::text, 'none')
            FROM payout_line_status s
            LEFT JOIN LATERAL (SELECT id, status FROM payout_events pe WHERE pe.run_id = s.run_id AND pe.line_no = s.line_no ORDER BY id DESC LIMIT 1) e ON true
            WHERE ($1::bigint IS NULL OR s.village_id = $1)
              AND (s.status <> coalesce(e.status, 'pending') OR s.last_event_id IS DISTINCT FROM e.id)
            """),
        // No line is paid twice: at most one mark that no undo reverses.
        ("payout.liveMarks", """
            SELECT 'payout.liveMarks', m.village_id, 'run ' || m.run_id || ', line ' || m.line_no, '<= 1', count(*)::text
            FROM payout_events m
            WHERE ($1::bigint IS NULL OR m.village_id = $1) AND m.kind = 'mark'
              AND NOT EXISTS (SELECT 1 FROM payout_events u WHERE u.reverses = m.id)
            GROUP BY m.village_id, m.run_id, m.line_no HAVING count(*) > 1
            """),
    ];

    /// <summary>
    /// Checks one village (<paramref name="villageId"/>) or every village (null) in one repeatable-read snapshot, so a
    /// check running beside live payouts compares figures of one moment. Reads only.
    /// </summary>
    public async Task<ConsistencyReport> CheckAsync(long? villageId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        var differences = new List<ConsistencyDifference>();
        foreach (var (_, sql) in Checks)
        {
            await using var command = Command(connection, transaction, sql, villageId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                differences.Add(new ConsistencyDifference(reader.GetString(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3), reader.GetString(4)));
            }
        }

        await using var counts = Command(connection, transaction, """
            SELECT (SELECT count(*) FROM villages WHERE $1::bigint IS NULL OR id = $1),
                   (SELECT count(*) FROM dividend_runs WHERE $1::bigint IS NULL OR village_id = $1),
                   (SELECT count(*) FROM payout_lines WHERE $1::bigint IS NULL OR village_id = $1),
                   (SELECT count(*) FROM share_movements WHERE $1::bigint IS NULL OR village_id = $1)
            """, villageId);
        await using var countReader = await counts.ExecuteReaderAsync(cancellationToken);
        await countReader.ReadAsync(cancellationToken);
        var (villages, runs, lines, movements) = (countReader.GetInt64(0), countReader.GetInt64(1), countReader.GetInt64(2), countReader.GetInt64(3));
        await countReader.CloseAsync();
        await transaction.CommitAsync(cancellationToken);

        var chain = await audit.VerifyAsync(villageId, cancellationToken);
        if (!chain.Intact)
        {
            differences.Add(new ConsistencyDifference("audit.chain", chain.FirstBrokenChain ?? 0, $"audit row {chain.FirstBrokenId}", "intact", chain.Problem ?? "broken"));
        }
        return new ConsistencyReport(clock.GetUtcNow(), villages, runs, lines, movements, chain.Checked, differences);
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, long? villageId)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.Add(new() { Value = (object?)villageId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        return command;
    }
}
