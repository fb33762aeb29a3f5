namespace VillageCollective.Grains.DividendDay;

/// <summary>Who acts and from which address, for the audit trail of the statements written on their behalf.</summary>
/// <param name="Actor">The login (or <c>system</c>).</param>
/// <param name="Address">The client's address, or empty.</param>
public sealed record AuditCaller(string Actor, string Address);

/// <summary>A payout line as the meeting grain keeps it.</summary>
/// <param name="LineNo">The line of the checklist.</param>
/// <param name="HouseholdId">Its household (<c>households.id</c>).</param>
/// <param name="Amount">Yuan owed to the household.</param>
/// <param name="Status">Where it stands.</param>
/// <param name="Last">The event that set the status; <see langword="null"/> while never marked.</param>
public sealed record PayoutLineState(int LineNo, long HouseholdId, decimal Amount, PayoutStatus Status, PayoutLineEvent? Last);

/// <summary>An idempotency key already used in the run: the request it came with and the event it wrote.</summary>
/// <param name="Fingerprint">The first request's <see cref="MarkPayoutLine.Fingerprint"/>.</param>
/// <param name="Event">The event the first request wrote.</param>
public sealed record KeyedPayoutEvent(string Fingerprint, PayoutLineEvent Event);

/// <summary>
/// What the meeting grain of a run loads once per activation: the meeting, every line, the members of the lines'
/// households (whom cash may go to) and the keys already used. The grain changes it as its commands commit.
/// </summary>
public sealed class MeetingState
{
    /// <summary>The run's village.</summary>
    public required long VillageId { get; init; }

    /// <summary>The plan's meeting date (China time), against which ages are counted.</summary>
    public required DateOnly MeetingDate { get; init; }

    /// <summary>The meeting's status.</summary>
    public required MeetingStatus Status { get; set; }

    /// <summary>The meeting row's version (<c>dividend_meetings.version</c>); <see langword="null"/> before it is opened.</summary>
    public required long? Version { get; set; }

    /// <summary>Lines by number.</summary>
    public required Dictionary<int, PayoutLineState> Lines { get; init; }

    /// <summary>The members of each line's household, by household id.</summary>
    public required Dictionary<long, List<HouseholdPerson>> Households { get; init; }

    /// <summary>Idempotency keys used in the run.</summary>
    public required Dictionary<string, KeyedPayoutEvent> Keys { get; init; }
}

/// <summary>One event to append to a line's journal, with the line's new status.</summary>
/// <param name="LineNo">The line.</param>
/// <param name="Kind"><c>mark</c> or <c>undo</c>.</param>
/// <param name="Status">The line's new status.</param>
/// <param name="RecipientName">Who took the money (cash, proxy), trimmed.</param>
/// <param name="Relation">Their relation, trimmed.</param>
/// <param name="RecipientId">Their full resident ID (stored; answered masked).</param>
/// <param name="BatchReference">The bank batch reference, trimmed.</param>
/// <param name="Reason">Why (deferral, undo), trimmed.</param>
/// <param name="Reverses">The mark an undo reverses.</param>
/// <param name="Cashier">The login recorded on the event.</param>
/// <param name="TableNo">The cashier's table.</param>
/// <param name="IdempotencyKey">A mark's key.</param>
/// <param name="Fingerprint">A mark's request fingerprint.</param>
/// <param name="Caller">Whom the audit trail names for this event's statements.</param>
public sealed record PayoutLineWrite(int LineNo, string Kind, PayoutStatus Status, string? RecipientName, string? Relation,
    string? RecipientId, string? BatchReference, string? Reason, long? Reverses, string Cashier, int TableNo, string? IdempotencyKey,
    string? Fingerprint, AuditCaller Caller);

