using VillageCollective.Grains.Money;
using VillageCollective.Grains.Partnerships;
using VillageCollective.Silo.Storage.Partnerships;

namespace VillageCollective.Silo.Api;

public sealed record EnterpriseDto(long Id, string Name, string CreditCode, string Contact)
{
    public static EnterpriseDto From(EnterpriseRow row) => new(row.Id, row.Name, row.CreditCode, row.Contact);
}

/// <summary>Income terms: mode (<c>fixed_rent</c>, <c>guarantee_plus_profit_share</c>, <c>greater_of</c>), amounts in yuan as strings, percents as numbers.</summary>
public sealed record TermsDto(string Mode, string? FixedRent, string? GuaranteeAmount, decimal? GuaranteePercent, decimal ProfitSharePercent, string Text);

public sealed record InstalmentDto(int Month, int Day, decimal Percent);

/// <summary>A party: village (null id: the enterprise), when it joined, its contribution (kind land/assets/cash, mu, yuan per mu, value) and shares.</summary>
public sealed record PartyDto(int Position, long? VillageId, string Name, string Township, DateOnly JoinedOn, string Kind, decimal? Mu, string? ValuePerMu, string Value,
    string Shares, string Text);

/// <summary>A settlement line with what was received and, by the schedule, what has fallen due and is in arrears as of today (yuan).</summary>
public sealed record SettlementLineDto(long? VillageId, string Name, int Days, string Shares, string DividendShares, string Guarantee, string ProfitShare, string Owed,
    string OwedInWords, string Formula, long? BookEntryId, string Paid, string DueToDate, string Arrears);

public sealed record SettlementDto(long Id, int Year, string Revenue, string NetProfit, string GuaranteeTotal, string DistributedProfit, string PerShareRate,
    string ProfitResidue, string TotalOwed, string TotalOwedInWords, IReadOnlyList<string> Statement, string Reason, DateOnly SettledOn, string SettledBy, long? SupersededBy,
    IReadOnlyList<SettlementLineDto> Lines);

public sealed record PaymentDto(long Id, long VillageId, string VillageName, int Year, DateOnly PaidOn, string Amount, string Note, string EnteredBy);

/// <summary>A partnership contract with its share register (the parties), settlements (newest standing first, superseded ones kept) and payments.</summary>
public sealed record PartnershipDto(long Id, long CountyId, EnterpriseDto Enterprise, string Project, DateOnly TermStart, DateOnly TermEnd, string ValuePerShare,
    TermsDto Terms, IReadOnlyList<InstalmentDto> Schedule, string ScheduleText, int LocalJobs, string VillagesContribution, string TotalShares,
    IReadOnlyList<PartyDto> Parties, IReadOnlyList<SettlementDto> Settlements, IReadOnlyList<PaymentDto> Payments)
{
    public static PartnershipDto From(PartnershipRecord record, DateOnly today)
    {
        var contract = record.Contract;
        var terms = contract.Terms;
        return new PartnershipDto(record.Id, record.CountyId, EnterpriseDto.From(record.Enterprise), contract.Project, contract.TermStart, contract.TermEnd,
            contract.ValuePerShare.ToPlainString(),
            new TermsDto(PartnershipCodes.Of(terms.Mode), terms.FixedRent?.ToPlainString(), terms.GuaranteeAmount?.ToPlainString(), terms.GuaranteePercent,
                terms.ProfitSharePercent, terms.Describe()),
            contract.Schedule.Instalments.Select(i => new InstalmentDto(i.Month, i.Day, i.Percent)).ToList(), contract.Schedule.Describe(), contract.LocalJobs,
            contract.VillagesContribution.ToPlainString(), Grains.Shares.ShareCount.Sum(record.Parties.Select(p => p.Shares)).ToString(),
            record.Parties.Select(p => new PartyDto(p.Position, p.VillageId, p.VillageId is null ? record.Enterprise.Name : p.Name, p.Township, p.Party.JoinedOn,
                PartnershipCodes.Of(p.Party.Contribution.Kind), p.Party.Contribution.Mu, p.Party.Contribution.ValuePerMu?.ToPlainString(),
                p.Party.Contribution.Value.ToPlainString(), p.Shares.ToString(), p.Party.Contribution.Describe())).ToList(),
            record.Settlements.OrderBy(s => s.SupersededBy is null ? 0 : 1).ThenByDescending(s => s.Year).ThenByDescending(s => s.Id)
                .Select(s => Settlement(record, s, today)).ToList(),
            record.Payments.Select(p => new PaymentDto(p.Id, p.VillageId, record.VillageName(p.VillageId), p.Year, p.PaidOn, p.Amount.ToPlainString(), p.Note, p.EnteredBy)).ToList());
    }

    private static SettlementDto Settlement(PartnershipRecord record, SettlementRow s, DateOnly today) =>
        new(s.Id, s.Year, s.Revenue.ToPlainString(), s.NetProfit.ToPlainString(), s.GuaranteeTotal.ToPlainString(), s.DistributedProfit.ToPlainString(),
            s.PerShareRate.ToPlainString(), s.ProfitResidue.ToPlainString(), s.TotalOwed.ToPlainString(), CapitalNumerals.Format(s.TotalOwed), s.Statement, s.Reason,
            s.SettledOn, s.SettledBy, s.SupersededBy,
            s.Lines.Select(l =>
            {
                var standing = s.SupersededBy is null && l.VillageId is not null;
                var paid = standing ? record.Paid(l.VillageId!.Value, s.Year) : Yuan.Zero;
                var due = standing ? record.Contract.Schedule.DueBy(l.Line.Owed, s.Year, today) : Yuan.Zero;
                var arrears = due > paid ? due - paid : Yuan.Zero;
                return new SettlementLineDto(l.VillageId, l.VillageId is { } v ? record.VillageName(v) : record.Enterprise.Name, l.Line.Days, l.Line.Shares.ToString(),
                    l.Line.DividendShares.ToString(), l.Line.Guarantee.ToPlainString(), l.Line.ProfitShare.ToPlainString(), l.Line.Owed.ToPlainString(),
                    CapitalNumerals.Format(l.Line.Owed), l.Line.Formula, l.BookEntryId, paid.ToPlainString(), due.ToPlainString(), arrears.ToPlainString());
            }).ToList());
}
