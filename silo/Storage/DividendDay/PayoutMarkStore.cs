using Npgsql;
using VillageCollective.Grains;
using VillageCollective.Grains.DividendDay;
using VillageCollective.Grains.Household;
using VillageCollective.Silo.Api;

namespace VillageCollective.Silo.Storage.DividendDay;

/// <summary>What a cashier sends to mark a line: the new status and what goes with it.</summary>
/// <param name="TableNo">The cashier's table, 1 or more.</param>
/// <param name="Status"><c>paid_in_cash</c>, <c>collected_by_proxy</c>, <c>transferred_to_bank</c> or <c>deferred</c>.</param>
/// <param name="RecipientName">Who took the money (cash, proxy).</param>
/// <param name="Relation">Their relation to the head (cash) or to the household (proxy).</param>
/// <param name="RecipientId">Their resident ID (cash, proxy).</param>
/// <param name="BatchReference">The bank batch reference (transfer).</param>
/// <param name="Reason">Why (deferred).</param>
public sealed record MarkCommand(int TableNo, string? Status, string? RecipientName, string? Relation, string? RecipientId,
    string? BatchReference, string? Reason)
{
    /// <summary>The request body as a canonical string: the same key with another fingerprint is a 409.</summary>
    public string Fingerprint =>
        string.Join('\u001f', TableNo, Status, RecipientName?.Trim(), Relation?.Trim(), RecipientId?.Trim().ToUpperInvariant(), BatchReference?.Trim(), Reason?.Trim());
}

/// <summary>One event of a line's journal; the resident ID is masked.</summary>
public sealed record PayoutEventRow(long Id, int LineNo, string Kind, string Status, string? RecipientName, string? Relation,
    string? RecipientIdMasked, string? BatchReference, string? Reason, long? Reverses, string Cashier, int TableNo, DateTimeOffset At);

/// <summary>What a mark did: appended <see cref="Event"/> now, or found it from an earlier request with the same key.</summary>
public sealed record MarkOutcome(PayoutEventRow Event, bool Replayed);

/// <summary>
/// Marks and undoes payout lines. Exactly once: each command is one transaction that first takes the village's lock
/// (<see cref="VillageLock"/>), then reads the line's status, lets the grain decide, appends the event, updates the
/// status and queues a NOTIFY. We chose the village lock over a conditional <c>UPDATE … WHERE status = 'pending'</c>:
/// it also orders marks against the meeting's close and reopen (a mark cannot slip in after a close has counted the
/// cash) and against the idempotency-key lookup, with one rule for every write in the system (design.md §2). The
/// cost is that marks of one village take turns — about a millisecond each, far above the pace of people at tables
/// (see docs/benchmarks-notes.md); other villages are not affected.
/// </summary>
public sealed class PayoutMarkStore(NpgsqlDataSource dataSource, TimeProvider clock)
{
    private const string EventColumns = """
        id, line_no, kind, status, recipient_name, relation, recipient_id, batch_reference, reason, reverses, cashier, table_no, at
        """;

