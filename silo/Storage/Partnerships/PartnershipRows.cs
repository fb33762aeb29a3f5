using VillageCollective.Grains.Money;
using VillageCollective.Grains.Partnerships;
using VillageCollective.Grains.Shares;

namespace VillageCollective.Silo.Storage.Partnerships;

/// <summary>An enterprise of a county.</summary>
public sealed record EnterpriseRow(long Id, string Name, string CreditCode, string Contact);

/// <summary>A party as stored: its place in the contract, the village (null: the enterprise) with its name and township, and its shares.</summary>
public sealed record PartyRow(int Position, long? VillageId, string Name, long? TownshipId, string Township, PartnershipParty Party, ShareCount Shares);

/// <summary>One line of a stored settlement, with the book entry it posted (villages with something owed).</summary>
public sealed record SettlementLineRow(int Position, long? VillageId, SettlementLine Line, long? BookEntryId);

/// <summary>A stored settlement; <c>SupersededBy</c> is the correction that replaced it, if any.</summary>
public sealed record SettlementRow(long Id, int Year, Yuan Revenue, Yuan NetProfit, Yuan GuaranteeTotal, Yuan DistributedProfit, Yuan PerShareRate,
    Yuan ProfitResidue, Yuan TotalOwed, IReadOnlyList<string> Statement, string Reason, DateOnly SettledOn, string SettledBy, long? SupersededBy,
    IReadOnlyList<SettlementLineRow> Lines);

/// <summary>A payment received from the enterprise for a village's settled year.</summary>
public sealed record PaymentRow(long Id, long VillageId, int Year, DateOnly PaidOn, Yuan Amount, string Note, string EnteredBy);

/// <summary>A partnership with everything recorded about it.</summary>
public sealed record PartnershipRecord(long Id, long CountyId, EnterpriseRow Enterprise, PartnershipContract Contract, IReadOnlyList<PartyRow> Parties,
    IReadOnlyList<SettlementRow> Settlements, IReadOnlyList<PaymentRow> Payments, string CreatedBy)
{
    /// <summary>The standing (not superseded) settlements, by year.</summary>
    public IEnumerable<SettlementRow> Standing => Settlements.Where(s => s.SupersededBy is null).OrderBy(s => s.Year);

    /// <summary>A village's name in this partnership.</summary>
    public string VillageName(long villageId) => Parties.FirstOrDefault(p => p.VillageId == villageId)?.Name ?? $"村#{villageId}";

    /// <summary>Yuan received for a village's year.</summary>
    public Yuan Paid(long villageId, int year) => Yuan.Sum(Payments.Where(p => p.VillageId == villageId && p.Year == year).Select(p => p.Amount));
}
