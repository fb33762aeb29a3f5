using System.Globalization;
using Npgsql;
using VillageCollective.Grains.DividendDay;
using VillageCollective.Grains.Household;

namespace VillageCollective.Silo.Storage.DividendDay;

/// <summary>
/// The meeting grain's storage on PostgreSQL (<see cref="IMeetingStorage"/>). A load reads the run's meeting, lines, members
/// and used keys in one round trip from one snapshot. A write is one transaction of two round trips: one batch that checks
/// the meeting's version under its row lock (<c>dividend_meeting_at_version</c>, migration 0016), writes, queues the live
/// board's NOTIFY and reads the new version; then the commit. Line events go in with one statement per segment and audit
/// caller (<c>unnest</c> arrays, the status update in the same statement), each after <c>set_config('vc.actor', …)</c>: the
/// audit triggers read the actor per statement (migration 0008), so each cashier's marks are audited under their name.
/// </summary>
public sealed class MeetingStorage(NpgsqlDataSource dataSource, TimeProvider clock) : IMeetingStorage
{
    /// <summary>Table number recorded on events the accountant makes for the whole meeting (the closing's deferrals).</summary>
    public const int NoTable = 0;

    // Raised by dividend_meeting_at_version when the meeting is no longer at the version the grain decided on.
    private const string VersionMismatch = "VC409";

    /// <inheritdoc/>
    public AuditCaller Caller()
    {
        var (actor, address) = AuditContext.Current;
        return new AuditCaller(actor, address);
    }

    /// <inheritdoc/>
    public async Task<MeetingState?> LoadAsync(long runId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // One snapshot, so the version read belongs to the lines, members and keys read with it.
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                Command("""
                    SELECT r.village_id, p.meeting_date, m.status, m.version
                    FROM dividend_runs r JOIN distribution_plans p ON p.id = r.plan_id LEFT JOIN dividend_meetings m ON m.run_id = r.id
                    WHERE r.id = $1
                    """, runId),
                Command($"""
                    SELECT l.line_no, l.household_id, l.amount, s.status, e.{PayoutEvents.EventColumns.Replace(", ", ", e.", StringComparison.Ordinal)}
                    FROM payout_lines l
                    LEFT JOIN payout_line_status s ON s.run_id = l.run_id AND s.line_no = l.line_no
                    LEFT JOIN payout_events e ON e.id = s.last_event_id
                    WHERE l.run_id = $1
                    """, runId),
                Command("""
                    SELECT household_id, name, relation, resident_id FROM members
                    WHERE household_id IN (SELECT household_id FROM payout_lines WHERE run_id = $1)
                    """, runId),
                Command($"""
                    SELECT idempotency_key, request_fingerprint, {PayoutEvents.EventColumns}
                    FROM payout_events WHERE run_id = $1 AND idempotency_key IS NOT NULL
                    """, runId),
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return null;
        var villageId = reader.GetInt64(0);
        var meetingDate = reader.GetFieldValue<DateOnly>(1);
        var status = reader.IsDBNull(2) ? MeetingStatus.NotOpened : MeetingStore.ParseStatus(reader.GetString(2));
        long? version = reader.IsDBNull(3) ? null : reader.GetInt64(3);

        await reader.NextResultAsync(cancellationToken);
        var lines = new Dictionary<int, PayoutLineState>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var lineNo = reader.GetInt32(0);
            lines[lineNo] = new PayoutLineState(lineNo, reader.GetInt64(1), reader.GetDecimal(2),
                reader.IsDBNull(3) ? PayoutStatus.Pending : PayoutStatuses.Parse(reader.GetString(3)),
                reader.IsDBNull(4) ? null : PayoutEvents.ReadEvent(reader, 4));
        }

