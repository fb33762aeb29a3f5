using VillageCollective.Grains.Dividends;
using VillageCollective.Grains.Money;
using VillageCollective.Grains.Shares;
using VillageCollective.Grains.Tests.Support;

namespace VillageCollective.Grains.Tests.Dividends;

public sealed class DividendCalculatorTests
{
    private static readonly DateOnly Meeting = new(2025, 12, 1);

    private static DistributionPlan Plan(decimal pool, RateRule rate) =>
        new(2025, 1, new Yuan(pool), rate, Meeting.AddDays(-15), Meeting);

    private static HouseholdShares Row(long id, decimal shares) => new(id, new ShareCount(shares));

    [Fact]
    public void Baiyanghe_at_220_yuan_a_share_pays_186164_yuan_and_carries_336_forward()
    {
        var result = DividendCalculator.Compute(Plan(186_500m, new FixedRate(new Yuan(220m))), Baiyanghe.Register);

        Assert.Equal(new ShareCount(846.2m), result.TotalShares);
        Assert.Equal(294, result.Lines.Count);
        Assert.Equal(new Yuan(220m), result.PerShareRate);
        Assert.Equal(new Yuan(186_164m), result.TotalPaid);
        Assert.Equal(new Yuan(336m), result.Residue);
        Assert.Equal("人民币壹拾捌万陆仟壹佰陆拾肆元整", CapitalNumerals.Format(result.TotalPaid));
        Assert.Equal("未分配收益", DividendRunResult.ResidueCarriedTo);
    }

    [Fact]
    public void Baiyanghes_rate_derived_to_the_yuan_is_220()
    {
        var result = DividendCalculator.Compute(Plan(186_500m, new DerivedRate(RoundingUnit.Yuan)), Baiyanghe.Register);

        Assert.Equal(new Yuan(220m), result.PerShareRate);
        Assert.Equal(new Yuan(186_164m), result.TotalPaid);
        Assert.Equal(new Yuan(336m), result.Residue);
    }

    [Fact]
    public void Each_household_gets_its_shares_times_the_rate_rounded_half_away_from_zero()
    {
        // 0.125 × 0.20 = 0.025 → 0.03 (banker's rounding would give 0.02); 0.0125 × 0.20 = 0.0025 → 0.00.
        var result = DividendCalculator.Compute(Plan(1m, new FixedRate(new Yuan(0.20m))), [Row(1, 0.125m), Row(2, 0.0125m)]);

        Assert.Equal([new PayoutLine(1, new ShareCount(0.125m), new Yuan(0.03m)), new PayoutLine(2, new ShareCount(0.0125m), Yuan.Zero)],
            result.Lines);
    }

    [Fact]
    public void Households_without_shares_get_no_line_and_lines_keep_the_register_order()
    {
        var result = DividendCalculator.Compute(Plan(1_000m, new FixedRate(new Yuan(10m))), [Row(9, 1m), Row(3, 0m), Row(5, 2.5m)]);

        Assert.Equal([9L, 5L], result.Lines.Select(l => l.HouseholdId));
        Assert.Equal(new Yuan(35m), result.TotalPaid);
        Assert.Equal(new ShareCount(3.5m), result.TotalShares);
    }

    [Fact]
    public void A_fixed_rate_that_pays_more_than_the_pool_is_refused()
    {
        var error = Refusal.Expect("plan.rateExceedsPool", "perShareRate",
            () => DividendCalculator.Compute(Plan(186_500m, new FixedRate(new Yuan(221m))), Baiyanghe.Register));

        // 846.2 × 221 = 187,010.20 against a pool of 186,500.00.
        Assert.Contains("187,010.20", error.Message, StringComparison.Ordinal);
        Assert.Contains("186,500.00", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_fixed_rate_that_pays_exactly_the_pool_leaves_no_residue()
    {
        var result = DividendCalculator.Compute(Plan(186_164m, new FixedRate(new Yuan(220m))), Baiyanghe.Register);
        Assert.Equal(Yuan.Zero, result.Residue);
    }

    [Fact]
    public void A_derived_rate_steps_down_when_rounding_each_household_up_would_pay_more_than_the_pool()
    {
        // 2.01 shares, pool 2.01: pool ÷ shares = 1.00, but 1.005 × 1.00 rounds up to 1.01 twice = 2.02 > 2.01.
        // One fen lower, 1.005 × 0.99 = 0.99495 → 0.99 twice = 1.98, leaving 0.03.
        var result = DividendCalculator.Compute(Plan(2.01m, new DerivedRate(RoundingUnit.Fen)), [Row(1, 1.005m), Row(2, 1.005m)]);

        Assert.Equal(new Yuan(0.99m), result.PerShareRate);
        Assert.Equal(new Yuan(1.98m), result.TotalPaid);
        Assert.Equal(new Yuan(0.03m), result.Residue);
    }

    [Theory]
    [InlineData("fen", "220.39")]
    [InlineData("jiao", "220.3")]
    [InlineData("yuan", "220")]
    [InlineData("ten_yuan", "220")]
    public void A_derived_rate_is_the_pool_per_share_rounded_down_to_the_unit(string unit, string rate)
    {
        // 186,500 ÷ 846.2 = 220.396…
        var result = DividendCalculator.Compute(Plan(186_500m, new DerivedRate(RoundingUnit.Parse(unit))), Baiyanghe.Register);
        Assert.Equal(new Yuan(decimal.Parse(rate, System.Globalization.CultureInfo.InvariantCulture)), result.PerShareRate);
    }

    [Fact]
    public void A_pool_too_small_for_one_unit_a_share_is_refused()
    {
        // 8,000 ÷ 846.2 = 9.45 yuan a share: less than ten yuan.
        Refusal.Expect("plan.rateZero", "membersPool",
            () => DividendCalculator.Compute(Plan(8_000m, new DerivedRate(RoundingUnit.TenYuan)), Baiyanghe.Register));
    }

    [Fact]
    public void An_empty_pool_gives_no_derived_rate() =>
        Refusal.Expect("plan.rateZero", "membersPool",
            () => DividendCalculator.Compute(Plan(0m, new DerivedRate(RoundingUnit.Fen)), Baiyanghe.Register));

    [Fact]
    public void A_register_without_shares_is_refused()
    {
        Refusal.Expect("run.noShares", "register", () => DividendCalculator.Compute(Plan(100m, new DerivedRate(RoundingUnit.Fen)), []));
        Refusal.Expect("run.noShares", "register",
            () => DividendCalculator.Compute(Plan(100m, new FixedRate(new Yuan(1m))), [Row(1, 0m), Row(2, 0m)]));
    }

    [Fact]
    public void A_household_listed_twice_is_refused() =>
        Refusal.Expect("run.duplicateHousehold", "householdId",
            () => DividendCalculator.Compute(Plan(100m, new FixedRate(new Yuan(1m))), [Row(1, 1m), Row(2, 1m), Row(1, 2m)]));
}
