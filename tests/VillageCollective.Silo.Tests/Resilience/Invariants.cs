namespace VillageCollective.Silo.Tests.Resilience;

/// <summary>What must hold after any crash, checked by SQL against the database itself.</summary>
public static class Invariants
{
    /// <summary>
    /// Every run has all of its lines or none (then it does not exist): as many lines as households counted, numbered 1…n,
    /// the lines' amounts add up to the run's total paid, and total paid + residue = pool, to the fen.
    /// </summary>
    public static async Task RunsWholeAsync(string connectionString, string moment)
    {
        var broken = await CrashDatabase.QueryAsync(connectionString, """
            SELECT r.id, r.household_count, count(l.line_no), coalesce(sum(l.amount), 0), r.total_paid, r.residue, r.pool, coalesce(max(l.line_no), 0)
            FROM dividend_runs r LEFT JOIN payout_lines l ON l.run_id = r.id
            GROUP BY r.id
            HAVING r.household_count <> count(l.line_no) OR coalesce(sum(l.amount), 0) <> r.total_paid
                OR r.total_paid + r.residue <> r.pool OR coalesce(max(l.line_no), 0) <> count(l.line_no)
            """, r => $"run {r.GetInt64(0)}: {r.GetInt32(1)} households, {r.GetInt64(2)} lines, Σ {r.GetDecimal(3)} vs paid {r.GetDecimal(4)} + residue {r.GetDecimal(5)} = pool {r.GetDecimal(6)}?");
        Assert.True(broken.Count == 0, $"{moment}: {string.Join("; ", broken)}");
        var orphans = await CrashDatabase.ScalarAsync<long>(connectionString, "SELECT count(*) FROM payout_lines l WHERE NOT EXISTS (SELECT 1 FROM dividend_runs r WHERE r.id = l.run_id)");
        Assert.Equal(0, orphans);
    }

    /// <summary>
    /// No payout doubled: each line's status row names its latest event, a line has at most one mark not undone, and a line's
    /// status is pending exactly when it has none.
    /// </summary>
    public static async Task PayoutsSingleAsync(string connectionString, string moment)
    {
        var broken = await CrashDatabase.QueryAsync(connectionString, """
            WITH marks AS (
                SELECT e.run_id, e.line_no,
                       count(*) FILTER (WHERE e.kind = 'mark' AND NOT EXISTS (SELECT 1 FROM payout_events u WHERE u.reverses = e.id)) AS live,
                       max(e.id) AS last_id
                FROM payout_events e GROUP BY e.run_id, e.line_no)
            SELECT s.run_id, s.line_no, s.status, coalesce(m.live, 0), s.last_event_id, m.last_id
            FROM payout_line_status s LEFT JOIN marks m ON m.run_id = s.run_id AND m.line_no = s.line_no
            WHERE coalesce(m.live, 0) > 1
               OR (s.status = 'pending') <> (coalesce(m.live, 0) = 0)
               OR s.last_event_id IS DISTINCT FROM m.last_id
            """, r => $"run {r.GetInt64(0)} line {r.GetInt32(1)}: status {r.GetString(2)}, {r.GetInt64(3)} live marks");
        Assert.True(broken.Count == 0, $"{moment}: {string.Join("; ", broken.Take(10))}");
    }
}
