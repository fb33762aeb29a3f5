using VillageCollective.Grains.Money;
using VillageCollective.Silo.Storage.Partnerships;

namespace VillageCollective.Silo.Api;

/// <summary>A year's income from partnerships: guaranteed part (rent or 保底), profit share (盈余分红), owed, received and in arrears today (yuan).</summary>
public sealed record YearIncomeDto(int Year, string Guarantee, string ProfitShare, string Owed, string Paid, string Arrears);

/// <summary>One village's or one township's partnerships at a glance. Local jobs count each contract once per row.</summary>
public sealed record IncomeOverviewDto(long? VillageId, string Name, string Township, int Contracts, string Contribution, int LocalJobs,
    IReadOnlyList<YearIncomeDto> Years, string Arrears);

public sealed record PartnershipsOverviewDto(IReadOnlyList<IncomeOverviewDto> Villages, IReadOnlyList<IncomeOverviewDto> Townships);

/// <summary>Rolls partnerships up per village and per township from the standing settlements and the payments.</summary>
public static class PartnershipOverview
{
    private sealed record Fact(long VillageId, string Name, string Township, long PartnershipId, int LocalJobs, Yuan Contribution,
        IReadOnlyList<(int Year, Yuan Guarantee, Yuan Profit, Yuan Owed, Yuan Paid, Yuan Arrears)> Years);

    public static PartnershipsOverviewDto Build(IEnumerable<PartnershipRecord> records, DateOnly today)
    {
        var facts = records.SelectMany(r => r.Parties.Where(p => p.VillageId is not null).Select(p => new Fact(p.VillageId!.Value, p.Name, p.Township, r.Id,
            r.Contract.LocalJobs, p.Party.Contribution.Value,
            r.Standing.SelectMany(s => s.Lines.Where(l => l.VillageId == p.VillageId).Select(l =>
            {
                var paid = r.Paid(p.VillageId!.Value, s.Year);
                var due = r.Contract.Schedule.DueBy(l.Line.Owed, s.Year, today);
                return (s.Year, l.Line.Guarantee, l.Line.ProfitShare, l.Line.Owed, paid, due > paid ? due - paid : Yuan.Zero);
            })).ToList()))).ToList();

        var villages = facts.GroupBy(f => f.VillageId).Select(g => Row(g.Key, g.First().Name, g.First().Township, g.ToList())).OrderBy(v => v.Township).ThenBy(v => v.Name).ToList();
        var townships = facts.GroupBy(f => f.Township).Select(g => Row(null, g.Key, g.Key, g.ToList())).OrderBy(t => t.Name).ToList();
        return new PartnershipsOverviewDto(villages, townships);
    }

    private static IncomeOverviewDto Row(long? villageId, string name, string township, List<Fact> facts)
    {
        var years = facts.SelectMany(f => f.Years).GroupBy(y => y.Year).OrderBy(g => g.Key).Select(g => new YearIncomeDto(g.Key,
            Yuan.Sum(g.Select(y => y.Guarantee)).ToPlainString(), Yuan.Sum(g.Select(y => y.Profit)).ToPlainString(), Yuan.Sum(g.Select(y => y.Owed)).ToPlainString(),
            Yuan.Sum(g.Select(y => y.Paid)).ToPlainString(), Yuan.Sum(g.Select(y => y.Arrears)).ToPlainString())).ToList();
        var contracts = facts.DistinctBy(f => f.PartnershipId).ToList();
        return new IncomeOverviewDto(villageId, name, township, contracts.Count, Yuan.Sum(facts.Select(f => f.Contribution)).ToPlainString(), contracts.Sum(f => f.LocalJobs),
            years, Yuan.Sum(facts.SelectMany(f => f.Years).Select(y => y.Arrears)).ToPlainString());
    }
}