/// <summary>What a committed group of line writes got: each event's id (in the order written), their instant, the new version.</summary>
/// <param name="EventIds">The ids, in the order of the writes.</param>
/// <param name="At">The instant recorded on every event of the group.</param>
/// <param name="Version">The meeting's version after the commit.</param>
public sealed record PayoutLinesWritten(IReadOnlyList<long> EventIds, DateTimeOffset At, long Version);

/// <summary>
/// The meeting grain's storage (implemented by the silo on PostgreSQL). Every write is one transaction that first checks
/// the meeting's version against <c>expectedVersion</c> under a row lock; a mismatch (another writer, a second activation)
/// changes nothing and answers <see langword="null"/>, so the grain reloads and decides again.
/// </summary>
public interface IMeetingStorage
{
    /// <summary>The audit caller of the current grain call (read before the call is queued: the flush runs in another's context).</summary>
    /// <returns>The caller.</returns>
    AuditCaller Caller();

    /// <summary>Loads the run's meeting, lines, households and used keys in one consistent snapshot.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="cancellationToken">Cancels the load.</param>
    /// <returns>The state, or <see langword="null"/> when there is no such run.</returns>
    Task<MeetingState?> LoadAsync(long runId, CancellationToken cancellationToken);

    /// <summary>Opens the meeting: every line pending, the journal's <c>open</c> event, a board notification.</summary>
    /// <param name="villageId">The run's village.</param>
    /// <param name="runId">The run.</param>
    /// <param name="meetingDate">The plan's meeting date.</param>
    /// <param name="actor">The accountant's login.</param>
    /// <param name="caller">The audit caller.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The new version, or <see langword="null"/> when another writer opened it first.</returns>
    Task<long?> OpenAsync(long villageId, long runId, DateOnly meetingDate, string actor, AuditCaller caller, CancellationToken cancellationToken);

    /// <summary>Closes the meeting: every pending line deferred with <paramref name="reason"/>, the cash counts of this closing, the
    /// journal's <c>close</c> event, a board notification.</summary>
    /// <param name="villageId">The run's village.</param>
    /// <param name="runId">The run.</param>
    /// <param name="expectedVersion">The version the grain decided on.</param>
    /// <param name="actor">The accountant's login (also the deferrals' cashier, at table 0).</param>
    /// <param name="reason">The deferral reason, trimmed.</param>
    /// <param name="counts">Each table's cash count.</param>
    /// <param name="caller">The audit caller.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The new version, or <see langword="null"/> on a version mismatch.</returns>
    Task<long?> CloseAsync(long villageId, long runId, long expectedVersion, string actor, string reason, IReadOnlyList<TableCashCount> counts,
        AuditCaller caller, CancellationToken cancellationToken);

    /// <summary>Reopens the closed meeting (journal event, board notification).</summary>
    /// <param name="villageId">The run's village.</param>
    /// <param name="runId">The run.</param>
    /// <param name="expectedVersion">The version the grain decided on.</param>
    /// <param name="actor">The accountant's login.</param>
    /// <param name="reason">Why, trimmed.</param>
    /// <param name="caller">The audit caller.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The new version, or <see langword="null"/> on a version mismatch.</returns>
    Task<long?> ReopenAsync(long villageId, long runId, long expectedVersion, string actor, string reason, AuditCaller caller,
        CancellationToken cancellationToken);

    /// <summary>
    /// Appends line events and sets the lines' statuses in one transaction, in order: <paramref name="segments"/> are written one
    /// after the other, and within a segment a line appears once. Then one board notification.
    /// </summary>
    /// <param name="villageId">The run's village.</param>
    /// <param name="runId">The run.</param>
    /// <param name="expectedVersion">The version the grain decided on.</param>
    /// <param name="segments">The writes.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The events' ids in the order of the writes, or <see langword="null"/> on a version mismatch.</returns>
    Task<PayoutLinesWritten?> WriteLinesAsync(long villageId, long runId, long expectedVersion, IReadOnlyList<IReadOnlyList<PayoutLineWrite>> segments,
        CancellationToken cancellationToken);
}
