using VillageCollective.Grains.Dividends;
using VillageCollective.Silo.Storage;

namespace VillageCollective.Silo.Api;

/// <summary>One line of the statement: a category's code, Chinese label, and yuan.</summary>
public sealed record StatementLineDto(string Code, string Name, bool IsIncome, string Amount);

/// <summary>The distribution half of the statement from the approved (or the given) plan; yuan as strings.</summary>
public sealed record DistributionDto(long PlanId, int PlanVersion, string Reserve, string WelfareFund, string OutsideInvestors, string MembersPool,
    string Other, string TotalDistributed, string? RunResidue, string UnclaimedReturned, string ClosingUndistributed)
{
    public static DistributionDto From(PlanRow plan, DistributionOutcome outcome, Grains.Money.Yuan? runResidue, Grains.Money.Yuan? unclaimedReturned = null) =>
        new(plan.Id, plan.Plan.Version, outcome.Reserve.ToPlainString(), outcome.WelfareFund.ToPlainString(), outcome.OutsideInvestors.ToPlainString(),
            outcome.MembersPool.ToPlainString(), outcome.Other.ToPlainString(), outcome.TotalDistributed.ToPlainString(), runResidue?.ToPlainString(),
            (unclaimedReturned ?? Grains.Money.Yuan.Zero).ToPlainString(),
            outcome.ClosingUndistributed(runResidue ?? Grains.Money.Yuan.Zero, unclaimedReturned ?? Grains.Money.Yuan.Zero).ToPlainString());
}

/// <summary>
/// 收益及收益分配表 for a year: income and cost lines, 本年收益, 年初未分配收益 (<c>OpeningCarried</c>: taken from the previous
/// year's closing), 其他转入, 可分配收益, and the approved plan's distribution with 年末未分配收益. Yuan as strings.
/// </summary>
public sealed record StatementDto(int Year, IReadOnlyList<StatementLineDto> Lines, string TotalIncome, string TotalCost, string NetIncome,
    string OpeningUndistributed, bool OpeningCarried, string OtherTransfersIn, string Distributable, decimal MinimumReservePercent,
    DistributionDto? Distribution, string ClosingUndistributed)
{
    /// <summary>The year's statement with the approved plan's distribution (or none).</summary>
    public static StatementDto From(YearLedger ledger) =>
        Build(ledger, ledger.ApprovedPlan is { } plan && ledger.Outcome is { } outcome ? DistributionDto.From(plan, outcome, ledger.RunResidue, ledger.UnclaimedReturned) : null,
            ledger.ClosingUndistributed);

    /// <summary>The year's statement as <paramref name="plan"/> would distribute it (a public notice shows its own plan).</summary>
    public static StatementDto ForPlan(YearLedger ledger, PlanRow plan)
    {
        var residue = ledger.ApprovedPlan?.Id == plan.Id ? ledger.RunResidue : null;
        var outcome = plan.Distribution.Outcome(ledger.Statement);
        return Build(ledger, DistributionDto.From(plan, outcome, residue), outcome.ClosingUndistributed(residue ?? Grains.Money.Yuan.Zero));
    }

    private static StatementDto Build(YearLedger ledger, DistributionDto? distribution, Grains.Money.Yuan closing)
    {
        var s = ledger.Statement;
        return new(s.Year, s.ByCategory.Select(c => new StatementLineDto(c.Key.Code, c.Key.Name, c.Key.IsIncome, c.Value.ToPlainString())).ToList(),
            s.TotalIncome.ToPlainString(), s.TotalCost.ToPlainString(), s.NetIncome.ToPlainString(), s.OpeningUndistributed.ToPlainString(),
            ledger.OpeningCarried, s.OtherTransfersIn.ToPlainString(), s.Distributable.ToPlainString(), ledger.MinimumReservePercent,
            distribution, closing.ToPlainString());
    }
}

/// <summary>A book entry; a reversal has a negative amount and names the entry it reverses; an entry posted by a partnership
/// settlement names the settlement and its partnership.</summary>
public sealed record EntryDto(long Id, DateOnly Date, string Category, string CategoryName, bool IsIncome, string Counterparty, string DocumentNumber,
    string Amount, long? ReversesId, long? ReversedById, string Reason, string EnteredBy, DateTimeOffset EnteredAt, long? SettlementId, long? PartnershipId)
{
    public static EntryDto From(EntryRow r) =>
        new(r.Id, r.Entry.Date, r.Entry.Category.Code, r.Entry.Category.Name, r.Entry.Category.IsIncome, r.Entry.Counterparty, r.Entry.DocumentNumber,
            r.Entry.Amount.ToPlainString(), r.ReversesId, r.ReversedById, r.Reason, r.EnteredBy, r.EnteredAt, r.SettlementId, r.PartnershipId);
}
