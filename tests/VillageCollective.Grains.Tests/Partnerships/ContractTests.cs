using VillageCollective.Grains.Money;
using VillageCollective.Grains.Partnerships;
using VillageCollective.Grains.Tests.Support;

namespace VillageCollective.Grains.Tests.Partnerships;

public sealed class ContractTests
{
    private static readonly IncomeTerms Rent = IncomeTerms.Rent(new Yuan(1000m));

    [Fact]
    public void Contributions_that_are_not_positive_are_refused()
    {
        Refusal.Expect("contribution.notPositive", "contribution", () => Contribution.Cash(Yuan.Zero));
        Refusal.Expect("contribution.notPositive", "contribution", () => Contribution.Assets(new Yuan(-5m)));
        Refusal.Expect("contribution.notPositive", "contribution.mu", () => Contribution.Land(0m, new Yuan(510m)));
        Refusal.Expect("contribution.notPositive", "contribution.valuePerMu", () => Contribution.Land(10m, Yuan.Zero));
    }

    [Theory]
    [InlineData(100.01)]
    [InlineData(-1)]
    public void A_profit_share_outside_0_to_100_percent_is_refused(decimal percent)
    {
        Refusal.Expect("terms.profitShare", "terms.profitSharePercent",
            () => IncomeTerms.Guaranteed(IncomeMode.GuaranteePlusProfitShare, new Yuan(1m), null, percent));
    }

    [Fact]
    public void A_guarantee_needs_exactly_one_of_amount_and_percentage()
    {
        Refusal.Expect("terms.guarantee", "terms.guarantee", () => IncomeTerms.Guaranteed(IncomeMode.GuaranteePlusProfitShare, null, null, 30m));
        Refusal.Expect("terms.guarantee", "terms.guarantee", () => IncomeTerms.Guaranteed(IncomeMode.GuaranteePlusProfitShare, new Yuan(1m), 8m, 30m));
    }

    [Fact]
    public void A_term_that_ends_before_it_starts_is_refused()
    {
        Refusal.Expect("contract.term", "termEnd", () => new PartnershipContract(1, "p", new DateOnly(2025, 1, 1), new DateOnly(2024, 12, 31),
            new Yuan(1m), [Contracts.Village(1, Contribution.Cash(new Yuan(1m)))], Rent, PaymentSchedule.Default, 0));
    }

    [Fact]
    public void A_contribution_becomes_shares_at_the_value_per_share_cut_to_four_decimals()
    {
        var party = Contracts.Village(1, Contribution.Land(12.5m, new Yuan(510m)));

        Assert.Equal(6375m, party.Contribution.Value.Amount);
        Assert.Equal(0.6375m, party.SharesAt(new Yuan(10_000m)).Value);
        Assert.Equal(2125m, party.SharesAt(new Yuan(3m)).Value);
        Assert.Equal(0.0031m, Contracts.Village(1, Contribution.Cash(new Yuan(10m))).SharesAt(new Yuan(3200m)).Value); // 0.003125 cut
    }

    [Fact]
    public void The_same_enterprise_villages_and_project_over_an_overlapping_term_is_a_duplicate()
    {
        var a = Contracts.Of(Rent, Contracts.Village(1, Contribution.Cash(new Yuan(1m))), Contracts.Village(2, Contribution.Cash(new Yuan(1m))));
        var later = new PartnershipContract(1, " 辣椒烘干厂 ", new DateOnly(2034, 12, 31), new DateOnly(2040, 1, 1), new Yuan(1m),
            [new PartnershipParty(2, new DateOnly(2034, 12, 31), Contribution.Cash(new Yuan(5m))), new PartnershipParty(1, new DateOnly(2034, 12, 31), Contribution.Cash(new Yuan(5m)))],
            Rent, PaymentSchedule.Default, 0);
        var after = new PartnershipContract(1, "辣椒烘干厂", new DateOnly(2035, 1, 1), new DateOnly(2040, 1, 1), new Yuan(1m),
            [new PartnershipParty(1, new DateOnly(2035, 1, 1), Contribution.Cash(new Yuan(5m))), new PartnershipParty(2, new DateOnly(2035, 1, 1), Contribution.Cash(new Yuan(5m)))],
            Rent, PaymentSchedule.Default, 0);
        var otherVillages = Contracts.Of(Rent, Contracts.Village(1, Contribution.Cash(new Yuan(1m))));

        Assert.True(a.Duplicates(later));
        Assert.False(a.Duplicates(after));
        Assert.False(a.Duplicates(otherVillages));
    }

    [Fact]
    public void A_village_listed_twice_or_a_contract_without_a_village_is_refused()
    {
        Refusal.Expect("contract.duplicateParty", "parties[1].villageId",
            () => Contracts.Of(Rent, Contracts.Village(1, Contribution.Cash(new Yuan(1m))), Contracts.Village(1, Contribution.Cash(new Yuan(2m)))));
        Refusal.Expect("contract.noVillage", "parties", () => Contracts.Of(Rent, Contracts.Enterprise(Contribution.Cash(new Yuan(1m)))));
    }

    [Fact]
    public void A_schedule_whose_percentages_do_not_add_up_to_100_is_refused_and_instalments_add_up_to_the_amount()
    {
        Refusal.Expect("schedule.invalid", "schedule", () => new PaymentSchedule([new Instalment(3, 31, 50m), new Instalment(6, 30, 40m)]));
        var schedule = new PaymentSchedule([new Instalment(3, 31, 33.33m), new Instalment(6, 30, 33.33m), new Instalment(9, 30, 33.34m)]);

        var due = schedule.Due(new Yuan(100.01m), 2025);

        Assert.Equal(new Yuan(100.01m), Yuan.Sum(due.Select(d => d.Amount)));
        Assert.Equal(new DateOnly(2026, 3, 31), due[0].Due);
        Assert.Equal(Yuan.Sum(due.Take(2).Select(d => d.Amount)), schedule.DueBy(new Yuan(100.01m), 2025, new DateOnly(2026, 7, 1)));
    }
}