        await reader.NextResultAsync(cancellationToken);
        var households = new Dictionary<long, List<HouseholdPerson>>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var householdId = reader.GetInt64(0);
            if (!households.TryGetValue(householdId, out var people)) households[householdId] = people = [];
            people.Add(new HouseholdPerson(reader.GetString(1), reader.GetString(2), ResidentId.Parse(reader.GetString(3))));
        }

        await reader.NextResultAsync(cancellationToken);
        var keys = new Dictionary<string, KeyedPayoutEvent>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            keys[reader.GetString(0)] = new KeyedPayoutEvent(reader.GetString(1), PayoutEvents.ReadEvent(reader, 2));
        }
        return new MeetingState
        {
            VillageId = villageId, MeetingDate = meetingDate, Status = status, Version = version, Lines = lines, Households = households, Keys = keys,
        };
    }

    /// <inheritdoc/>
    public async Task<long?> OpenAsync(long villageId, long runId, DateOnly meetingDate, string actor, AuditCaller caller,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        try
        {
            return await WriteAsync(null, runId, caller, cancellationToken,
                Command("""
                    INSERT INTO dividend_meetings (village_id, run_id, status, meeting_date, opened_by, opened_at) VALUES ($1, $2, 'open', $3, $4, $5)
                    """, villageId, runId, meetingDate, actor, now),
                Command("""
                    INSERT INTO payout_line_status (village_id, run_id, line_no, status)
                    SELECT village_id, run_id, line_no, 'pending' FROM payout_lines WHERE village_id = $1 AND run_id = $2
                    """, villageId, runId),
                JournalEvent(villageId, runId, "open", actor, "", now));
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && e.TableName == "dividend_meetings")
        {
            // Another writer opened it first; the grain reloads and refuses.
            return null;
        }
    }

    /// <inheritdoc/>
    public Task<long?> CloseAsync(long villageId, long runId, long expectedVersion, string actor, string reason, IReadOnlyList<TableCashCount> counts,
        AuditCaller caller, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return WriteAsync(expectedVersion, runId, caller, cancellationToken,
            // Set-based: one event per pending line, then their status.
            Command("""
                WITH deferred AS (
                    INSERT INTO payout_events (village_id, run_id, line_no, kind, status, reason, cashier, table_no, at)
                    SELECT village_id, run_id, line_no, 'mark', 'deferred', $3, $4, $5, $6
                    FROM payout_line_status WHERE village_id = $1 AND run_id = $2 AND status = 'pending'
                    RETURNING run_id, line_no, id)
                UPDATE payout_line_status s SET status = 'deferred', last_event_id = d.id
                FROM deferred d WHERE s.run_id = d.run_id AND s.line_no = d.line_no
                """, villageId, runId, reason, actor, NoTable, now),
            Command("""
                WITH closing AS (UPDATE dividend_meetings SET status = 'closed', closings = closings + 1 WHERE run_id = $2 RETURNING closings)
                INSERT INTO meeting_cash_counts (village_id, run_id, closing_no, table_no, cash_issued, cash_paid, lines_paid, difference)
                SELECT $1, $2, closing.closings, c.table_no, c.issued, c.paid, c.lines, c.difference
                FROM closing, unnest($3::integer[], $4::numeric[], $5::numeric[], $6::integer[], $7::numeric[]) AS c(table_no, issued, paid, lines, difference)
                """, villageId, runId, counts.Select(c => c.TableNo).ToArray(), counts.Select(c => c.Issued.Amount).ToArray(),
                counts.Select(c => c.Paid.Amount).ToArray(), counts.Select(c => c.LinesPaid).ToArray(), counts.Select(c => c.Difference.Amount).ToArray()),
            JournalEvent(villageId, runId, "close", actor, reason, now));
    }

    /// <inheritdoc/>
    public Task<long?> ReopenAsync(long villageId, long runId, long expectedVersion, string actor, string reason, AuditCaller caller,
        CancellationToken cancellationToken) =>
        WriteAsync(expectedVersion, runId, caller, cancellationToken,
            Command("UPDATE dividend_meetings SET status = 'open' WHERE run_id = $1", runId),
            JournalEvent(villageId, runId, "reopen", actor, reason, clock.GetUtcNow()));

    /// <inheritdoc/>
    public async Task<PayoutLinesWritten?> WriteLinesAsync(long villageId, long runId, long expectedVersion,
        IReadOnlyList<IReadOnlyList<PayoutLineWrite>> segments, CancellationToken cancellationToken)
    {
        var at = clock.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(Command("SELECT dividend_meeting_at_version($1, $2)", runId, expectedVersion));
        var groups = new List<IReadOnlyList<PayoutLineWrite>>();
        foreach (var segment in segments)
        {
            foreach (var group in segment.GroupBy(w => w.Caller))
            {
                var writes = group.ToList();
                groups.Add(writes);
                batch.BatchCommands.Add(AuditCallerCommand(group.Key));
                batch.BatchCommands.Add(LineWrites(villageId, runId, at, writes));
            }
        }
        batch.BatchCommands.Add(Notify(runId));
        batch.BatchCommands.Add(Command("SELECT version FROM dividend_meetings WHERE run_id = $1", runId));
        try
        {
            var ids = new Dictionary<PayoutLineWrite, long>(ReferenceEqualityComparer.Instance);
            long version = 0;
            var next = 0;
            // Result sets in order; Npgsql skips statements that return no rows, so they are told apart by their first column.
            await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
            {
                do
                {
                    if (reader.FieldCount == 0) continue;
                    if (reader.GetName(0) == "line_no")
                    {
                        var byLine = groups[next++].ToDictionary(w => w.LineNo);
                        while (await reader.ReadAsync(cancellationToken)) ids[byLine[reader.GetInt32(0)]] = reader.GetInt64(1);
                    }
                    else if (reader.GetName(0) == "version" && await reader.ReadAsync(cancellationToken))
                    {
                        version = reader.GetInt64(0);
                    }
                }
                while (await reader.NextResultAsync(cancellationToken));
            }
            await transaction.CommitAsync(cancellationToken);
            return new PayoutLinesWritten(segments.SelectMany(s => s).Select(w => ids[w]).ToList(), at, version);
        }
        catch (PostgresException e) when (e.SqlState == VersionMismatch)
        {
            return null;
        }
    }

    // One statement per segment and caller: the events (in the given order) and, from what it returned, the lines' statuses.
    private static NpgsqlBatchCommand LineWrites(long villageId, long runId, DateTimeOffset at, IReadOnlyList<PayoutLineWrite> writes) =>
        Command("""
            WITH written AS (
                INSERT INTO payout_events (village_id, run_id, line_no, kind, status, recipient_name, relation, recipient_id, batch_reference,
                                           reason, reverses, cashier, table_no, at, idempotency_key, request_fingerprint)
                SELECT $1, $2, w.line_no, w.kind, w.status, w.recipient_name, w.relation, w.recipient_id, w.batch_reference,
                       w.reason, w.reverses, w.cashier, w.table_no, $3, w.idempotency_key, w.request_fingerprint
                FROM unnest($4::integer[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::bigint[],
                            $13::text[], $14::integer[], $15::text[], $16::text[]) WITH ORDINALITY
                     AS w(line_no, kind, status, recipient_name, relation, recipient_id, batch_reference, reason, reverses, cashier, table_no,
                          idempotency_key, request_fingerprint, n)
                ORDER BY w.n
                RETURNING id, line_no, status),
            statuses AS (
                UPDATE payout_line_status s SET status = written.status, last_event_id = written.id
                FROM written WHERE s.run_id = $2 AND s.line_no = written.line_no)
            SELECT line_no, id FROM written
            """, villageId, runId, at,
            writes.Select(w => w.LineNo).ToArray(), writes.Select(w => w.Kind).ToArray(), writes.Select(w => PayoutStatuses.Code(w.Status)).ToArray(),
            writes.Select(w => w.RecipientName).ToArray(), writes.Select(w => w.Relation).ToArray(), writes.Select(w => w.RecipientId).ToArray(),
            writes.Select(w => w.BatchReference).ToArray(), writes.Select(w => w.Reason).ToArray(), writes.Select(w => w.Reverses).ToArray(),
            writes.Select(w => w.Cashier).ToArray(), writes.Select(w => w.TableNo).ToArray(), writes.Select(w => w.IdempotencyKey).ToArray(),
            writes.Select(w => w.Fingerprint).ToArray());

    // A meeting command's transaction: the version check (unless opening), the audit caller, the writes, NOTIFY, the new version.
    private async Task<long?> WriteAsync(long? expectedVersion, long runId, AuditCaller caller, CancellationToken cancellationToken,
        params NpgsqlBatchCommand[] writes)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);
        if (expectedVersion is { } expected) batch.BatchCommands.Add(Command("SELECT dividend_meeting_at_version($1, $2)", runId, expected));
        batch.BatchCommands.Add(AuditCallerCommand(caller));
        foreach (var write in writes) batch.BatchCommands.Add(write);
        batch.BatchCommands.Add(Notify(runId));
        batch.BatchCommands.Add(Command("SELECT version FROM dividend_meetings WHERE run_id = $1", runId));
        try
        {
            long version = 0;
            await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
            {
                do
                {
                    if (reader.FieldCount > 0 && reader.GetName(0) == "version" && await reader.ReadAsync(cancellationToken)) version = reader.GetInt64(0);
                }
                while (await reader.NextResultAsync(cancellationToken));
            }
            await transaction.CommitAsync(cancellationToken);
            return version;
        }
        catch (PostgresException e) when (e.SqlState == VersionMismatch)
        {
            return null;
        }
    }

    private static NpgsqlBatchCommand AuditCallerCommand(AuditCaller caller) =>
        Command("SELECT set_config('vc.actor', $1, true), set_config('vc.address', $2, true)", caller.Actor, caller.Address);

    // Queued in the transaction: PostgreSQL delivers it to every silo's listener only if the transaction commits.
    private static NpgsqlBatchCommand Notify(long runId) =>
        Command("SELECT pg_notify($1, $2)", PayoutNotifications.Channel, runId.ToString(CultureInfo.InvariantCulture));

    private static NpgsqlBatchCommand JournalEvent(long villageId, long runId, string kind, string actor, string reason, DateTimeOffset at) =>
        Command("INSERT INTO meeting_events (village_id, run_id, kind, actor, reason, at) VALUES ($1, $2, $3, $4, $5, $6)",
            villageId, runId, kind, actor, reason, at);

    private static NpgsqlBatchCommand Command(string sql, params object?[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        return command;
    }
}
