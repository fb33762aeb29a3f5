using VillageCollective.Grains.Money;
using VillageCollective.Grains.Partnerships;
using VillageCollective.Grains.Tests.Support;

namespace VillageCollective.Grains.Tests.Partnerships;

public sealed class SettlementCalculatorTests
{
    [Fact]
    public void A_fixed_rent_is_owed_in_full_whatever_the_profit()
    {
        // Yongjin's seed-production base: 2.3 million yuan a year to the village (domain.md).
        var contract = Contracts.Of(IncomeTerms.Rent(new Yuan(2_300_000m)),
            Contracts.Village(7, Contribution.Land(3000m, new Yuan(800m))), Contracts.Enterprise(Contribution.Cash(new Yuan(5_000_000m))));

        var settlement = SettlementCalculator.Settle(contract, 2025, new Yuan(9_000_000m), new Yuan(-120_000m));

        Assert.Equal(new Yuan(2_300_000m), settlement.TotalOwed);
        Assert.Equal(Yuan.Zero, settlement.DistributedProfit);
        Assert.Equal(new Yuan(2_300_000m), settlement.Lines[0].Owed);
    }

    [Fact]
    public void A_guarantee_per_mu_plus_thirty_percent_of_profit_pays_both_per_share()
    {
        // Land at 510 yuan a mu plus 30% of net profit (domain.md, "Joint-venture terms"): 300 mu → 153,000.00 guaranteed.
        // Shares at 1 yuan: village 153,000, enterprise 847,000. Distributed 30% × 1,000,000 = 300,000 over 1,000,000 shares = 0.30 a share.
        var land = Contribution.Land(300m, new Yuan(510m));
        var contract = Contracts.Of(IncomeTerms.Guaranteed(IncomeMode.GuaranteePlusProfitShare, new Yuan(153_000m), null, 30m),
            Contracts.Village(7, land), Contracts.Enterprise(Contribution.Cash(new Yuan(847_000m))));

        var settlement = SettlementCalculator.Settle(contract, 2025, new Yuan(8_000_000m), new Yuan(1_000_000m));

        Assert.Equal(new Yuan(153_000m), land.Value);
        Assert.Equal(new Yuan(300_000m), settlement.DistributedProfit);
        Assert.Equal(new Yuan(0.30m), settlement.PerShareRate);
        Assert.Equal(new Yuan(45_900m), settlement.Lines[0].ProfitShare);
        Assert.Equal(new Yuan(254_100m), settlement.Lines[1].ProfitShare);
        Assert.Equal(new Yuan(198_900m), settlement.TotalOwed);
        Assert.Contains(settlement.Lines[0].Formula, f => f == '+');
    }

    [Theory]
    [InlineData(1_000_000, 80_000, 90_000, 90_000)]  // 300,000 ÷ 3,333,333.33 shares → 0.09 a share × 1,000,000 = 90,000 beats 80,000
    [InlineData(400_000, 80_000, 30_000, 80_000)]    // a thin year: 120,000 → 0.03 a share, 30,000: the guarantee is paid
    [InlineData(-200_000, 80_000, 0, 80_000)]        // a loss: no profit share, the guarantee still holds
    public void The_greater_of_guarantee_and_profit_share_is_owed(decimal netProfit, decimal guarantee, decimal profitShare, decimal owed)
    {
        // 8% a year of the village's 1,000,000 cash: 80,000; the village holds 30% of the 3,333,333.33 shares.
        var contract = Contracts.Of(IncomeTerms.Guaranteed(IncomeMode.GreaterOfGuaranteeAndProfitShare, null, 8m, 30m),
            Contracts.Village(7, Contribution.Cash(new Yuan(1_000_000m))), Contracts.Enterprise(Contribution.Assets(new Yuan(2_333_333.33m))));

        var settlement = SettlementCalculator.Settle(contract, 2025, new Yuan(5_000_000m), new Yuan(netProfit));

        Assert.Equal(new Yuan(guarantee), settlement.Lines[0].Guarantee);
        Assert.Equal(new Yuan(profitShare), settlement.Lines[0].ProfitShare);
        Assert.Equal(new Yuan(owed), settlement.TotalOwed);
    }

