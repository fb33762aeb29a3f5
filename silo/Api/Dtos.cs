using VillageCollective.Grains.Assembly;
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
/// Also its village group (村民小组), address, end (merged or exited), holdings per share class today, and its certificates (valid first).
public sealed record HouseholdDetailDto(HouseholdDto Household, IReadOnlyList<MemberRow> Members, string VillageGroup = "", string Address = "",
    DateOnly? EndedOn = null, string? EndedReason = null, IReadOnlyList<HoldingDto>? Holdings = null, IReadOnlyList<CertificateDto>? Certificates = null);

/// <summary>A holding of one share class: code, Chinese name, shares as a string.</summary>
public sealed record HoldingDto(string Code, string Name, string Shares);

/// <summary>What a plan would pay against the register as of its record date, or why it cannot.</summary>
public sealed record PlanPreviewDto(string? PerShareRate, string? TotalPaid, string? Residue, int Households, int Members, string? PerMember,
    string? PerHousehold, string? Problem)
{
    public static PlanPreviewDto From(DividendRunResult result, IReadOnlyList<RegisterRow> register)
    {
        var paid = result.Lines.Select(l => l.HouseholdId).ToHashSet();
        var members = register.Where(r => paid.Contains(r.HouseholdId)).Sum(r => r.MemberCount);
        return new(result.PerShareRate.ToPlainString(), result.TotalPaid.ToPlainString(), result.Residue.ToPlainString(), result.Lines.Count, members,
            members == 0 ? null : Yuan.RoundToFen(result.TotalPaid.Amount / members).ToPlainString(),
            result.Lines.Count == 0 ? null : Yuan.RoundToFen(result.TotalPaid.Amount / result.Lines.Count).ToPlainString(), null);
    }

    public static PlanPreviewDto Refused(string problem) => new(null, null, null, 0, 0, null, null, problem);
}

/// <summary>The assembly's vote on a plan: kind <c>members</c> or <c>representatives</c>, date, counts of persons.</summary>
public sealed record DecisionDto(string Kind, DateOnly Date, int Eligible, int Present, int VotesFor, int VotesAgainst, int Abstaining)
{
    public static DecisionDto? From(AssemblyDecision? d) => d is null ? null :
        new(d.Kind == AssemblyKind.Members ? "members" : "representatives", d.Date, d.Eligible, d.Present, d.VotesFor, d.VotesAgainst, d.Abstaining);
}

/// <summary>
/// A distribution plan. <c>RateMode</c> is <c>fixed</c> (the assembly set the rate) or <c>derived</c> (pool ÷ shares, rounded down to
/// <c>RoundingUnit</c>). Status: <c>draft</c>, <c>published</c> (public notice out), <c>approved</c> (locked). Yuan as strings.
/// <c>Distribution</c> is the plan's lines against the year's statement; <c>Problem</c> says which rule it breaks now, if any.
/// </summary>
public sealed record PlanDto(long Id, int Year, int Version, string Status, DateOnly? ApprovedOn, string MembersPool,
    string MembersPoolInWords, string RateMode, string? PerShareRate, string? RoundingUnit, DateOnly RecordDate,
    DateOnly MeetingDate, string Note, string? ReservePercent, string? ReserveAmount, string WelfareFund, string OutsideInvestors,
    string OtherDistribution, DateOnly? NoticePublishedOn, string? NoticeUrl, DecisionDto? Decision, DistributionDto? Distribution,
    PlanPreviewDto? Preview, string? Problem)
{
    public static PlanDto From(PlanRow row, DistributionDto? distribution = null, PlanPreviewDto? preview = null, string? problem = null)
    {
        var plan = row.Plan;
        var d = row.Distribution;
        return new(row.Id, plan.Year, plan.Version, PlanRow.StatusCode(row.Status), row.ApprovedOn, plan.MembersPool.ToPlainString(),
            CapitalNumerals.Format(plan.MembersPool), plan.Rate is FixedRate ? "fixed" : "derived",
            plan.Rate is FixedRate f ? f.PerShare.ToPlainString() : null, plan.Rate is DerivedRate r ? r.Unit.Code : null,
            plan.RecordDate, plan.MeetingDate, row.Note,
            row.DraftedReserve is ReservePercent p ? p.Percent.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) : null,
            row.DraftedReserve is ReserveAmount a ? a.Amount.ToPlainString() : null, d.WelfareFund.ToPlainString(), d.OutsideInvestors.ToPlainString(),
            d.Other.ToPlainString(), row.NoticePublishedOn, row.NoticeToken is null ? null : $"/notice.html#{row.NoticeToken}",
            DecisionDto.From(row.Decision), distribution, preview, problem);
    }
}

