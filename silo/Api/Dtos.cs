using VillageCollective.Grains.Dividends;
using VillageCollective.Grains.Money;
using VillageCollective.Silo.Storage;

namespace VillageCollective.Silo.Api;

// What the API sends. Amounts are strings of yuan with two decimals ("186164.00") and shares are
// strings of decimals ("846.2"), so that no client ever reads money through a binary float.

/// <summary>A village and its register totals as of <c>AsOf</c> (a date, China time).</summary>
public sealed record VillageDto(long Id, string Code, string Name, string Township, string County, bool IsDemo,
    int Households, int Members, string Shares, DateOnly AsOf)
{
    public static VillageDto From(VillageOverview v) =>
        new(v.Id, v.Code, v.Name, v.Township, v.County, v.IsDemo, v.Households, v.Members, v.Shares.ToString(), v.AsOf);
}

/// <summary>A household of the register: number (户号), head (户主), members, shares as of the date asked.</summary>
public sealed record HouseholdDto(long Id, int Number, string HeadName, int MemberCount, string Shares)
{
    public static HouseholdDto From(RegisterRow r) => new(r.HouseholdId, r.Number, r.HeadName, r.MemberCount, r.Shares.ToString());
}

/// <summary>A household with its members; resident IDs are masked (first 6 and last 4 characters shown).</summary>
public sealed record HouseholdDetailDto(HouseholdDto Household, IReadOnlyList<MemberRow> Members);

/// <summary>What a plan would pay against the register as of its record date, or why it cannot.</summary>
public sealed record PlanPreviewDto(string? PerShareRate, string? TotalPaid, string? Residue, int Households, string? Problem);

/// <summary>A distribution plan. <c>RateMode</c> is <c>fixed</c> (the assembly set the rate) or <c>derived</c> (pool ÷ shares, rounded down to <c>RoundingUnit</c>).</summary>
public sealed record PlanDto(long Id, int Year, int Version, string Status, DateOnly? ApprovedOn, string MembersPool,
    string MembersPoolInWords, string RateMode, string? PerShareRate, string? RoundingUnit, DateOnly RecordDate,
    DateOnly MeetingDate, string Note, PlanPreviewDto? Preview)
{
    public static PlanDto From(PlanRow row, PlanPreviewDto? preview)
    {
        var plan = row.Plan;
        return new(row.Id, plan.Year, plan.Version, row.Status, row.ApprovedOn, plan.MembersPool.ToPlainString(),
            CapitalNumerals.Format(plan.MembersPool), plan.Rate is FixedRate ? "fixed" : "derived",
            plan.Rate is FixedRate f ? f.PerShare.ToPlainString() : null, plan.Rate is DerivedRate d ? d.Unit.Code : null,
            plan.RecordDate, plan.MeetingDate, row.Note, preview);
    }
}

/// <summary>A dividend run's totals; pool = total paid + residue, to the fen; the residue is carried to 未分配收益.</summary>
public sealed record RunDto(long Id, long PlanId, int Year, int PlanVersion, string PerShareRate, string TotalShares, string Pool,
    string TotalPaid, string TotalPaidInWords, string Residue, string ResidueCarriedTo, int HouseholdCount, string StartedBy, DateTimeOffset StartedAt)
{
    public static RunDto From(RunSummary r) =>
        new(r.Id, r.PlanId, r.Year, r.PlanVersion, r.PerShareRate.ToPlainString(), r.TotalShares.ToString(), r.Pool.ToPlainString(),
            r.TotalPaid.ToPlainString(), CapitalNumerals.Format(r.TotalPaid), r.Residue.ToPlainString(), DividendRunResult.ResidueCarriedTo,
            r.HouseholdCount, r.StartedBy, r.StartedAt);
}

/// <summary>A line of the payout checklist (发放清单), with the amount in figures and in capital numerals.</summary>
public sealed record PayoutLineDto(int LineNo, int HouseholdNumber, string HeadName, int MemberCount, string Shares, string Amount, string AmountInWords)
{
    public static PayoutLineDto From(PayoutLineRow l) =>
        new(l.LineNo, l.HouseholdNumber, l.HeadName, l.MemberCount, l.Shares.ToString(), l.Amount.ToPlainString(), CapitalNumerals.Format(l.Amount));
}