    /// <summary>Marks line <paramref name="lineNo"/> of the run, once.</summary>
    /// <returns>The mark's event, new or (same key and body) replayed.</returns>
    /// <exception cref="ProblemException">404 unknown run or line; 409 <c>idempotency.keyReused</c> (same key, other body);
    /// 409 <c>payout.alreadyMarked</c> with <c>markedBy</c>, <c>tableNo</c>, <c>markedAt</c> and <c>status</c> when the line is not pending.</exception>
    /// <exception cref="DomainException">The grains refuse (meeting not open, recipient not in the household, blank text, …).</exception>
    public async Task<MarkOutcome> MarkAsync(long villageId, long runId, int lineNo, MarkCommand mark, string idempotencyKey, string cashier,
        CancellationToken cancellationToken)
    {
        var (connection, transaction) = await VillageLock.BeginAsync(dataSource, villageId, cancellationToken);
        await using (connection)
        await using (transaction)
        {
            var replay = await FindByKeyAsync(connection, transaction, runId, idempotencyKey, cancellationToken);
            if (replay is { } first)
            {
                if (first.Fingerprint != mark.Fingerprint || first.Event.LineNo != lineNo)
                {
                    throw new ProblemException(StatusCodes.Status409Conflict, "idempotency.keyReused", "Idempotency-Key",
                        "该请求编号已用于另一次标记 (this Idempotency-Key was used with another request)");
                }
                return new MarkOutcome(first.Event, Replayed: true);
            }

            var (meetingStatus, meetingDate) = await MeetingStore.LoadAsync(connection, transaction, villageId, runId, cancellationToken);
            new PayoutMeeting(meetingStatus).EnsureOpen();
            var line = await LoadLineAsync(connection, transaction, runId, lineNo, cancellationToken);
            if (line.Status != PayoutStatus.Pending)
            {
                throw AlreadyMarked(line.Last!);
            }
            if (mark.TableNo < 1)
            {
                throw new DomainException("cash.tableNo", "tableNo", "桌号从1开始 (table numbers start at 1)");
            }
            var household = await HouseholdAsync(connection, transaction, line.HouseholdId, cancellationToken);
            var grainMark = ToGrainMark(mark);
            new PayoutLineCheck(line.Status).Mark(grainMark, household, meetingDate);

            var (name, relation, id) = grainMark switch
            {
                PaidInCash c => (c.RecipientName.Trim(), c.Relation.Trim(), c.RecipientId.Value),
                CollectedByProxy p => (p.ProxyName.Trim(), p.Relation.Trim(), p.ProxyId.Value),
                _ => ((string?)null, (string?)null, (string?)null),
            };
            var appended = await AppendAsync(connection, transaction, """
                INSERT INTO payout_events (village_id, run_id, line_no, kind, status, recipient_name, relation, recipient_id, batch_reference,
                                           reason, cashier, table_no, at, idempotency_key, request_fingerprint)
                VALUES ($1, $2, $3, 'mark', $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
                """, cancellationToken, villageId, runId, lineNo, PayoutStatuses.Code(grainMark.Status), name, relation, id,
                (grainMark as TransferredToBank)?.BatchReference.Trim(), (grainMark as Deferred)?.Reason.Trim(), cashier, mark.TableNo,
                clock.GetUtcNow(), idempotencyKey, mark.Fingerprint);
            await Sql.ExecuteAsync(connection, transaction, "UPDATE payout_line_status SET status = $3, last_event_id = $4 WHERE run_id = $1 AND line_no = $2",
                cancellationToken, runId, lineNo, appended.Status, appended.Id);
            await PayoutNotifications.NotifyAsync(connection, transaction, runId, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new MarkOutcome(appended, Replayed: false);
        }
    }

    /// <summary>
    /// Undoes mark <paramref name="eventId"/> of line <paramref name="lineNo"/> with a reversing event; the line is pending again.
    /// Naming the event makes a repeated undo harmless: the second finds the mark already reversed and is a 409.
    /// </summary>
    /// <exception cref="ProblemException">404 unknown run or line; 409 <c>payout.undoStale</c> when <paramref name="eventId"/> is not the line's current mark.</exception>
    /// <exception cref="DomainException">The grains refuse (meeting not open, line pending, blank reason).</exception>
    public async Task<PayoutEventRow> UndoAsync(long villageId, long runId, int lineNo, long eventId, int tableNo, string? reason, string cashier,
        CancellationToken cancellationToken)
    {
        var (connection, transaction) = await VillageLock.BeginAsync(dataSource, villageId, cancellationToken);
        await using (connection)
        await using (transaction)
        {
            var (meetingStatus, _) = await MeetingStore.LoadAsync(connection, transaction, villageId, runId, cancellationToken);
            new PayoutMeeting(meetingStatus).EnsureOpen();
            var line = await LoadLineAsync(connection, transaction, runId, lineNo, cancellationToken);
            new PayoutLineCheck(line.Status).Undo(reason);
            if (line.Last?.Id != eventId)
            {
                throw new ProblemException(StatusCodes.Status409Conflict, "payout.undoStale", "eventId",
                    "该户的标记已变更，请刷新后再撤销 (the line changed since; reload before undoing)");
            }
            var undo = await AppendAsync(connection, transaction, """
                INSERT INTO payout_events (village_id, run_id, line_no, kind, status, reason, reverses, cashier, table_no, at)
                VALUES ($1, $2, $3, 'undo', 'pending', $4, $5, $6, $7, $8)
                """, cancellationToken, villageId, runId, lineNo, reason!.Trim(), eventId, cashier, Math.Max(tableNo, 0), clock.GetUtcNow());
            await Sql.ExecuteAsync(connection, transaction, "UPDATE payout_line_status SET status = 'pending', last_event_id = $3 WHERE run_id = $1 AND line_no = $2",
                cancellationToken, runId, lineNo, undo.Id);
            await PayoutNotifications.NotifyAsync(connection, transaction, runId, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return undo;
        }
    }

    /// <summary>A line's events, oldest first.</summary>
    public async Task<List<PayoutEventRow>> HistoryAsync(long villageId, long runId, int lineNo, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Sql.Command(connection, null,
            $"SELECT {EventColumns} FROM payout_events WHERE village_id = $1 AND run_id = $2 AND line_no = $3 ORDER BY id", villageId, runId, lineNo);
        var events = new List<PayoutEventRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) events.Add(ReadEvent(reader, 0));
        return events;
    }

    internal static PayoutEventRow ReadEvent(NpgsqlDataReader reader, int at)
    {
        string? Text(int i) => reader.IsDBNull(at + i) ? null : reader.GetString(at + i);
        var id = Text(6);
        return new PayoutEventRow(reader.GetInt64(at), reader.GetInt32(at + 1), reader.GetString(at + 2), reader.GetString(at + 3), Text(4), Text(5),
            id is null ? null : ResidentId.Parse(id).Masked, Text(7), Text(8), reader.IsDBNull(at + 9) ? null : reader.GetInt64(at + 9),
            reader.GetString(at + 10), reader.GetInt32(at + 11), reader.GetFieldValue<DateTimeOffset>(at + 12));
    }

    private static ProblemException AlreadyMarked(PayoutEventRow last) =>
        new(StatusCodes.Status409Conflict, "payout.alreadyMarked", "lineNo",
            $"该户已由{last.Cashier}（第{last.TableNo}桌）于{last.At.ToOffset(TimeSpan.FromHours(8)):yyyy-MM-dd HH:mm:ss}标记为{last.Status} "
            + $"(already marked {last.Status} by {last.Cashier} at table {last.TableNo} at {last.At:O})")
        {
            Extensions = new Dictionary<string, object?>
            {
                ["status"] = last.Status,
                ["markedBy"] = last.Cashier,
                ["tableNo"] = last.TableNo,
                ["markedAt"] = last.At,
                ["eventId"] = last.Id,
            },
        };

    private static PayoutMark ToGrainMark(MarkCommand mark)
    {
        ResidentId Id()
        {
            try
            {
                return ResidentId.Parse(mark.RecipientId);
            }
            catch (DomainException e)
            {
                throw new DomainException(e.Code, "recipientId", e.Message);
            }
        }

        return mark.Status switch
        {
            "paid_in_cash" => new PaidInCash(mark.RecipientName ?? "", mark.Relation ?? "", Id()),
            "collected_by_proxy" => new CollectedByProxy(mark.RecipientName ?? "", mark.Relation ?? "", Id()),
            "transferred_to_bank" => new TransferredToBank(mark.BatchReference ?? ""),
            "deferred" => new Deferred(mark.Reason ?? ""),
            _ => throw new DomainException("payout.markStatus", "status",
                "标记状态应为 paid_in_cash、collected_by_proxy、transferred_to_bank 或 deferred (status must be one a line can be marked with)"),
        };
    }

    private sealed record LineState(long HouseholdId, PayoutStatus Status, PayoutEventRow? Last);

    private static async Task<LineState> LoadLineAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long runId, int lineNo,
        CancellationToken cancellationToken)
    {
        await using var command = Sql.Command(connection, transaction, $"""
            SELECT l.household_id, s.status, e.{EventColumns.Replace(", ", ", e.", StringComparison.Ordinal)}
            FROM payout_lines l JOIN payout_line_status s ON s.run_id = l.run_id AND s.line_no = l.line_no
            LEFT JOIN payout_events e ON e.id = s.last_event_id
            WHERE l.run_id = $1 AND l.line_no = $2
            """, runId, lineNo);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            throw ProblemException.NotFound("lineNo", $"第{lineNo}行");
        }
        return new LineState(reader.GetInt64(0), PayoutStatuses.Parse(reader.GetString(1)), reader.IsDBNull(2) ? null : ReadEvent(reader, 2));
    }

    private static async Task<List<HouseholdPerson>> HouseholdAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long householdId,
        CancellationToken cancellationToken)
    {
        await using var command = Sql.Command(connection, transaction, "SELECT name, relation, resident_id FROM members WHERE household_id = $1", householdId);
        var people = new List<HouseholdPerson>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            people.Add(new HouseholdPerson(reader.GetString(0), reader.GetString(1), ResidentId.Parse(reader.GetString(2))));
        }
        return people;
    }

    private sealed record KeyedEvent(PayoutEventRow Event, string Fingerprint);

    private static async Task<KeyedEvent?> FindByKeyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long runId, string key,
        CancellationToken cancellationToken)
    {
        await using var command = Sql.Command(connection, transaction,
            $"SELECT {EventColumns}, request_fingerprint FROM payout_events WHERE run_id = $1 AND idempotency_key = $2", runId, key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new KeyedEvent(ReadEvent(reader, 0), reader.GetString(13)) : null;
    }

    private static async Task<PayoutEventRow> AppendAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string insert,
        CancellationToken cancellationToken, params object?[] values)
    {
        await using var command = Sql.Command(connection, transaction, $"{insert} RETURNING {EventColumns}", values);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return ReadEvent(reader, 0);
    }
}
