using VillageCollective.Grains.Register;

namespace VillageCollective.Grains.Tests.Register;

public sealed class RecordDateRuleTests
{
    private static readonly DateOnly Meeting = new(2025, 12, 1);

    private static ShareCharter With(RecordDateRule rule) =>
        new([new("basic", "基本股")], ShareManagement.Dynamic, 0.1m, rule, false);

    [Fact]
    public void A_charter_that_leaves_the_date_to_the_plan_takes_the_plan_s_date()
    {
        Assert.Equal(new DateOnly(2025, 11, 30), With(RecordDateRule.SetInPlan).RecordDateFor(2025, Meeting, new DateOnly(2025, 11, 30)));
    }

    [Fact]
    public void A_plan_that_must_state_the_date_and_does_not_is_refused()
    {
        var error = Assert.Throws<DomainException>(() => With(RecordDateRule.SetInPlan).RecordDateFor(2025, Meeting, null));

        Assert.Equal(("plan.recordDateMissing", "recordDate"), (error.Code, error.Field));
    }

    [Fact]
    public void The_day_before_the_meeting_and_the_year_end_are_derived()
    {
        Assert.Equal(new DateOnly(2025, 11, 30), With(RecordDateRule.DayBeforeMeeting).RecordDateFor(2025, Meeting, null));
        Assert.Equal(new DateOnly(2025, 12, 31), With(RecordDateRule.YearEnd).RecordDateFor(2025, new DateOnly(2026, 1, 20), null));
    }

    [Fact]
    public void A_stated_date_against_the_charter_s_rule_is_refused_and_the_same_one_accepted()
    {
        var charter = With(RecordDateRule.DayBeforeMeeting);

        var error = Assert.Throws<DomainException>(() => charter.RecordDateFor(2025, Meeting, new DateOnly(2025, 11, 20)));

        Assert.Equal(("plan.recordDateRule", "recordDate"), (error.Code, error.Field));
        Assert.Equal(new DateOnly(2025, 11, 30), charter.RecordDateFor(2025, Meeting, new DateOnly(2025, 11, 30)));
    }
}
