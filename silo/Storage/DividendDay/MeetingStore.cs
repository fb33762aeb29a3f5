using Npgsql;
using VillageCollective.Grains.DividendDay;
using VillageCollective.Grains.Money;
using VillageCollective.Silo.Api;

namespace VillageCollective.Silo.Storage.DividendDay;

/// <summary>Cash issued to one table, as the accountant enters it at closing.</summary>
public sealed record TableCashIssued(int TableNo, decimal CashIssued);

/// <summary>One entry of the meeting's journal.</summary>
public sealed record MeetingEventRow(string Kind, string Actor, string Reason, DateTimeOffset At);

/// <summary>The meeting of a run: status, date and journal.</summary>
public sealed record MeetingRow(long RunId, MeetingStatus Status, DateOnly MeetingDate, int Closings, IReadOnlyList<MeetingEventRow> Events);

/// <summary>
/// The dividend meeting (分红大会) of a run: open, close (defer what is still pending, count each table's cash),
/// reopen. Each command is one transaction under the village's lock (design.md §2), appends to
/// <c>meeting_events</c>, and notifies the live board.
/// </summary>
public sealed class MeetingStore(NpgsqlDataSource dataSource, TimeProvider clock)
{
    /// <summary>Table number recorded on events the accountant makes for the whole meeting (the closing's deferrals).</summary>
    public const int NoTable = 0;

    /// <summary>Opens the meeting of <paramref name="runId"/> and puts every line of the run in <c>pending</c>.</summary>
    /// <exception cref="ProblemException">404 unknown run.</exception>
    /// <exception cref="Grains.DomainException">The meeting grain refuses (<c>meeting.alreadyOpened</c>, <c>meeting.accountantOnly</c>).</exception>
    public async Task OpenAsync(long villageId, long runId, MeetingRole role, string actor, CancellationToken cancellationToken)
    {
        var (connection, transaction) = await VillageLock.BeginAsync(dataSource, villageId, cancellationToken);
        await using (connection)
        await using (transaction)
        {
            var (status, meetingDate) = await LoadAsync(connection, transaction, villageId, runId, cancellationToken);
            new PayoutMeeting(status).Open(role);
            var now = clock.GetUtcNow();
            await Execute(connection, transaction, """
                INSERT INTO dividend_meetings (village_id, run_id, status, meeting_date, opened_by, opened_at) VALUES ($1, $2, 'open', $3, $4, $5)
                """, cancellationToken, villageId, runId, meetingDate, actor, now);
            await Execute(connection, transaction, """
                INSERT INTO payout_line_status (village_id, run_id, line_no, status)
                SELECT village_id, run_id, line_no, 'pending' FROM payout_lines WHERE village_id = $1 AND run_id = $2
                """, cancellationToken, villageId, runId);
            await AppendEventAsync(connection, transaction, villageId, runId, "open", actor, "", now, cancellationToken);
            await PayoutNotifications.NotifyAsync(connection, transaction, runId, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Closes the open meeting: every pending line becomes deferred with <paramref name="deferralReason"/> (an event per
    /// line, by <paramref name="actor"/> at table 0), and each table's cash is counted: issued (from <paramref name="cashIssued"/>,
    /// zero for a table that paid cash but was not listed) against what its cash and proxy lines paid.
    /// </summary>
    /// <returns>The cash counts of this closing, by table.</returns>
    /// <exception cref="ProblemException">404 unknown run; 422 <c>cash.duplicateTable</c> (field <c>tables[i].tableNo</c>).</exception>
    /// <exception cref="Grains.DomainException">The grains refuse (not open, not the accountant, blank reason, negative cash).</exception>
    public async Task<List<TableCashCount>> CloseAsync(long villageId, long runId, MeetingRole role, string actor, string? deferralReason,
        IReadOnlyList<TableCashIssued> cashIssued, CancellationToken cancellationToken)
    {
        var (connection, transaction) = await VillageLock.BeginAsync(dataSource, villageId, cancellationToken);
        await using (connection)
        await using (transaction)
        {
            var (status, _) = await LoadAsync(connection, transaction, villageId, runId, cancellationToken);
            new PayoutMeeting(status).Close(role);
            PayoutLineCheck.RequireText(deferralReason, "reason");
            var issued = new Dictionary<int, Yuan>();
            for (var i = 0; i < cashIssued.Count; i++)
            {
                if (!issued.TryAdd(cashIssued[i].TableNo, new Yuan(cashIssued[i].CashIssued)))
                {
                    throw new ProblemException(StatusCodes.Status422UnprocessableEntity, "cash.duplicateTable", $"tables[{i}].tableNo",
                        $"桌号{cashIssued[i].TableNo}重复 (table {cashIssued[i].TableNo} is listed twice)");
                }
            }

            var now = clock.GetUtcNow();
            // Set-based: one event per pending line, then their status, in this transaction.
            await Execute(connection, transaction, """
                WITH deferred AS (
                    INSERT INTO payout_events (village_id, run_id, line_no, kind, status, reason, cashier, table_no, at)
                    SELECT village_id, run_id, line_no, 'mark', 'deferred', $3, $4, $5, $6
                    FROM payout_line_status WHERE village_id = $1 AND run_id = $2 AND status = 'pending'
                    RETURNING run_id, line_no, id)
                UPDATE payout_line_status s SET status = 'deferred', last_event_id = d.id
                FROM deferred d WHERE s.run_id = d.run_id AND s.line_no = d.line_no
                """, cancellationToken, villageId, runId, deferralReason!.Trim(), actor, NoTable, now);

            var paidByTable = await CashPaidByTableAsync(connection, transaction, runId, cancellationToken);
            var counts = issued.Keys.Union(paidByTable.Keys).Order()
                .Select(table => TableCashCount.Of(table, issued.GetValueOrDefault(table, Yuan.Zero), paidByTable.GetValueOrDefault(table, [])))
                .ToList();
            var closingNo = (int)(await Scalar(connection, transaction,
                "UPDATE dividend_meetings SET status = 'closed', closings = closings + 1 WHERE run_id = $1 RETURNING closings", cancellationToken, runId))!;
            foreach (var count in counts)
            {
                await Execute(connection, transaction, """
                    INSERT INTO meeting_cash_counts (village_id, run_id, closing_no, table_no, cash_issued, cash_paid, lines_paid, difference)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                    """, cancellationToken, villageId, runId, closingNo, count.TableNo, count.Issued.Amount, count.Paid.Amount, count.LinesPaid, count.Difference.Amount);
            }
            await AppendEventAsync(connection, transaction, villageId, runId, "close", actor, deferralReason.Trim(), now, cancellationToken);
            await PayoutNotifications.NotifyAsync(connection, transaction, runId, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return counts;
        }
    }

    /// <summary>Reopens the closed meeting; deferred lines stay deferred until a cashier undoes a deferral.</summary>
    /// <exception cref="ProblemException">404 unknown run.</exception>
    /// <exception cref="Grains.DomainException">The meeting grain refuses (<c>meeting.notClosed</c>, <c>meeting.accountantOnly</c>, blank reason).</exception>
    public async Task ReopenAsync(long villageId, long runId, MeetingRole role, string actor, string? reason, CancellationToken cancellationToken)
    {
        var (connection, transaction) = await VillageLock.BeginAsync(dataSource, villageId, cancellationToken);
        await using (connection)
        await using (transaction)
        {
            var (status, _) = await LoadAsync(connection, transaction, villageId, runId, cancellationToken);
            new PayoutMeeting(status).Reopen(role, reason);
            await Execute(connection, transaction, "UPDATE dividend_meetings SET status = 'open' WHERE run_id = $1", cancellationToken, runId);
            await AppendEventAsync(connection, transaction, villageId, runId, "reopen", actor, reason!.Trim(), clock.GetUtcNow(), cancellationToken);
            await PayoutNotifications.NotifyAsync(connection, transaction, runId, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
    }

    /// <summary>The meeting of a run with its journal, or <see langword="null"/> when the run has no meeting yet.</summary>
    public async Task<MeetingRow?> GetAsync(long villageId, long runId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        MeetingRow? meeting;
        await using (var command = Sql.Command(connection, null,
            "SELECT status, meeting_date, closings FROM dividend_meetings WHERE village_id = $1 AND run_id = $2", villageId, runId))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken)) return null;
            meeting = new MeetingRow(runId, ParseStatus(reader.GetString(0)), reader.GetFieldValue<DateOnly>(1), reader.GetInt32(2), []);
        }
        var events = new List<MeetingEventRow>();
        await using (var command = Sql.Command(connection, null, "SELECT kind, actor, reason, at FROM meeting_events WHERE run_id = $1 ORDER BY id", runId))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                events.Add(new MeetingEventRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3)));
            }
        }
        return meeting with { Events = events };
    }

