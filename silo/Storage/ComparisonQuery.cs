namespace VillageCollective.Silo.Storage;

/// <summary>
/// The one SQL query behind the comparison of villages: per village of a township or a county and per year up to the last
/// year asked, the year's books summed by category, its entered opening and transfers, the approved plan (latest version),
/// its dividend run with what was paid on the meeting date, and the register as of the plan's record date (31 December
/// without a plan), for every year asked whether it has books or not. Years before the first year asked carry only what the
/// opening balance needs (no register).
/// Parameters: $1 township id or NULL, $2 county id or NULL, $3 first year, $4 last year.
/// </summary>
public static class ComparisonQuery
{
    public const string Sql = """
        WITH scope AS (
            SELECT v.id FROM villages v JOIN townships t ON t.id = v.township_id
            WHERE ($1::bigint IS NULL OR v.township_id = $1) AND ($2::bigint IS NULL OR t.county_id = $2)
        ),
        books AS (
            SELECT e.village_id, e.year,
                   sum(e.amount) FILTER (WHERE e.category = 'operating_income') AS operating_income,
                   sum(e.amount) FILTER (WHERE e.category = 'contracting_income') AS contracting_income,
                   sum(e.amount) FILTER (WHERE e.category = 'investment_income') AS investment_income,
                   sum(e.amount) FILTER (WHERE e.category = 'subsidy_income') AS subsidy_income,
                   sum(e.amount) FILTER (WHERE e.category = 'other_income') AS other_income,
                   sum(e.amount) FILTER (WHERE e.category = 'operating_cost') AS operating_cost,
                   sum(e.amount) FILTER (WHERE e.category = 'management_cost') AS management_cost,
                   sum(e.amount) FILTER (WHERE e.category = 'other_cost') AS other_cost
            FROM book_entries e JOIN scope s ON s.id = e.village_id WHERE e.year <= $4 GROUP BY e.village_id, e.year
        ),
        plans AS (
            SELECT DISTINCT ON (p.village_id, p.year) p.*
            FROM distribution_plans p JOIN scope s ON s.id = p.village_id
            WHERE p.status = 'approved' AND p.year <= $4 ORDER BY p.village_id, p.year, p.version DESC
        ),
        -- What each run's lines came to, in one pass over all of them (hash-aggregated, not a lookup per run).
        pay AS (
            SELECT s.run_id,
                   coalesce(sum(l.amount) FILTER (WHERE s.status IN ('paid_in_cash', 'collected_by_proxy', 'transferred_to_bank')
                                                   AND (e.at AT TIME ZONE 'Asia/Shanghai')::date = m.meeting_date), 0) AS paid_on_day,
                   coalesce(sum(l.amount) FILTER (WHERE s.status = 'deferred'), 0) AS deferred
            FROM dividend_runs r JOIN scope sc ON sc.id = r.village_id
            JOIN dividend_meetings m ON m.run_id = r.id
            JOIN payout_line_status s ON s.run_id = r.id
            JOIN payout_lines l ON l.run_id = s.run_id AND l.line_no = s.line_no
            LEFT JOIN payout_events e ON e.id = s.last_event_id
            WHERE r.year <= $4
            GROUP BY s.run_id
        ),
        years AS (
            SELECT village_id, year FROM books
            UNION SELECT f.village_id, f.year FROM fiscal_years f JOIN scope s ON s.id = f.village_id WHERE f.year <= $4
            UNION SELECT village_id, year FROM plans
            -- Every year asked, books or not: the register still counts.
            UNION SELECT s.id, g FROM scope s CROSS JOIN generate_series($3::int, $4::int) g
        )
        SELECT y.village_id, y.year, b.village_id IS NOT NULL OR f.opening_undistributed IS NOT NULL,
               b.operating_income, b.contracting_income, b.investment_income, b.subsidy_income, b.other_income,
               b.operating_cost, b.management_cost, b.other_cost,
               f.opening_undistributed, coalesce(f.other_transfers_in, 0),
               p.id, p.members_pool, CASE WHEN p.rate_mode = 'fixed' THEN p.fixed_rate END,
               coalesce(p.approved_reserve, p.reserve_amount), p.reserve_percent, p.welfare_fund, p.outside_investors, p.other_distribution,
               r.id, r.per_share_rate, r.total_paid, r.residue, pay.paid_on_day,
               CASE WHEN v.unclaimed_payouts = 'return_to_undistributed' AND m.status = 'closed' THEN pay.deferred ELSE 0 END,
               reg.households, reg.shares, mem.members
        FROM years y
        JOIN villages v ON v.id = y.village_id
        LEFT JOIN books b ON b.village_id = y.village_id AND b.year = y.year
        LEFT JOIN fiscal_years f ON f.village_id = y.village_id AND f.year = y.year
        LEFT JOIN plans p ON p.village_id = y.village_id AND p.year = y.year
        LEFT JOIN dividend_runs r ON r.village_id = y.village_id AND r.year = y.year AND r.plan_version = p.version
        LEFT JOIN dividend_meetings m ON m.run_id = r.id
        LEFT JOIN pay ON pay.run_id = r.id
        LEFT JOIN LATERAL (
            SELECT count(*) FILTER (WHERE h.held > 0)::int AS households, coalesce(sum(h.held), 0) AS shares
            FROM (SELECT sm.household_id, sum(sm.delta) AS held FROM share_movements sm
                  WHERE sm.village_id = y.village_id AND sm.effective_on <= coalesce(p.record_date, make_date(y.year, 12, 31))
                  GROUP BY sm.household_id) h
            WHERE y.year >= $3
        ) reg ON true
        LEFT JOIN LATERAL (
            SELECT count(*)::int AS members FROM members mm
            WHERE y.year >= $3 AND mm.village_id = y.village_id
              AND member_on(mm.birth_date, mm.member_since, mm.ended_on, coalesce(p.record_date, make_date(y.year, 12, 31)))
        ) mem ON true
        ORDER BY y.village_id, y.year
        """;
}
