using VillageCollective.Grains.Money;
using VillageCollective.Grains.Partnerships;

namespace VillageCollective.Grains.Tests.Partnerships;

/// Contracts for the worked examples.
internal static class Contracts
{
    public static readonly DateOnly Start = new(2025, 1, 1);
    public static readonly DateOnly End = new(2034, 12, 31);

    public static PartnershipParty Village(long id, Contribution contribution, DateOnly? joined = null) => new(id, joined ?? Start, contribution);

    public static PartnershipParty Enterprise(Contribution contribution) => new(null, Start, contribution);

    public static PartnershipContract Of(IncomeTerms terms, params PartnershipParty[] parties) =>
        new(1, "辣椒烘干厂", Start, End, new Yuan(1m), parties, terms, PaymentSchedule.Default, 50);
}
