using FsCheck;
using FsCheck.Fluent;
using VillageCollective.Grains.Money;
using VillageCollective.Grains.Partnerships;

namespace VillageCollective.Grains.Tests.Partnerships;

public sealed class SettlementProperties
{
    [Fact]
    public void Any_pooled_settlement_adds_up_to_the_fen_and_weights_late_villages_by_their_days()
    {
        var start = new DateOnly(2025, 1, 1);
        var cases =
            from villages in Gen.Choose(1, 12)
            from stakes in Gen.ListOf(Gen.Choose(1, 5_000).Zip(Gen.Choose(0, 364)), villages).Select(s => s.ToList())
            from percent in Gen.Choose(0, 1_000)
            from profitShare in Gen.Choose(0, 100)
            from netProfit in Gen.Choose(-1_000_000, 20_000_000)
            from greater in Gen.Elements(IncomeMode.GuaranteePlusProfitShare, IncomeMode.GreaterOfGuaranteeAndProfitShare)
            select (Stakes: stakes, Percent: percent / 100m, ProfitShare: (decimal)profitShare, NetProfit: new Yuan(netProfit), Mode: greater);

        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var parties = c.Stakes.Select((s, i) => new PartnershipParty(i + 1, start.AddDays(s.Item2), Contribution.Cash(new Yuan(s.Item1 * 1_000m))))
                .Append(new PartnershipParty(null, start, Contribution.Assets(new Yuan(1_000_000m)))).ToList();
            var mode = c.Percent == 0 ? IncomeMode.GuaranteePlusProfitShare : c.Mode;
            var contract = new PartnershipContract(1, "p", start, new DateOnly(2030, 12, 31), new Yuan(1_000m), parties,
                IncomeTerms.Guaranteed(mode, null, c.Percent, c.ProfitShare), PaymentSchedule.Default, 0);

            var s = SettlementCalculator.Settle(contract, 2025, Yuan.Zero, c.NetProfit);
            var villages = s.Lines.Where(l => l.VillageId is not null).ToList();

            Assert.Equal(s.GuaranteeTotal, Yuan.Sum(villages.Select(l => l.Guarantee)));
            Assert.Equal(s.DistributedProfit, Yuan.Sum(s.Lines.Select(l => l.ProfitShare)) + s.ProfitResidue);
            Assert.True(s.ProfitResidue >= Yuan.Zero);
            Assert.Equal(parties.Select(p => contract.DaysIn(p, 2025)), s.Lines.Select(l => l.Days));
            foreach (var line in villages)
            {
                var expected = mode == IncomeMode.GuaranteePlusProfitShare ? line.Guarantee + line.ProfitShare
                    : line.Guarantee >= line.ProfitShare ? line.Guarantee : line.ProfitShare;
                Assert.Equal(expected, line.Owed);
                // A village's guarantee is within a fen of % × its money × its days ÷ 365 (largest remainder moves at most one fen).
                var exact = c.Percent / 100m * parties[(int)line.VillageId!.Value - 1].Contribution.Value.Amount * line.Days / 365m;
                var total = c.Percent / 100m * villages.Sum(v => parties[(int)v.VillageId!.Value - 1].Contribution.Value.Amount * v.Days) / 365m;
                Assert.InRange(line.Guarantee.Amount - exact * (s.GuaranteeTotal.Amount / (total == 0 ? 1 : total)), -0.011m, 0.011m);
            }
        }).QuickCheckThrowOnFailure();
    }
}
