using Npgsql;
using VillageCollective.Grains.Books;
using VillageCollective.Grains.Dividends;
using VillageCollective.Grains.Money;

namespace VillageCollective.Silo.Storage;

/// <summary>
/// One fiscal year as the statement 收益及收益分配表 shows it: the income statement, the approved plan's distribution
/// lines (if a plan is approved) and the dividend run's residue (if it has run). Yuan throughout.
/// </summary>
public sealed record YearLedger(IncomeStatement Statement, bool OpeningCarried, decimal MinimumReservePercent, PlanRow? ApprovedPlan,
    DistributionOutcome? Outcome, Yuan? RunResidue, Yuan UnclaimedReturned)
{
    /// <summary>
    /// 年末未分配收益: what the approved plan leaves plus the run's residue, plus the payouts unclaimed at the meeting's close
    /// when the charter returns them; the whole distributable income when nothing was distributed.
    /// </summary>
    public Yuan ClosingUndistributed => Outcome is null ? Statement.Distributable : Outcome.ClosingUndistributed(RunResidue ?? Yuan.Zero, UnclaimedReturned);
}

/// <summary>
/// Reads a village's books year by year. A year's opening undistributed income (年初未分配收益) is the one entered for
/// it, or else, by itself, the previous year's closing (年末未分配收益 = distributable − the approved plan's lines + the
/// run's residue): closing a year needs no command, and a later correction flows into every following year.
/// </summary>
public static class Ledger
{
    /// <summary>The year's ledger, computed from every earlier year of the village's books.</summary>
    public static async Task<YearLedger> ReadYearAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, long villageId, int year, CancellationToken cancellationToken)
    {
        var minimumReserve = (decimal)(await Sql.ScalarAsync(connection, transaction, "SELECT min_reserve_percent FROM villages WHERE id = $1", cancellationToken, villageId) ?? 0m);
        var fiscal = new Dictionary<int, (Yuan? Opening, Yuan Transfers)>();
        await using (var command = Sql.Command(connection, transaction, "SELECT year, opening_undistributed, other_transfers_in FROM fiscal_years WHERE village_id = $1 AND year <= $2", villageId, year))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                fiscal[reader.GetInt32(0)] = (reader.IsDBNull(1) ? null : new Yuan(reader.GetDecimal(1)), new Yuan(reader.GetDecimal(2)));
            }
        }
        var entries = new List<BookEntry>();
        await using (var command = Sql.Command(connection, transaction,
            "SELECT year, entry_date, category, counterparty, document_no, amount, reverses_id IS NOT NULL FROM book_entries WHERE village_id = $1 AND year <= $2", villageId, year))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                entries.Add(new BookEntry(reader.GetFieldValue<DateOnly>(1), reader.GetInt32(0), EntryCategory.Parse(reader.GetString(2)),
                    reader.GetString(3), reader.GetString(4), new Yuan(reader.GetDecimal(5)), reader.GetBoolean(6)));
            }
        }
        var approved = (await PlanStore.ApprovedAsync(connection, transaction, villageId, cancellationToken))
            .Where(p => p.Plan.Year <= year).GroupBy(p => p.Plan.Year).ToDictionary(g => g.Key, g => g.MaxBy(p => p.Plan.Version)!);
        // Each run's residue, and what was still unclaimed (deferred) when its meeting closed, if the charter returns that.
        var residues = new Dictionary<(int, int), (Yuan Residue, Yuan Unclaimed)>();
        await using (var command = Sql.Command(connection, transaction, """
            SELECT r.year, r.plan_version, r.residue,
                   CASE WHEN v.unclaimed_payouts = 'return_to_undistributed' AND m.status = 'closed'
                        THEN (SELECT coalesce(sum(l.amount), 0) FROM payout_line_status s JOIN payout_lines l USING (run_id, line_no)
                              WHERE s.run_id = r.id AND s.status = 'deferred')
                        ELSE 0 END
            FROM dividend_runs r JOIN villages v ON v.id = r.village_id LEFT JOIN dividend_meetings m ON m.run_id = r.id
            WHERE r.village_id = $1 AND r.year <= $2
            """, villageId, year))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                residues[(reader.GetInt32(0), reader.GetInt32(1))] = (new Yuan(reader.GetDecimal(2)), new Yuan(reader.GetDecimal(3)));
            }
        }

        var firstYear = fiscal.Keys.Concat(entries.Select(e => e.Year)).Concat(approved.Keys).Append(year).Min();
        YearLedger? previous = null;
        for (var y = firstYear; y <= year; y++)
        {
            var (opening, transfers) = fiscal.GetValueOrDefault(y, (null, Yuan.Zero));
            var statement = IncomeStatement.Compute(y, opening ?? previous?.ClosingUndistributed ?? Yuan.Zero, transfers, entries.Where(e => e.Year == y));
            var plan = approved.GetValueOrDefault(y);
            var ran = plan is not null && residues.TryGetValue((y, plan.Plan.Version), out var r) ? r : ((Yuan, Yuan)?)null;
            previous = new YearLedger(statement, opening is null, minimumReserve, plan, plan?.Distribution.Outcome(statement), ran?.Item1, ran?.Item2 ?? Yuan.Zero);
        }
        return previous!;
    }
}
