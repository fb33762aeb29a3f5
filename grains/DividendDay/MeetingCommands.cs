using VillageCollective.Grains.Household;

namespace VillageCollective.Grains.DividendDay;

/// <summary>A cashier's mark of one line, as the meeting grain receives it.</summary>
/// <param name="VillageId">The village the caller was authorised for; a run of another village is not found.</param>
/// <param name="LineNo">The line of the run's checklist.</param>
/// <param name="TableNo">The cashier's table, 1 or more.</param>
/// <param name="Status"><c>paid_in_cash</c>, <c>collected_by_proxy</c>, <c>transferred_to_bank</c> or <c>deferred</c>.</param>
/// <param name="RecipientName">Who took the money (cash, proxy).</param>
/// <param name="Relation">Their relation to the head (cash) or to the household (proxy).</param>
/// <param name="RecipientId">Their resident ID (cash, proxy).</param>
/// <param name="BatchReference">The bank batch reference (transfer).</param>
/// <param name="Reason">Why (deferred).</param>
/// <param name="IdempotencyKey">The request's key: a replay with the same body answers the first event.</param>
/// <param name="Cashier">The login recorded on the event.</param>
[GenerateSerializer, Alias("vc.MarkPayoutLine")]
public sealed record MarkPayoutLine(
    [property: Id(0)] long VillageId,
    [property: Id(1)] int LineNo,
    [property: Id(2)] int TableNo,
    [property: Id(3)] string? Status,
    [property: Id(4)] string? RecipientName,
    [property: Id(5)] string? Relation,
    [property: Id(6)] string? RecipientId,
    [property: Id(7)] string? BatchReference,
    [property: Id(8)] string? Reason,
    [property: Id(9)] string IdempotencyKey,
    [property: Id(10)] string Cashier)
{
    /// <summary>The request body as a canonical string: the same key with another fingerprint is refused (stored with the event).</summary>
    public string Fingerprint =>
        string.Join('\u001f', TableNo, Status, RecipientName?.Trim(), Relation?.Trim(), RecipientId?.Trim().ToUpperInvariant(),
            BatchReference?.Trim(), Reason?.Trim());

    /// <summary>What the cashier recorded, as the line's rules take it.</summary>
    /// <returns>The mark.</returns>
    /// <exception cref="DomainException"><c>payout.markStatus</c> (field <c>status</c>); a malformed resident ID (field
    /// <c>recipientId</c>).</exception>
    public PayoutMark ToMark()
    {
        ResidentId Id()
        {
            try
            {
                return ResidentId.Parse(RecipientId);
            }
            catch (DomainException e)
            {
                throw new DomainException(e.Code, "recipientId", e.Message);
            }
        }

        return Status switch
        {
            "paid_in_cash" => new PaidInCash(RecipientName ?? "", Relation ?? "", Id()),
            "collected_by_proxy" => new CollectedByProxy(RecipientName ?? "", Relation ?? "", Id()),
            "transferred_to_bank" => new TransferredToBank(BatchReference ?? ""),
            "deferred" => new Deferred(Reason ?? ""),
            _ => throw new DomainException("payout.markStatus", "status",
                "标记状态应为 paid_in_cash、collected_by_proxy、transferred_to_bank 或 deferred (status must be one a line can be marked with)"),
        };
    }
}

/// <summary>A cashier's undo of a line's current mark.</summary>
/// <param name="VillageId">The village the caller was authorised for.</param>
/// <param name="LineNo">The line.</param>
/// <param name="EventId">The mark being undone: it must still be the line's current event.</param>
/// <param name="TableNo">The cashier's table (0 when not given).</param>
/// <param name="Reason">Why (e.g. 点错户).</param>
/// <param name="Cashier">The login recorded on the event.</param>
[GenerateSerializer, Alias("vc.UndoPayoutMark")]
public sealed record UndoPayoutMark(
    [property: Id(0)] long VillageId,
    [property: Id(1)] int LineNo,
    [property: Id(2)] long EventId,
    [property: Id(3)] int TableNo,
    [property: Id(4)] string? Reason,
    [property: Id(5)] string Cashier);

/// <summary>Cash issued to one table, as the accountant enters it at closing.</summary>
/// <param name="TableNo">The table, 1 or more.</param>
/// <param name="CashIssued">Yuan issued to it.</param>
[GenerateSerializer, Alias("vc.TableCashIssued")]
public sealed record TableCashIssued([property: Id(0)] int TableNo, [property: Id(1)] decimal CashIssued);

/// <summary>The accountant opens, closes or reopens the meeting.</summary>
/// <param name="VillageId">The village the caller was authorised for.</param>
/// <param name="Role">The caller's role in that village.</param>
/// <param name="Actor">The login recorded in the meeting's journal.</param>
/// <param name="Reason">Why (closing: the deferral reason; reopening); unused when opening.</param>
/// <param name="Tables">Cash issued per table (closing only).</param>
[GenerateSerializer, Alias("vc.MeetingCommand")]
public sealed record MeetingCommand(
    [property: Id(0)] long VillageId,
    [property: Id(1)] MeetingRole Role,
    [property: Id(2)] string Actor,
    [property: Id(3)] string? Reason = null,
    [property: Id(4)] IReadOnlyList<TableCashIssued>? Tables = null);

/// <summary>How the meeting grain answered a command, for the caller to map (to HTTP, say).</summary>
public enum MeetingOutcome
{
    /// <summary>Done now (marked, undone, opened, closed, reopened).</summary>
    Done,

    /// <summary>A replay: this idempotency key already marked the line; the answer holds that first event.</summary>
    Replayed,

    /// <summary>No such run in the caller's village.</summary>
    RunNotFound,

    /// <summary>No such line in the run.</summary>
    LineNotFound,

    /// <summary>The line is not pending; the answer holds the event that marked it (who, which table, when, status).</summary>
    AlreadyMarked,

    /// <summary>The idempotency key was used with another request.</summary>
    KeyReused,

    /// <summary>The undo names a mark that is no longer the line's current event.</summary>
    UndoStale,

    /// <summary>Other writers kept changing the meeting while the grain retried; nothing was done.</summary>
    Busy,
}

/// <summary>The meeting grain's answer.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="Event">The event written or replayed (<see cref="MeetingOutcome.Done"/> of a mark or undo,
/// <see cref="MeetingOutcome.Replayed"/>), or the one that marked the line (<see cref="MeetingOutcome.AlreadyMarked"/>).</param>
[GenerateSerializer, Alias("vc.MeetingAnswer")]
public sealed record MeetingAnswer([property: Id(0)] MeetingOutcome Outcome, [property: Id(1)] PayoutLineEvent? Event = null);