    /// <summary>The run's meeting status and the plan's meeting date, inside a command's transaction.</summary>
    /// <exception cref="ProblemException">404 when the run is not this village's.</exception>
    internal static async Task<(MeetingStatus Status, DateOnly MeetingDate)> LoadAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        long villageId, long runId, CancellationToken cancellationToken)
    {
        await using var command = Sql.Command(connection, transaction, """
            SELECT m.status, p.meeting_date
            FROM dividend_runs r JOIN distribution_plans p ON p.id = r.plan_id
            LEFT JOIN dividend_meetings m ON m.run_id = r.id
            WHERE r.village_id = $1 AND r.id = $2
            """, villageId, runId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            throw ProblemException.NotFound("runId", "分红计算");
        }
        var status = reader.IsDBNull(0) ? MeetingStatus.NotOpened : ParseStatus(reader.GetString(0));
        return (status, reader.GetFieldValue<DateOnly>(1));
    }

    private static MeetingStatus ParseStatus(string code) => code == "open" ? MeetingStatus.Open : MeetingStatus.Closed;

    private static async Task<Dictionary<int, List<Yuan>>> CashPaidByTableAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        long runId, CancellationToken cancellationToken)
    {
        await using var command = Sql.Command(connection, transaction, """
            SELECT e.table_no, l.amount
            FROM payout_line_status s
            JOIN payout_events e ON e.id = s.last_event_id
            JOIN payout_lines l ON l.run_id = s.run_id AND l.line_no = s.line_no
            WHERE s.run_id = $1 AND s.status IN ('paid_in_cash', 'collected_by_proxy')
            """, runId);
        var paid = new Dictionary<int, List<Yuan>>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var table = reader.GetInt32(0);
            if (!paid.TryGetValue(table, out var amounts)) paid[table] = amounts = [];
            amounts.Add(new Yuan(reader.GetDecimal(1)));
        }
        return paid;
    }

    private static Task AppendEventAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long villageId, long runId, string kind,
        string actor, string reason, DateTimeOffset at, CancellationToken cancellationToken) =>
        Execute(connection, transaction, "INSERT INTO meeting_events (village_id, run_id, kind, actor, reason, at) VALUES ($1, $2, $3, $4, $5, $6)",
            cancellationToken, villageId, runId, kind, actor, reason, at);

    private static Task Execute(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken, params object?[] values) =>
        Sql.ExecuteAsync(connection, transaction, sql, cancellationToken, values);

    private static Task<object?> Scalar(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken, params object?[] values) =>
        Sql.ScalarAsync(connection, transaction, sql, cancellationToken, values);
}
