namespace VillageCollective.Grains.DividendDay;

/// <summary>
/// The dividend meeting (分红大会) of one run (key: the run's id, <c>dividend_runs.id</c>): the one writer of the run's
/// dividend day. The accountant opens, closes (pending lines deferred, each table's cash counted) and reopens it; cashiers
/// mark lines and undo marks. Marks that arrive together are committed in one transaction, each answered after that commit.
/// Refusals by the rules are <see cref="DomainException"/>s; a missing run or line and the conflicts a caller must be told
/// about (already marked, key reused, stale undo) are answered as a <see cref="MeetingOutcome"/>.
/// </summary>
[Alias("vc.IDividendMeetingGrain")]
public interface IDividendMeetingGrain : IGrainWithIntegerKey
{
    /// <summary>Opens the meeting (accountant only): every line becomes pending.</summary>
    /// <param name="command">Who opens it, in which village.</param>
    /// <returns><see cref="MeetingOutcome.Done"/> or <see cref="MeetingOutcome.RunNotFound"/>.</returns>
    /// <exception cref="DomainException"><c>meeting.accountantOnly</c>, <c>meeting.alreadyOpened</c>.</exception>
    [Alias("Open")]
    Task<MeetingAnswer> Open(MeetingCommand command);

    /// <summary>Closes the open meeting: every pending line deferred with the reason, each table's cash counted (issued from
    /// <see cref="MeetingCommand.Tables"/>, zero for a table that paid cash but was not listed).</summary>
    /// <param name="command">Who closes it, the deferral reason, the cash issued per table.</param>
    /// <returns><see cref="MeetingOutcome.Done"/> or <see cref="MeetingOutcome.RunNotFound"/>.</returns>
    /// <exception cref="DomainException"><c>meeting.accountantOnly</c>, <c>meeting.notOpen</c>, <c>payout.textRequired</c> (reason),
    /// <c>cash.duplicateTable</c> (field <c>tables[i].tableNo</c>), <c>cash.negativeIssued</c>, <c>cash.tableNo</c>.</exception>
    [Alias("Close")]
    Task<MeetingAnswer> Close(MeetingCommand command);

    /// <summary>Reopens the closed meeting (accountant only, with a reason); deferred lines stay deferred.</summary>
    /// <param name="command">Who reopens it and why.</param>
    /// <returns><see cref="MeetingOutcome.Done"/> or <see cref="MeetingOutcome.RunNotFound"/>.</returns>
    /// <exception cref="DomainException"><c>meeting.accountantOnly</c>, <c>meeting.notClosed</c>, <c>payout.textRequired</c>.</exception>
    [Alias("Reopen")]
    Task<MeetingAnswer> Reopen(MeetingCommand command);

    /// <summary>Marks a pending line, once per idempotency key.</summary>
    /// <param name="command">The mark.</param>
    /// <returns><see cref="MeetingOutcome.Done"/> with the new event; <see cref="MeetingOutcome.Replayed"/> with the first event of
    /// this key; <see cref="MeetingOutcome.AlreadyMarked"/> with the line's event; <see cref="MeetingOutcome.KeyReused"/>,
    /// <see cref="MeetingOutcome.RunNotFound"/>, <see cref="MeetingOutcome.LineNotFound"/>.</returns>
    /// <exception cref="DomainException"><c>meeting.notOpen</c>, <c>cash.tableNo</c>, <c>payout.markStatus</c> and the line's rules
    /// (<see cref="PayoutLineCheck.Mark"/>).</exception>
    [Alias("Mark")]
    Task<MeetingAnswer> Mark(MarkPayoutLine command);

    /// <summary>Undoes a line's current mark with a reversing event; the line is pending again.</summary>
    /// <param name="command">The undo.</param>
    /// <returns><see cref="MeetingOutcome.Done"/> with the undo event; <see cref="MeetingOutcome.UndoStale"/>,
    /// <see cref="MeetingOutcome.RunNotFound"/>, <see cref="MeetingOutcome.LineNotFound"/>.</returns>
    /// <exception cref="DomainException"><c>meeting.notOpen</c>, <c>payout.notMarked</c>, <c>payout.textRequired</c>.</exception>
    [Alias("Undo")]
    Task<MeetingAnswer> Undo(UndoPayoutMark command);

    /// <summary>The silo this activation runs on (its runtime identity), for operators and the failover tests.</summary>
    /// <returns>The silo's runtime identity.</returns>
    [Alias("Host")]
    Task<string> Host();
}
