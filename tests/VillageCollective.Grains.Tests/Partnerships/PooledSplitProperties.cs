using FsCheck;
using FsCheck.Fluent;
using VillageCollective.Grains.Money;
using VillageCollective.Grains.Partnerships;

namespace VillageCollective.Grains.Tests.Partnerships;

public sealed class PooledSplitProperties
{
    [Fact]
    public void Parts_add_up_to_the_total_exactly_and_each_is_within_a_fen_of_its_exact_share()
    {
        var cases =
            from fen in Gen.Choose(0, int.MaxValue)
            from weights in Gen.ListOf(Gen.Choose(0, 366).SelectMany(days => Gen.Choose(1, 10_000_000).Select(yuan => (decimal)yuan * days)))
            where weights.Count > 0 && weights.Sum() > 0
            select (Total: Yuan.FromFen(fen), Weights: weights.ToList());

        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var parts = PooledSplit.Split(c.Total, c.Weights.Select((w, i) => new PooledSplit.Weight(i, w)).ToList());
            var sum = c.Weights.Sum();

            Assert.Equal(c.Total, Yuan.Sum(parts.Select(p => p.Amount)));
            for (var i = 0; i < parts.Count; i++)
            {
                var exactFen = c.Total.Fen * c.Weights[i] / sum;
                Assert.InRange(parts[i].Amount.Fen - exactFen, -1m, 1m);
            }
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void The_leftover_fen_go_to_the_largest_remainders()
    {
        // 1.00 yuan in three equal parts: 0.33 each and one fen left, to the first (ties go to the earlier party).
        var parts = PooledSplit.Split(new Yuan(1m), [new(10, 1m), new(20, 1m), new(30, 1m)]);
        // 0.10 by 1:2:7 → exact 1, 2, 7 fen, nothing to round.
        var exact = PooledSplit.Split(new Yuan(0.10m), [new(1, 1m), new(2, 2m), new(3, 7m)]);
        var remainders = PooledSplit.Split(new Yuan(0.07m), [new(1, 1m), new(2, 2m), new(3, 3m)]); // exact 1.17, 2.33, 3.5 fen → 1, 2, 3 and the leftover fen to the 0.5

        Assert.Equal([0.34m, 0.33m, 0.33m], parts.Select(p => p.Amount.Amount));
        Assert.Equal([0.01m, 0.02m, 0.07m], exact.Select(p => p.Amount.Amount));
        Assert.Equal([0.01m, 0.02m, 0.04m], remainders.Select(p => p.Amount.Amount));
    }
}
