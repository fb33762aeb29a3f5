using FsCheck;
using FsCheck.Fluent;
using VillageCollective.Grains.DividendDay;
using VillageCollective.Grains.Household;
using VillageCollective.Grains.Tests.Support;

namespace VillageCollective.Grains.Tests.DividendDay;

public sealed class PayoutLineCheckTests
{
    private static readonly DateOnly MeetingDate = new(2025, 12, 1);
    private static readonly ResidentId HeadId = People.Id(new DateOnly(1960, 3, 5), 11);
    private static readonly ResidentId SpouseId = People.Id(new DateOnly(1962, 7, 9), 12);
    // Turns 18 the day after the meeting.
    private static readonly ResidentId ChildId = People.Id(new DateOnly(2007, 12, 2), 13);
    private static readonly ResidentId NeighbourId = People.Id(new DateOnly(1975, 1, 1), 21);

    private static readonly HouseholdPerson[] Household =
    [
        new("王建国", Relations.Head, HeadId),
        new("李秀英", Relations.Spouse, SpouseId),
        new("王浩", Relations.Son, ChildId),
    ];

    public static TheoryData<PayoutMark, PayoutStatus> EveryMark() => new()
    {
        { new PaidInCash("王建国", Relations.Head, HeadId), PayoutStatus.PaidInCash },
        { new PaidInCash("李秀英", Relations.Spouse, SpouseId), PayoutStatus.PaidInCash },
        { new CollectedByProxy("张伟", "邻居", NeighbourId), PayoutStatus.CollectedByProxy },
        { new TransferredToBank("BATCH-2025-12-01-01"), PayoutStatus.TransferredToBank },
        { new Deferred("户主外出务工"), PayoutStatus.Deferred },
    };

    [Theory]
    [MemberData(nameof(EveryMark))]
    public void A_pending_line_takes_every_mark(PayoutMark mark, PayoutStatus expected)
    {
        var line = new PayoutLineCheck(PayoutStatus.Pending);

        Assert.Equal(expected, line.Mark(mark, Household, MeetingDate));
        Assert.Equal(expected, line.Status);
    }

    [Theory]
    [InlineData(PayoutStatus.PaidInCash)]
    [InlineData(PayoutStatus.CollectedByProxy)]
    [InlineData(PayoutStatus.TransferredToBank)]
    [InlineData(PayoutStatus.Deferred)]
    public void A_marked_line_refuses_every_further_mark(PayoutStatus current)
    {
        foreach (var mark in EveryMark().Select(row => (PayoutMark)row[0]))
        {
            var line = new PayoutLineCheck(current);
            Refusal.Expect("payout.alreadyMarked", "lineNo", () => line.Mark(mark, Household, MeetingDate));
            Assert.Equal(current, line.Status);
        }
    }

    [Theory]
    [InlineData(PayoutStatus.PaidInCash)]
    [InlineData(PayoutStatus.CollectedByProxy)]
    [InlineData(PayoutStatus.TransferredToBank)]
    [InlineData(PayoutStatus.Deferred)]
    public void An_undo_with_a_reason_returns_a_marked_line_to_pending_and_it_can_be_marked_again(PayoutStatus current)
    {
        var line = new PayoutLineCheck(current);

        Assert.Equal(PayoutStatus.Pending, line.Undo("点错户"));
        Assert.Equal(PayoutStatus.TransferredToBank, line.Mark(new TransferredToBank("B-2"), Household, MeetingDate));
    }

