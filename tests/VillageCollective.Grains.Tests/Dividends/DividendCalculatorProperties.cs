using FsCheck;
using FsCheck.Fluent;
using VillageCollective.Grains.Dividends;
using VillageCollective.Grains.Money;
using VillageCollective.Grains.Shares;
using VillageCollective.Grains.Tests.Support;

namespace VillageCollective.Grains.Tests.Dividends;

public sealed class DividendCalculatorProperties
{
    private static readonly DateOnly Meeting = new(2025, 12, 1);

    public sealed record Scenario(IReadOnlyList<HouseholdShares> Register, Yuan Pool, RateRule Rate)
    {
        public DistributionPlan Plan => new(2025, 1, Pool, Rate, Meeting, Meeting);

        public override string ToString() =>
            $"{Register.Count} households, {ShareCount.Sum(Register.Select(r => r.Shares))} shares, pool {Pool}, {Rate}: "
            + string.Join(", ", Register.Select(r => $"{r.HouseholdId}={r.Shares}"));
    }

    [Fact]
    public void A_fixed_rate_run_pays_each_household_its_rounded_share_and_nothing_disappears()
    {
        var scenarios =
            from register in Registers.Register
            from rateFen in Gen.Choose(1, 40_000)
            let rate = Yuan.FromFen(rateFen)
            from pool in Gen.Frequency((1, Registers.Pool), (2, Registers.PoolNear(register, rate.Amount)))
            select new Scenario(register, pool, new FixedRate(rate));

        Prop.ForAll(scenarios.ToArbitrary(), scenario =>
        {
            var rate = ((FixedRate)scenario.Rate).PerShare;
            if (TotalShares(scenario) == ShareCount.Zero)
            {
                Refusal.Expect("run.noShares", "register", () => DividendCalculator.Compute(scenario.Plan, scenario.Register));
                return;
            }

            if (Registers.Paid(scenario.Register, rate.Amount) > scenario.Pool.Amount)
            {
                Refusal.Expect("plan.rateExceedsPool", "perShareRate", () => DividendCalculator.Compute(scenario.Plan, scenario.Register));
                return;
            }

            var result = DividendCalculator.Compute(scenario.Plan, scenario.Register);
            Assert.Equal(rate, result.PerShareRate);
            AssertAddsUp(scenario, result);
        }).QuickCheckThrowOnFailure();
    }

    [Theory]
    [InlineData("fen")]
    [InlineData("jiao")]
    [InlineData("yuan")]
    [InlineData("ten_yuan")]
    public void A_derived_rate_is_the_highest_multiple_of_the_unit_the_pool_can_pay(string unitCode)
    {
        var unit = RoundingUnit.Parse(unitCode);
        var scenarios =
            from register in Registers.Register
            from steps in Gen.Choose(1, (int)(400m / unit.Step))
            from pool in Gen.Frequency((1, Registers.Pool), (2, Registers.PoolNear(register, steps * unit.Step)))
            select new Scenario(register, pool, new DerivedRate(unit));

        Prop.ForAll(scenarios.ToArbitrary(), scenario =>
        {
            var totalShares = TotalShares(scenario);
            if (totalShares == ShareCount.Zero)
            {
                Refusal.Expect("run.noShares", "register", () => DividendCalculator.Compute(scenario.Plan, scenario.Register));
                return;
            }

            var ceiling = scenario.Pool.Amount / totalShares.Value;
            bool Fits(decimal rate) => rate <= ceiling && Registers.Paid(scenario.Register, rate) <= scenario.Pool.Amount;

            if (!Fits(unit.Step))
            {
                Refusal.Expect("plan.rateZero", "membersPool", () => DividendCalculator.Compute(scenario.Plan, scenario.Register));
                return;
            }

            var result = DividendCalculator.Compute(scenario.Plan, scenario.Register);
            var derived = result.PerShareRate.Amount;

            Assert.Equal(0m, derived % unit.Step);
            Assert.True(Fits(derived), $"rate {derived} does not fit the pool");
            Assert.False(Fits(derived + unit.Step), $"rate {derived + unit.Step} would also fit the pool");
            AssertAddsUp(scenario, result);
        }).QuickCheckThrowOnFailure();
    }

    private static ShareCount TotalShares(Scenario scenario) => ShareCount.Sum(scenario.Register.Select(r => r.Shares));

    private static void AssertAddsUp(Scenario scenario, DividendRunResult result)
    {
        var rate = result.PerShareRate.Amount;
        var expectedLines = scenario.Register
            .Where(row => row.Shares.Value > 0)
            .Select(row => new PayoutLine(row.HouseholdId, row.Shares, new Yuan(Registers.Amount(row.Shares, rate))));

        Assert.Equal(expectedLines, result.Lines);
        Assert.All(result.Lines, line => Assert.True(line.Amount >= Yuan.Zero));
        Assert.Equal(scenario.Pool, result.Pool);
        Assert.Equal(TotalShares(scenario), result.TotalShares);
        Assert.Equal(result.Lines.Sum(l => l.Amount.Amount), result.TotalPaid.Amount);
        Assert.True(result.Residue >= Yuan.Zero, $"residue {result.Residue} is negative");
        Assert.Equal(result.Pool.Amount, result.TotalPaid.Amount + result.Residue.Amount);
    }
}
