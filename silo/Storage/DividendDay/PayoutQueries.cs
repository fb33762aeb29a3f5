using Npgsql;
using VillageCollective.Grains.DividendDay;
using VillageCollective.Grains.Money;
using VillageCollective.Grains.Shares;
using VillageCollective.Silo.Search;

namespace VillageCollective.Silo.Storage.DividendDay;

/// <summary>A checklist line with its current status and the event that set it (null while never marked).</summary>
public sealed record CheckLineRow(int LineNo, int HouseholdNumber, string HeadName, int MemberCount, ShareCount Shares, Yuan Amount,
    PayoutStatus Status, PayoutLineEvent? Last);

/// <summary>Households and yuan of one status.</summary>
public sealed record StatusTotal(PayoutStatus Status, int Households, Yuan Amount);

/// <summary>The live board: what is paid of the run, and by which method. Paid = cash + proxy + bank.</summary>
public sealed record Board(long RunId, string MeetingStatus, int HouseholdsTotal, int HouseholdsPaid, Yuan AmountTotal, Yuan AmountPaid,
    IReadOnlyList<StatusTotal> ByStatus);

/// <summary>
/// How far a run's payout has come: households and yuan handed out (cash, proxy or bank: <see cref="PayoutStatuses.IsPaid"/>)
/// and still owed (pending or deferred). Handed out + owed = the run's lines, to the fen.
/// </summary>
public sealed record PayoutProgress(int HouseholdsPaid, Yuan AmountPaid, int HouseholdsOwed, Yuan AmountOwed)
{
    /// <summary>The progress of a run's totals by status.</summary>
    public static PayoutProgress Of(IReadOnlyCollection<StatusTotal> byStatus)
    {
        var paid = byStatus.Where(s => PayoutStatuses.IsPaid(s.Status)).ToList();
        var owed = byStatus.Where(s => !PayoutStatuses.IsPaid(s.Status)).ToList();
        return new PayoutProgress(paid.Sum(s => s.Households), Yuan.Sum(paid.Select(s => s.Amount)),
            owed.Sum(s => s.Households), Yuan.Sum(owed.Select(s => s.Amount)));
    }
}

/// <summary>One year's dividend of a household: its run, its line (shares, yuan), the status and the event that set it (null while never marked).</summary>
public sealed record HouseholdPayoutRow(long RunId, int Year, int PlanVersion, Yuan PerShareRate, int LineNo, ShareCount Shares, Yuan Amount,
    PayoutStatus Status, PayoutLineEvent? Last);

/// <summary>A table's cash count of the latest closing.</summary>
public sealed record CashCountRow(int ClosingNo, int TableNo, Yuan Issued, Yuan Paid, int LinesPaid, Yuan Difference);