    [Fact]
    public void The_profit_share_keeps_the_rounding_residue_in_the_partnership_as_a_village_dividend_does()
    {
        // 100.00 over 3 equal holders: 33.33 a share, 0.01 stays undistributed; nothing lost.
        var contract = Contracts.Of(IncomeTerms.Guaranteed(IncomeMode.GuaranteePlusProfitShare, Yuan.Zero, null, 100m),
            Contracts.Village(1, Contribution.Cash(new Yuan(1m))), Contracts.Village(2, Contribution.Cash(new Yuan(1m))),
            Contracts.Enterprise(Contribution.Cash(new Yuan(1m))));

        var settlement = SettlementCalculator.Settle(contract, 2025, new Yuan(100m), new Yuan(100m));

        Assert.Equal(new Yuan(33.33m), settlement.PerShareRate);
        Assert.Equal(new Yuan(0.01m), settlement.ProfitResidue);
        Assert.Equal(settlement.DistributedProfit, Yuan.Sum(settlement.Lines.Select(l => l.ProfitShare)) + settlement.ProfitResidue);
        Assert.Equal(new Yuan(66.66m), settlement.TotalOwed);
    }

    [Fact]
    public void A_village_that_joined_on_1_July_is_weighted_by_its_184_days_and_the_parts_add_up()
    {
        // Pooled 6.8 million: four villages of 1.7 million, one from 1 July 2025 (184 of 365 days), 8% guaranteed.
        // Total = round(8% × 1.7M × (3 × 365 + 184) ÷ 365) = 476,558.90; a full-year village 136,000.00, the late one 68,558.90.
        var parties = new[] { 1L, 2, 3 }.Select(id => Contracts.Village(id, Contribution.Cash(new Yuan(1_700_000m))))
            .Append(Contracts.Village(4, Contribution.Cash(new Yuan(1_700_000m)), new DateOnly(2025, 7, 1))).ToArray();
        var contract = Contracts.Of(IncomeTerms.Guaranteed(IncomeMode.GuaranteePlusProfitShare, null, 8m, 0m), parties);

        var settlement = SettlementCalculator.Settle(contract, 2025, new Yuan(3_000_000m), new Yuan(600_000m));

        Assert.Equal(new Yuan(476_558.90m), settlement.GuaranteeTotal);
        Assert.Equal([365, 365, 365, 184], settlement.Lines.Select(l => l.Days));
        Assert.Equal([136_000m, 136_000m, 136_000m, 68_558.90m], settlement.Lines.Select(l => l.Owed.Amount));
        Assert.Equal(settlement.GuaranteeTotal, settlement.TotalOwed);
        Assert.Contains(settlement.Statement, s => s.Contains("184天", StringComparison.Ordinal));
    }

    [Fact]
    public void A_year_outside_the_term_is_refused()
    {
        var contract = Contracts.Of(IncomeTerms.Rent(new Yuan(1000m)), Contracts.Village(1, Contribution.Cash(new Yuan(1m))));

        Refusal.Expect("settlement.outsideTerm", "year", () => SettlementCalculator.Settle(contract, 2024, Yuan.Zero, Yuan.Zero));
    }

    [Fact]
    public void A_rent_for_a_term_that_starts_in_the_year_is_prorated_by_days()
    {
        var contract = new PartnershipContract(1, "冷库", new DateOnly(2025, 10, 1), new DateOnly(2030, 9, 30), new Yuan(1m),
            [new PartnershipParty(1, new DateOnly(2025, 10, 1), Contribution.Cash(new Yuan(10_000m)))], IncomeTerms.Rent(new Yuan(365_000m)),
            PaymentSchedule.Default, 0);

        var settlement = SettlementCalculator.Settle(contract, 2025, Yuan.Zero, Yuan.Zero);

        Assert.Equal(new Yuan(92_000m), settlement.TotalOwed); // 92 days × 1,000 yuan a day
    }
}
