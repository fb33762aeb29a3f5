using VillageCollective.Grains.Dividends;
using VillageCollective.Grains.Money;
using VillageCollective.Grains.Tests.Support;

namespace VillageCollective.Grains.Tests.Dividends;

public sealed class DistributionPlanTests
{
    private static readonly DateOnly Meeting = new(2025, 12, 1);
    private static readonly RateRule Rate = new FixedRate(new Yuan(220m));

    [Fact]
    public void Baiyanghes_plan_is_accepted()
    {
        var plan = new DistributionPlan(2025, 1, new Yuan(186500m), Rate, Meeting.AddDays(-10), Meeting);

        Assert.Equal(2025, plan.Year);
        Assert.Equal(new Yuan(186500m), plan.MembersPool);
        Assert.Equal(new Yuan(220m), Assert.IsType<FixedRate>(plan.Rate).PerShare);
    }

    [Fact]
    public void The_record_date_may_be_the_meeting_day() =>
        Assert.Equal(Meeting, new DistributionPlan(2025, 1, Yuan.Zero, Rate, Meeting, Meeting).RecordDate);

    [Theory]
    [InlineData(1999)]
    [InlineData(2101)]
    public void A_year_outside_2000_to_2100_is_refused(int year) =>
        Refusal.Expect("plan.year", "year", () => new DistributionPlan(year, 1, Yuan.Zero, Rate, Meeting, Meeting));

    [Fact]
    public void A_version_below_one_is_refused() =>
        Refusal.Expect("plan.version", "version", () => new DistributionPlan(2025, 0, Yuan.Zero, Rate, Meeting, Meeting));

    [Fact]
    public void A_negative_members_pool_is_refused() =>
        Refusal.Expect("plan.poolNegative", "membersPool", () => new DistributionPlan(2025, 1, new Yuan(-0.01m), Rate, Meeting, Meeting));

    [Fact]
    public void A_record_date_after_the_meeting_is_refused() =>
        Refusal.Expect("plan.recordDateAfterMeeting", "recordDate",
            () => new DistributionPlan(2025, 1, Yuan.Zero, Rate, Meeting.AddDays(1), Meeting));

    [Theory]
    [InlineData("0")]
    [InlineData("-220")]
    public void A_fixed_rate_must_be_positive(string perShare) =>
        Refusal.Expect("plan.rateNotPositive", "perShareRate",
            () => new FixedRate(new Yuan(decimal.Parse(perShare, System.Globalization.CultureInfo.InvariantCulture))));

    [Fact]
    public void Rate_rules_compare_by_value()
    {
        Assert.Equal(new FixedRate(new Yuan(220m)), new FixedRate(new Yuan(220.00m)));
        Assert.Equal(new DerivedRate(RoundingUnit.Yuan), new DerivedRate(RoundingUnit.Parse("yuan")));
        Assert.NotEqual<RateRule>(new DerivedRate(RoundingUnit.Yuan), new DerivedRate(RoundingUnit.Jiao));
    }
}