/// <summary>Reads of the dividend day: the checklist with statuses, search, the board, cash counts. Reads never take the lock.</summary>
public sealed class PayoutQueries(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// The run's lines with their status, in line order. <paramref name="search"/> keeps a line whose household number equals it,
    /// whose head's name contains it, whose head's pinyin initials start with it (Latin letters, e.g. <c>wjg</c>), or — four or
    /// more digits (or X) — one of whose members' resident ID ends with it. <paramref name="status"/> keeps one status.
    /// </summary>
    public async Task<List<CheckLineRow>> ListAsync(long villageId, long runId, string? search, PayoutStatus? status, CancellationToken cancellationToken)
    {
        var query = string.IsNullOrWhiteSpace(search) ? null : search.Trim();
        var initials = query is not null && PinyinInitials.IsInitialsQuery(query) ? query.ToLowerInvariant() : null;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Sql.Command(connection, null, """
            SELECT l.line_no, l.household_number, l.head_name, l.member_count, l.shares, l.amount, COALESCE(s.status, 'pending'),
                   e.id, e.line_no, e.kind, e.status, e.recipient_name, e.relation, e.recipient_id, e.batch_reference, e.reason, e.reverses,
                   e.cashier, e.table_no, e.at,
                   ($3::text IS NULL OR l.household_number::text = $3 OR strpos(lower(l.head_name), lower($3)) > 0
                    OR ($3 ~ '^[0-9]{3,}[0-9Xx]$' AND EXISTS (SELECT 1 FROM members m WHERE m.household_id = l.household_id
                                                            AND m.resident_id LIKE '%' || upper($3)))) AS matched
            FROM payout_lines l
            LEFT JOIN payout_line_status s ON s.run_id = l.run_id AND s.line_no = l.line_no
            LEFT JOIN payout_events e ON e.id = s.last_event_id
            WHERE l.village_id = $1 AND l.run_id = $2 AND ($4::text IS NULL OR COALESCE(s.status, 'pending') = $4)
            ORDER BY l.line_no
            """, villageId, runId, query, status is { } st ? PayoutStatuses.Code(st) : null);
        command.Parameters[2].NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text;
        command.Parameters[3].NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text;
        var lines = new List<CheckLineRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var head = reader.GetString(2);
            var matched = reader.GetBoolean(20) || (initials is not null && PinyinInitials.Of(head).StartsWith(initials, StringComparison.Ordinal));
            if (!matched) continue;
            lines.Add(new CheckLineRow(reader.GetInt32(0), reader.GetInt32(1), head, reader.GetInt32(3), new ShareCount(reader.GetDecimal(4)),
                new Yuan(reader.GetDecimal(5)), PayoutStatuses.Parse(reader.GetString(6)), reader.IsDBNull(7) ? null : PayoutEvents.ReadEvent(reader, 7)));
        }
        return lines;
    }

    /// <summary>
    /// Every dividend of household number <paramref name="number"/> (its lines in all of the village's runs), newest year
    /// first, with what became of each: what the accountant answers a member who asks whether a year was paid.
    /// Empty for a household that never had a line; <see langword="null"/> when the village has no such household.
    /// </summary>
    public async Task<List<HouseholdPayoutRow>?> HouseholdPayoutsAsync(long villageId, int number, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        if (await Sql.ScalarAsync(connection, null, "SELECT id FROM households WHERE village_id = $1 AND number = $2", cancellationToken, villageId, number)
            is not long householdId)
        {
            return null;
        }
        await using var command = Sql.Command(connection, null, """
            SELECT r.id, r.year, r.plan_version, r.per_share_rate, l.line_no, l.shares, l.amount, COALESCE(s.status, 'pending'),
                   e.id, e.line_no, e.kind, e.status, e.recipient_name, e.relation, e.recipient_id, e.batch_reference, e.reason, e.reverses,
                   e.cashier, e.table_no, e.at
            FROM payout_lines l
            JOIN dividend_runs r ON r.id = l.run_id
            LEFT JOIN payout_line_status s ON s.run_id = l.run_id AND s.line_no = l.line_no
            LEFT JOIN payout_events e ON e.id = s.last_event_id
            WHERE l.village_id = $1 AND l.household_id = $2
            ORDER BY r.year DESC, r.id DESC
            """, villageId, householdId);
        var payouts = new List<HouseholdPayoutRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            payouts.Add(new HouseholdPayoutRow(reader.GetInt64(0), reader.GetInt32(1), reader.GetInt32(2), new Yuan(reader.GetDecimal(3)), reader.GetInt32(4),
                new ShareCount(reader.GetDecimal(5)), new Yuan(reader.GetDecimal(6)), PayoutStatuses.Parse(reader.GetString(7)),
                reader.IsDBNull(8) ? null : PayoutEvents.ReadEvent(reader, 8)));
        }
        return payouts;
    }

    /// <summary>The live board of a run, or <see langword="null"/> when the run is not this village's.</summary>
    public async Task<Board?> BoardAsync(long villageId, long runId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var meeting = await Sql.ScalarAsync(connection, null, """
            SELECT COALESCE(m.status, 'not_opened') FROM dividend_runs r LEFT JOIN dividend_meetings m ON m.run_id = r.id
            WHERE r.village_id = $1 AND r.id = $2
            """, cancellationToken, villageId, runId);
        if (meeting is not string meetingStatus) return null;
        var byStatus = (await StatusTotalsAsync(connection, villageId, runId, cancellationToken))[runId];
        var progress = PayoutProgress.Of(byStatus);
        return new Board(runId, meetingStatus, progress.HouseholdsPaid + progress.HouseholdsOwed, progress.HouseholdsPaid,
            progress.AmountPaid + progress.AmountOwed, progress.AmountPaid, byStatus);
    }

    /// <summary>
    /// How far the payout of each of the village's runs (or of run <paramref name="runId"/> only) has come: households
    /// and yuan handed out and still owed, by run id (a run without lines has zeros when asked for, and is left out of the
    /// village's list). For the runs list and the village overview: money still owed is never out of sight.
    /// </summary>
    public async Task<Dictionary<long, PayoutProgress>> ProgressByRunAsync(long villageId, long? runId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await StatusTotalsAsync(connection, villageId, runId, cancellationToken)).ToDictionary(r => r.Key, r => PayoutProgress.Of(r.Value));
    }

    // Households and yuan per status of the village's runs (or of one run), every status listed, zeros included.
    private static async Task<Dictionary<long, List<StatusTotal>>> StatusTotalsAsync(NpgsqlConnection connection, long villageId, long? runId,
        CancellationToken cancellationToken)
    {
        await using var command = Sql.Command(connection, null, """
            SELECT l.run_id, COALESCE(s.status, 'pending'), count(*)::int, sum(l.amount)
            FROM payout_lines l LEFT JOIN payout_line_status s ON s.run_id = l.run_id AND s.line_no = l.line_no
            WHERE l.village_id = $1 AND ($2::bigint IS NULL OR l.run_id = $2)
            GROUP BY 1, 2
            """, villageId, runId);
        command.Parameters[1].NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint;
        var found = new Dictionary<long, Dictionary<PayoutStatus, StatusTotal>>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var status = PayoutStatuses.Parse(reader.GetString(1));
                var ofRun = found.TryGetValue(reader.GetInt64(0), out var f) ? f : found[reader.GetInt64(0)] = [];
                ofRun[status] = new StatusTotal(status, reader.GetInt32(2), new Yuan(reader.GetDecimal(3)));
            }
        }
        if (runId is { } one && !found.ContainsKey(one)) found[one] = [];
        return found.ToDictionary(r => r.Key,
            r => Enum.GetValues<PayoutStatus>().Select(s => r.Value.GetValueOrDefault(s, new StatusTotal(s, 0, Yuan.Zero))).ToList());
    }

    /// <summary>The cash counts of the latest closing, by table (empty before the first closing).</summary>
    public async Task<List<CashCountRow>> LatestCashCountsAsync(long villageId, long runId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Sql.Command(connection, null, """
            SELECT closing_no, table_no, cash_issued, cash_paid, lines_paid, difference FROM meeting_cash_counts
            WHERE village_id = $1 AND run_id = $2 AND closing_no = (SELECT max(closing_no) FROM meeting_cash_counts WHERE run_id = $2)
            ORDER BY table_no
            """, villageId, runId);
        var counts = new List<CashCountRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts.Add(new CashCountRow(reader.GetInt32(0), reader.GetInt32(1), new Yuan(reader.GetDecimal(2)), new Yuan(reader.GetDecimal(3)),
                reader.GetInt32(4), new Yuan(reader.GetDecimal(5))));
        }
        return counts;
    }
}
