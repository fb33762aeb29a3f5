namespace VillageCollective.Grains.DividendDay;

/// <summary>One event of a payout line's journal as the meeting grain answers it: a mark, or the undo that reverses one.</summary>
/// <param name="Id">The event's id (<c>payout_events.id</c>).</param>
/// <param name="LineNo">The line of the run's checklist.</param>
/// <param name="Kind"><c>mark</c> or <c>undo</c>.</param>
/// <param name="Status">The status code the event gave the line (<see cref="PayoutStatuses.Code"/>).</param>
/// <param name="RecipientName">Who took the money (cash, proxy).</param>
/// <param name="Relation">Their relation to the head (cash) or to the household (proxy).</param>
/// <param name="RecipientIdMasked">Their resident ID, masked (it is personal data).</param>
/// <param name="BatchReference">The bank batch reference (transfer).</param>
/// <param name="Reason">Why (deferral, undo).</param>
/// <param name="Reverses">The mark an undo reverses.</param>
/// <param name="Cashier">The login of the cashier (or accountant) who recorded it.</param>
/// <param name="TableNo">The cashier's table; 0 for the accountant's closing deferrals.</param>
/// <param name="At">When it was committed.</param>
[GenerateSerializer, Alias("vc.PayoutLineEvent")]
public sealed record PayoutLineEvent(
    [property: Id(0)] long Id,
    [property: Id(1)] int LineNo,
    [property: Id(2)] string Kind,
    [property: Id(3)] string Status,
    [property: Id(4)] string? RecipientName,
    [property: Id(5)] string? Relation,
    [property: Id(6)] string? RecipientIdMasked,
    [property: Id(7)] string? BatchReference,
    [property: Id(8)] string? Reason,
    [property: Id(9)] long? Reverses,
    [property: Id(10)] string Cashier,
    [property: Id(11)] int TableNo,
    [property: Id(12)] DateTimeOffset At);