/// <summary>
/// A dividend run's totals; pool = total paid + residue, to the fen; the residue is carried to 未分配收益. <c>TotalPaid</c> is
/// Σ the run's lines (what it pays out); of it, <c>AmountPaid</c> (yuan, <c>HouseholdsPaid</c> households) is handed out —
/// cash, proxy or bank — and <c>AmountOwed</c> (<c>HouseholdsOwed</c>) still owed, pending or deferred: paid + owed = total.
/// </summary>
public sealed record RunDto(long Id, long PlanId, int Year, int PlanVersion, string PerShareRate, string TotalShares, string Pool,
    string TotalPaid, string TotalPaidInWords, string Residue, string ResidueCarriedTo, int HouseholdCount, string StartedBy, DateTimeOffset StartedAt,
    int HouseholdsPaid, string AmountPaid, int HouseholdsOwed, string AmountOwed)
{
    public static RunDto From(RunSummary r, Storage.DividendDay.PayoutProgress progress) =>
        new(r.Id, r.PlanId, r.Year, r.PlanVersion, r.PerShareRate.ToPlainString(), r.TotalShares.ToString(), r.Pool.ToPlainString(),
            r.TotalPaid.ToPlainString(), CapitalNumerals.Format(r.TotalPaid), r.Residue.ToPlainString(), DividendRunResult.ResidueCarriedTo,
            r.HouseholdCount, r.StartedBy, r.StartedAt,
            progress.HouseholdsPaid, progress.AmountPaid.ToPlainString(), progress.HouseholdsOwed, progress.AmountOwed.ToPlainString());
}

/// <summary>A line of the payout checklist (发放清单), with the amount in figures and in capital numerals.</summary>
public sealed record PayoutLineDto(int LineNo, int HouseholdNumber, string HeadName, int MemberCount, string Shares, string Amount, string AmountInWords)
{
    public static PayoutLineDto From(PayoutLineRow l) =>
        new(l.LineNo, l.HouseholdNumber, l.HeadName, l.MemberCount, l.Shares.ToString(), l.Amount.ToPlainString(), CapitalNumerals.Format(l.Amount));
}

/// <summary>A recorded share movement: number, kind (code and 中文), date, why, who, and its legs (household number, class, shares ±).</summary>
public sealed record MovementDto(long No, string Kind, string KindLabel, DateOnly EffectiveOn, string Reason, string DocumentRef, string EnteredBy,
    long? Reverses, IReadOnlyList<MovementLegDto> Legs)
{
    public static MovementDto From(Grains.Register.ShareMovement m) =>
        new(m.No, Grains.Register.MovementKinds.Code(m.Kind), Grains.Register.MovementKinds.Label(m.Kind), m.Info.EffectiveOn, m.Info.Reason,
            m.Info.DocumentRef, m.Info.EnteredBy, m.Reverses, m.Legs.Select(l => new MovementLegDto(l.Household, l.ShareClass, Shares(l.Delta))).ToList());

    public static MovementDto From(Grains.Village.RecordedMovement m)
    {
        var kind = Grains.Register.MovementKinds.Parse(m.Kind);
        return new(m.No, m.Kind, Grains.Register.MovementKinds.Label(kind), m.EffectiveOn, m.Reason, m.DocumentRef, m.EnteredBy, m.Reverses,
            m.Legs.Select(l => new MovementLegDto(l.Household, l.ShareClass, Shares(l.Delta))).ToList());
    }

    /// <summary>Shares as the API writes them: invariant, without trailing zeros.</summary>
    public static string Shares(decimal shares) => shares.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>One leg of a movement: household number, share class code, shares added (+) or removed (−) as a string.</summary>
public sealed record MovementLegDto(int Household, string ShareClass, string Delta);

/// <summary>A line of a household's statement (股权变动明细); <c>Counterparts</c> are the other households' numbers.</summary>
public sealed record MovementStatementLineDto(long MovementNo, string Kind, string KindLabel, DateOnly EffectiveOn, string ShareClass, string ShareClassName,
    string Delta, string Balance, string Reason, string DocumentRef, string EnteredBy, DateTimeOffset EnteredAt, long? Reverses, string Counterparts)
{
    public static MovementStatementLineDto From(Grains.Household.HouseholdStatementLine l) =>
        new(l.MovementNo, l.Kind, l.KindLabel, l.EffectiveOn, l.ShareClass, l.ShareClassName, MovementDto.Shares(l.Delta), MovementDto.Shares(l.Balance),
            l.Reason, l.DocumentRef, l.EnteredBy, l.EnteredAt, l.Reverses, l.Counterparts);
}
