namespace VillageCollective.Grains.DividendDay;

/// <summary>Whether the dividend meeting of a run is open for marking.</summary>
public enum MeetingStatus
{
    /// <summary>The accountant has not opened it yet.</summary>
    NotOpened,

    /// <summary>Open (进行中): cashiers mark lines.</summary>
    Open,

    /// <summary>Closed (已结束): pending lines were deferred and cash reconciled; only the accountant can reopen it.</summary>
    Closed,
}

/// <summary>Who acts at the meeting.</summary>
public enum MeetingRole
{
    /// <summary>The village accountant (村会计): opens, closes and reopens the meeting.</summary>
    Accountant,

    /// <summary>A cashier (出纳) at a table: marks lines only.</summary>
    Cashier,
}

/// <summary>
/// The dividend meeting (分红大会) of one dividend run: opened by the accountant, worked by cashiers, closed by the
/// accountant, reopened only by the accountant with a reason.
/// </summary>
public sealed class PayoutMeeting
{
    /// <summary>Creates the meeting in its current status.</summary>
    /// <param name="status">The stored status.</param>
    public PayoutMeeting(MeetingStatus status) => Status = status;

    /// <summary>The meeting's status.</summary>
    public MeetingStatus Status { get; private set; }

    /// <summary>Opens the meeting.</summary>
    /// <param name="role">Who asks.</param>
    /// <exception cref="DomainException"><c>meeting.accountantOnly</c> (field <c>role</c>); <c>meeting.alreadyOpened</c> (field <c>runId</c>) unless not opened yet.</exception>
    public void Open(MeetingRole role)
    {
        RequireAccountant(role);
        if (Status != MeetingStatus.NotOpened)
        {
            throw new DomainException("meeting.alreadyOpened", "runId", "分红大会已开启过 (the meeting was already opened; a closed one is reopened)");
        }
        Status = MeetingStatus.Open;
    }

    /// <summary>Closes the open meeting.</summary>
    /// <param name="role">Who asks.</param>
    /// <exception cref="DomainException"><c>meeting.accountantOnly</c> (field <c>role</c>); <c>meeting.notOpen</c> (field <c>runId</c>).</exception>
    public void Close(MeetingRole role)
    {
        RequireAccountant(role);
        EnsureOpen();
        Status = MeetingStatus.Closed;
    }

    /// <summary>Reopens a closed meeting.</summary>
    /// <param name="role">Who asks.</param>
    /// <param name="reason">Why (recorded).</param>
    /// <exception cref="DomainException"><c>meeting.accountantOnly</c> (field <c>role</c>); <c>meeting.notClosed</c> (field <c>runId</c>);
    /// <c>payout.textRequired</c> / <c>payout.textTooLong</c> (field <c>reason</c>).</exception>
    public void Reopen(MeetingRole role, string? reason)
    {
        RequireAccountant(role);
        if (Status != MeetingStatus.Closed)
        {
            throw new DomainException("meeting.notClosed", "runId", "只有已结束的分红大会可以重新开启 (only a closed meeting can be reopened)");
        }
        PayoutLineCheck.RequireText(reason, "reason");
        Status = MeetingStatus.Open;
    }

    /// <summary>Checks that lines may be marked or undone now.</summary>
    /// <exception cref="DomainException"><c>meeting.notOpen</c> (field <c>runId</c>): not opened yet, or closed.</exception>
    public void EnsureOpen()
    {
        if (Status != MeetingStatus.Open)
        {
            throw new DomainException("meeting.notOpen", "runId", "分红大会未开启或已结束 (the meeting is not open)");
        }
    }

    private static void RequireAccountant(MeetingRole role)
    {
        if (role != MeetingRole.Accountant)
        {
            throw new DomainException("meeting.accountantOnly", "role", "只有村会计可以开启、结束或重新开启分红大会 (only the accountant opens, closes or reopens the meeting)");
        }
    }
}