    [Fact]
    public void A_pending_line_has_nothing_to_undo()
    {
        Refusal.Expect("payout.notMarked", "lineNo", () => new PayoutLineCheck(PayoutStatus.Pending).Undo("点错户"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void An_undo_without_a_reason_is_refused_and_keeps_the_status(string? reason)
    {
        var line = new PayoutLineCheck(PayoutStatus.PaidInCash);

        Refusal.Expect("payout.textRequired", "reason", () => line.Undo(reason));
        Assert.Equal(PayoutStatus.PaidInCash, line.Status);
    }

    [Fact]
    public void Cash_to_someone_outside_the_household_is_refused()
    {
        var line = new PayoutLineCheck(PayoutStatus.Pending);

        Refusal.Expect("payout.recipientNotInHousehold", "recipientId",
            () => line.Mark(new PaidInCash("张伟", "邻居", NeighbourId), Household, MeetingDate));
        Assert.Equal(PayoutStatus.Pending, line.Status);
    }

    [Fact]
    public void Cash_under_a_name_other_than_the_registers_is_refused()
    {
        Refusal.Expect("payout.recipientNameMismatch", "recipientName",
            () => new PayoutLineCheck(PayoutStatus.Pending).Mark(new PaidInCash("王建军", Relations.Head, HeadId), Household, MeetingDate));
    }

    [Fact]
    public void Cash_under_a_relation_other_than_the_registers_is_refused()
    {
        Refusal.Expect("payout.recipientRelationMismatch", "relation",
            () => new PayoutLineCheck(PayoutStatus.Pending).Mark(new PaidInCash("李秀英", Relations.Daughter, SpouseId), Household, MeetingDate));
    }

    [Fact]
    public void Any_sequence_of_marks_and_undos_leaves_the_status_a_simple_model_predicts()
    {
        // Model: a line is pending or holds the last accepted mark; a mark is accepted only when pending, an undo only when marked.
        var marks = EveryMark().Select(row => (PayoutMark)row[0]).ToArray();
        var steps = Gen.Choose(-1, marks.Length - 1); // -1 = undo
        Prop.ForAll(Gen.ListOf(steps).ToArbitrary(), sequence =>
        {
            var line = new PayoutLineCheck(PayoutStatus.Pending);
            var model = PayoutStatus.Pending;
            foreach (var step in sequence)
            {
                var accepted = step < 0 ? model != PayoutStatus.Pending : model == PayoutStatus.Pending;
                try
                {
                    if (step < 0) line.Undo("撤销");
                    else line.Mark(marks[step], Household, MeetingDate);
                    if (!accepted) return false;
                    model = step < 0 ? PayoutStatus.Pending : marks[step].Status;
                }
                catch (DomainException e) when (!accepted && e.Code is "payout.alreadyMarked" or "payout.notMarked")
                {
                }
                if (line.Status != model) return false;
            }
            return true;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Cash_to_a_member_who_is_not_yet_18_on_the_meeting_day_is_refused()
    {
        Refusal.Expect("payout.recipientMinor", "recipientId",
            () => new PayoutLineCheck(PayoutStatus.Pending).Mark(new PaidInCash("王浩", Relations.Son, ChildId), Household, MeetingDate));
    }

    [Fact]
    public void Cash_to_a_member_who_turns_18_on_the_meeting_day_is_allowed()
    {
        var line = new PayoutLineCheck(PayoutStatus.Pending);

        line.Mark(new PaidInCash("王浩", Relations.Son, ChildId), Household, MeetingDate.AddDays(1));

        Assert.Equal(PayoutStatus.PaidInCash, line.Status);
    }

    [Fact]
    public void A_proxy_who_is_a_member_of_the_household_is_refused()
    {
        Refusal.Expect("payout.proxyIsMember", "recipientId",
            () => new PayoutLineCheck(PayoutStatus.Pending).Mark(new CollectedByProxy("李秀英", Relations.Spouse, SpouseId), Household, MeetingDate));
    }

    [Fact]
    public void A_minor_proxy_is_refused()
    {
        var minor = People.Id(new DateOnly(2010, 1, 1), 31);
        Refusal.Expect("payout.recipientMinor", "recipientId",
            () => new PayoutLineCheck(PayoutStatus.Pending).Mark(new CollectedByProxy("张小明", "亲戚", minor), Household, MeetingDate));
    }

    public static TheoryData<PayoutMark, string> BlankTexts() => new()
    {
        { new PaidInCash(" ", Relations.Head, HeadId), "recipientName" },
        { new PaidInCash("王建国", "", HeadId), "relation" },
        { new CollectedByProxy("", "邻居", NeighbourId), "recipientName" },
        { new CollectedByProxy("张伟", " ", NeighbourId), "relation" },
        { new TransferredToBank(""), "batchReference" },
        { new Deferred("  "), "reason" },
    };

    [Theory]
    [MemberData(nameof(BlankTexts))]
    public void A_mark_with_a_blank_required_text_is_refused_naming_the_field(PayoutMark mark, string field)
    {
        var line = new PayoutLineCheck(PayoutStatus.Pending);

        Refusal.Expect("payout.textRequired", field, () => line.Mark(mark, Household, MeetingDate));
        Assert.Equal(PayoutStatus.Pending, line.Status);
    }

    [Fact]
    public void An_over_long_reason_is_refused()
    {
        Refusal.Expect("payout.textTooLong", "reason",
            () => new PayoutLineCheck(PayoutStatus.Pending).Mark(new Deferred(new string('因', PayoutLineCheck.MaxTextLength + 1)), Household, MeetingDate));
    }

    [Theory]
    [InlineData(PayoutStatus.Pending)]
    [InlineData(PayoutStatus.PaidInCash)]
    [InlineData(PayoutStatus.CollectedByProxy)]
    [InlineData(PayoutStatus.TransferredToBank)]
    [InlineData(PayoutStatus.Deferred)]
    public void Status_codes_read_back_to_the_same_status(PayoutStatus status)
    {
        Assert.Equal(status, PayoutStatuses.Parse(PayoutStatuses.Code(status)));
    }

    [Fact]
    public void An_unknown_status_code_is_refused()
    {
        Refusal.Expect("payout.unknownStatus", "status", () => PayoutStatuses.Parse("paid"));
    }
}
