using VillageCollective.Grains.Books;
using VillageCollective.Grains.Dividends;
using VillageCollective.Grains.Money;

namespace VillageCollective.Grains.Tests.Books;

public sealed class IncomeDistributionTests
{
    // Baiyanghe 2025 (demo books): income 319,300.00, costs 96,000.00, opening 12,450.00 → distributable 235,750.00.
    private static IncomeStatement Statement(decimal income, decimal cost, decimal opening = 0m)
    {
        var entries = new List<BookEntry>();
        if (income > 0) entries.Add(new BookEntry(new DateOnly(2025, 6, 1), 2025, EntryCategory.OperatingIncome, "", "", new Yuan(income)));
        if (cost > 0) entries.Add(new BookEntry(new DateOnly(2025, 6, 1), 2025, EntryCategory.ManagementCost, "", "", new Yuan(cost)));
        return IncomeStatement.Compute(2025, new Yuan(opening), Yuan.Zero, entries);
    }

    private static IncomeDistribution Plan(ReserveRule reserve, decimal pool, decimal welfare = 0m, decimal investors = 0m, decimal other = 0m) =>
        new(reserve, new Yuan(welfare), new Yuan(investors), new Yuan(pool), new Yuan(other));

    [Fact]
    public void The_Baiyanghe_plan_sets_aside_15_percent_and_leaves_5887_50_before_the_residue()
    {
        var outcome = Plan(new ReservePercent(15m), 186_500m, welfare: 8_000m).ApplyTo(Statement(319_300m, 96_000m, 12_450m), 10m);

        Assert.Equal(new Yuan(235_750m), outcome.Distributable);
        Assert.Equal(new Yuan(35_362.50m), outcome.Reserve);
        Assert.Equal(new Yuan(229_862.50m), outcome.TotalDistributed);
        Assert.Equal(new Yuan(5_887.50m), outcome.ClosingBeforeResidue);
        Assert.Equal(new Yuan(6_223.50m), outcome.ClosingUndistributed(new Yuan(336m)));
    }

    [Fact]
    public void A_percentage_reserve_is_rounded_to_the_fen_half_away_from_zero()
    {
        // 10.05 × 15% = 1.5075 → 1.51
        Assert.Equal(new Yuan(1.51m), new ReservePercent(15m).AmountFor(new Yuan(10.05m)));
    }

    [Fact]
    public void A_reserve_below_the_charter_minimum_is_refused()
    {
        var error = Assert.Throws<DomainException>(() => Plan(new ReserveAmount(new Yuan(9_999.99m)), 50_000m).ApplyTo(Statement(100_000m, 0m), 10m));

        Assert.Equal(("plan.reserveBelowCharter", "reserve"), (error.Code, error.Field));
    }

    [Fact]
    public void A_reserve_exactly_at_the_charter_minimum_is_accepted()
    {
        var outcome = Plan(new ReserveAmount(new Yuan(10_000m)), 90_000m).ApplyTo(Statement(100_000m, 0m), 10m);

        Assert.Equal(Yuan.Zero, outcome.ClosingBeforeResidue);
    }

    [Fact]
    public void Distributing_one_fen_more_than_the_distributable_income_is_refused()
    {
        var error = Assert.Throws<DomainException>(() => Plan(new ReserveAmount(new Yuan(10_000m)), 90_000.01m).ApplyTo(Statement(100_000m, 0m), 10m));

        Assert.Equal(("plan.exceedsDistributable", "membersPool"), (error.Code, error.Field));
    }

    [Fact]
    public void A_members_pool_in_a_loss_year_is_refused_even_with_an_opening_balance()
    {
        // Net income −5,000 but 20,000 carried in: the members may not be paid out of the loss year.
        var error = Assert.Throws<DomainException>(() => Plan(new ReservePercent(10m), 1_000m).ApplyTo(Statement(10_000m, 15_000m, 20_000m), 10m));

        Assert.Equal("plan.distributionFromLoss", error.Code);
    }

    [Fact]
    public void Nothing_at_all_may_be_distributed_when_there_is_nothing_to_distribute()
    {
        var error = Assert.Throws<DomainException>(() => Plan(new ReserveAmount(new Yuan(100m)), 0m).ApplyTo(Statement(0m, 500m), 0m));

        Assert.Equal("plan.distributionFromLoss", error.Code);
    }

    [Fact]
    public void A_loss_year_may_distribute_nothing_and_carry_the_loss_forward()
    {
        var outcome = Plan(new ReservePercent(10m), 0m).ApplyTo(Statement(0m, 500m), 10m);

        Assert.Equal(new Yuan(-500m), outcome.ClosingBeforeResidue);
    }

    [Theory]
    [InlineData(-0.01)]
    [InlineData(100.01)]
    [InlineData(12.345)]
    public void A_reserve_percentage_outside_0_to_100_or_too_precise_is_refused(decimal percent)
    {
        Assert.Equal("plan.reservePercent", Assert.Throws<DomainException>(() => new ReservePercent(percent)).Code);
    }

    [Fact]
    public void A_negative_welfare_fund_is_refused_naming_it()
    {
        Assert.Equal("welfareFund", Assert.Throws<DomainException>(() => Plan(new ReservePercent(10m), 0m, welfare: -1m)).Field);
    }
}
