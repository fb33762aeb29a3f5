using VillageCollective.Grains.DividendDay;
using VillageCollective.Grains.Tests.Support;

namespace VillageCollective.Grains.Tests.DividendDay;

public sealed class PayoutMeetingTests
{
    [Fact]
    public void The_accountant_opens_closes_and_reopens_with_a_reason()
    {
        var meeting = new PayoutMeeting(MeetingStatus.NotOpened);

        meeting.Open(MeetingRole.Accountant);
        Assert.Equal(MeetingStatus.Open, meeting.Status);
        meeting.Close(MeetingRole.Accountant);
        Assert.Equal(MeetingStatus.Closed, meeting.Status);
        meeting.Reopen(MeetingRole.Accountant, "张伟户补领");
        Assert.Equal(MeetingStatus.Open, meeting.Status);
    }

    [Theory]
    [InlineData(MeetingStatus.NotOpened)]
    [InlineData(MeetingStatus.Open)]
    [InlineData(MeetingStatus.Closed)]
    public void A_cashier_can_neither_open_close_nor_reopen(MeetingStatus status)
    {
        var meeting = new PayoutMeeting(status);

        Refusal.Expect("meeting.accountantOnly", "role", () => meeting.Open(MeetingRole.Cashier));
        Refusal.Expect("meeting.accountantOnly", "role", () => meeting.Close(MeetingRole.Cashier));
        Refusal.Expect("meeting.accountantOnly", "role", () => meeting.Reopen(MeetingRole.Cashier, "原因"));
        Assert.Equal(status, meeting.Status);
    }

    [Theory]
    [InlineData(MeetingStatus.Open)]
    [InlineData(MeetingStatus.Closed)]
    public void A_meeting_is_opened_only_once(MeetingStatus status)
    {
        Refusal.Expect("meeting.alreadyOpened", "runId", () => new PayoutMeeting(status).Open(MeetingRole.Accountant));
    }

    [Theory]
    [InlineData(MeetingStatus.NotOpened)]
    [InlineData(MeetingStatus.Closed)]
    public void Only_an_open_meeting_closes_or_takes_marks(MeetingStatus status)
    {
        Refusal.Expect("meeting.notOpen", "runId", () => new PayoutMeeting(status).Close(MeetingRole.Accountant));
        Refusal.Expect("meeting.notOpen", "runId", () => new PayoutMeeting(status).EnsureOpen());
    }

    [Theory]
    [InlineData(MeetingStatus.NotOpened)]
    [InlineData(MeetingStatus.Open)]
    public void Only_a_closed_meeting_reopens(MeetingStatus status)
    {
        Refusal.Expect("meeting.notClosed", "runId", () => new PayoutMeeting(status).Reopen(MeetingRole.Accountant, "补领"));
    }

    [Fact]
    public void Reopening_without_a_reason_is_refused_and_stays_closed()
    {
        var meeting = new PayoutMeeting(MeetingStatus.Closed);

        Refusal.Expect("payout.textRequired", "reason", () => meeting.Reopen(MeetingRole.Accountant, " "));
        Assert.Equal(MeetingStatus.Closed, meeting.Status);
    }
}
