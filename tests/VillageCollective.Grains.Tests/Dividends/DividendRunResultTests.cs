using VillageCollective.Grains.Dividends;
using VillageCollective.Grains.Money;
using VillageCollective.Grains.Shares;

namespace VillageCollective.Grains.Tests.Dividends;

public sealed class DividendRunResultTests
{
    private static readonly Yuan Rate = new(220m);
    private static readonly PayoutLine Three = new(1, new ShareCount(3m), new Yuan(660m));
    private static readonly PayoutLine TwoPointTwo = new(2, new ShareCount(2.2m), new Yuan(484m));

    [Fact]
    public void A_result_whose_figures_add_up_can_be_rebuilt_from_storage()
    {
        var rebuilt = new DividendRunResult(Rate, new ShareCount(5.2m), new Yuan(1200m), [Three, TwoPointTwo], new Yuan(1144m), new Yuan(56m));
        var again = new DividendRunResult(Rate, new ShareCount(5.2m), new Yuan(1200m), new List<PayoutLine> { Three, TwoPointTwo }, new Yuan(1144m), new Yuan(56m));

        Assert.Equal(rebuilt, again);
        Assert.Equal(rebuilt.GetHashCode(), again.GetHashCode());
    }

    [Fact]
    public void A_line_that_is_not_shares_times_rate_is_a_broken_invariant() =>
        Assert.Throws<InvalidOperationException>(() => new DividendRunResult(
            Rate, new ShareCount(3m), new Yuan(1000m), [Three with { Amount = new Yuan(661m) }], new Yuan(661m), new Yuan(339m)));

    [Fact]
    public void A_pool_that_is_not_paid_plus_residue_is_a_broken_invariant() =>
        Assert.Throws<InvalidOperationException>(() => new DividendRunResult(
            Rate, new ShareCount(3m), new Yuan(1000m), [Three], new Yuan(660m), new Yuan(339.99m)));

    [Fact]
    public void A_negative_residue_is_a_broken_invariant() =>
        Assert.Throws<InvalidOperationException>(() => new DividendRunResult(
            Rate, new ShareCount(3m), new Yuan(600m), [Three], new Yuan(660m), new Yuan(-60m)));

    [Fact]
    public void Totals_that_differ_from_the_lines_are_a_broken_invariant()
    {
        Assert.Throws<InvalidOperationException>(() => new DividendRunResult(
            Rate, new ShareCount(4m), new Yuan(1000m), [Three], new Yuan(660m), new Yuan(340m)));
        Assert.Throws<InvalidOperationException>(() => new DividendRunResult(
            Rate, new ShareCount(3m), new Yuan(1000m), [Three], new Yuan(600m), new Yuan(400m)));
    }

    [Fact]
    public void A_household_paid_twice_is_a_broken_invariant() =>
        Assert.Throws<InvalidOperationException>(() => new DividendRunResult(
            Rate, new ShareCount(6m), new Yuan(2000m), [Three, Three], new Yuan(1320m), new Yuan(680m)));
}
