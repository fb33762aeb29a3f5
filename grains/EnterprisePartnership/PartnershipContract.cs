using VillageCollective.Grains.Money;
using VillageCollective.Grains.Shares;

namespace VillageCollective.Grains.Partnerships;

/// <summary>
/// A partnership contract (村企联营 / 飞地抱团 合同) between one or more villages and an enterprise: the project, the term,
/// each party's contribution and the shares it becomes, the income terms, the payment schedule and the local jobs created.
/// </summary>
public sealed record PartnershipContract
{
    /// <summary>Creates a contract and checks it.</summary>
    /// <param name="enterpriseId">The enterprise's id.</param>
    /// <param name="project">The project's name, not blank.</param>
    /// <param name="termStart">First day of the term (date).</param>
    /// <param name="termEnd">Last day of the term (date), not before the start.</param>
    /// <param name="valuePerShare">Yuan per share of the partnership's register (e.g. 1.00 or 10,000.00), above zero.</param>
    /// <param name="parties">At least one village; at most one enterprise party; a village at most once; each joined within the term.</param>
    /// <param name="terms">The income terms.</param>
    /// <param name="schedule">When each year's money is due.</param>
    /// <param name="localJobs">Villagers employed locally (本地就业), not negative.</param>
    /// <exception cref="DomainException"><c>contract.project</c> (field <c>project</c>); <c>contract.term</c> (field <c>termEnd</c>):
    /// the end before the start; <c>contract.valuePerShare</c> (field <c>valuePerShare</c>); <c>contract.noVillage</c> (field
    /// <c>parties</c>); <c>contract.duplicateParty</c> (field <c>parties[i].villageId</c>); <c>contract.joinedOutsideTerm</c>
    /// (field <c>parties[i].joinedOn</c>); <c>contract.localJobs</c> (field <c>localJobs</c>).</exception>
    public PartnershipContract(long enterpriseId, string project, DateOnly termStart, DateOnly termEnd, Yuan valuePerShare,
        IReadOnlyList<PartnershipParty> parties, IncomeTerms terms, PaymentSchedule schedule, int localJobs)
    {
        ArgumentNullException.ThrowIfNull(parties);
        if (string.IsNullOrWhiteSpace(project))
        {
            throw new DomainException("contract.project", "project", "项目名称不能为空 (the project needs a name)");
        }

        if (termEnd < termStart)
        {
            throw new DomainException("contract.term", "termEnd",
                $"合同终止日{termEnd:yyyy-MM-dd}早于起始日{termStart:yyyy-MM-dd} (the term ends before it starts)");
        }

        if (valuePerShare <= Yuan.Zero)
        {
            throw new DomainException("contract.valuePerShare", "valuePerShare", $"每股作价必须大于零 (the value per share must be positive): {valuePerShare}");
        }

        if (!parties.Any(p => !p.IsEnterprise))
        {
            throw new DomainException("contract.noVillage", "parties", "合同至少有一个村 (a contract needs at least one village)");
        }

        var seen = new HashSet<long?>();
        for (var i = 0; i < parties.Count; i++)
        {
            if (!seen.Add(parties[i].VillageId))
            {
                throw new DomainException("contract.duplicateParty", $"parties[{i}].villageId",
                    parties[i].IsEnterprise ? "企业只能出资一次 (the enterprise is listed twice)" : $"村{parties[i].VillageId}重复 (a village is listed twice)");
            }

            if (parties[i].JoinedOn < termStart || parties[i].JoinedOn > termEnd)
            {
                throw new DomainException("contract.joinedOutsideTerm", $"parties[{i}].joinedOn",
                    $"入股日期{parties[i].JoinedOn:yyyy-MM-dd}不在合同期内 (the party joins outside the term)");
            }

            if (parties[i].SharesAt(valuePerShare) == ShareCount.Zero)
            {
                throw new DomainException("contribution.notPositive", $"parties[{i}].contribution",
                    "出资额不足0.0001股 (the contribution is worth less than 0.0001 share)");
            }
        }

        if (localJobs < 0)
        {
            throw new DomainException("contract.localJobs", "localJobs", "本地就业人数不能为负 (local jobs cannot be negative)");
        }

        EnterpriseId = enterpriseId;
        Project = project.Trim();
        TermStart = termStart;
        TermEnd = termEnd;
        ValuePerShare = valuePerShare;
        Parties = parties.ToArray();
        Terms = terms ?? throw new ArgumentNullException(nameof(terms));
        Schedule = schedule ?? throw new ArgumentNullException(nameof(schedule));
        LocalJobs = localJobs;
    }

    /// <summary>The enterprise's id.</summary>
    public long EnterpriseId { get; }

    /// <summary>The project's name, trimmed.</summary>
    public string Project { get; }

    /// <summary>First day of the term.</summary>
    public DateOnly TermStart { get; }

    /// <summary>Last day of the term.</summary>
    public DateOnly TermEnd { get; }

    /// <summary>Yuan per share.</summary>
    public Yuan ValuePerShare { get; }

    /// <summary>The parties in the order given.</summary>
    public IReadOnlyList<PartnershipParty> Parties { get; }

    /// <summary>The income terms.</summary>
    public IncomeTerms Terms { get; }

    /// <summary>When each year's money is due.</summary>
    public PaymentSchedule Schedule { get; }

    /// <summary>Villagers employed locally.</summary>
    public int LocalJobs { get; }

    /// <summary>The village parties.</summary>
    public IEnumerable<PartnershipParty> Villages => Parties.Where(p => !p.IsEnterprise);

    /// <summary>Total yuan the villages contribute.</summary>
    public Yuan VillagesContribution => Yuan.Sum(Villages.Select(p => p.Contribution.Value));

    /// <summary>
    /// Whether <paramref name="other"/> duplicates this contract: the same enterprise, the same project (ignoring case and
    /// spaces at the ends), the same set of villages, and terms that overlap by at least a day.
    /// </summary>
    /// <param name="other">Another contract.</param>
    public bool Duplicates(PartnershipContract other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return EnterpriseId == other.EnterpriseId
            && string.Equals(Project, other.Project, StringComparison.OrdinalIgnoreCase)
            && Villages.Select(v => v.VillageId).ToHashSet().SetEquals(other.Villages.Select(v => v.VillageId))
            && TermStart <= other.TermEnd && other.TermStart <= TermEnd;
    }

    /// <summary>Days of <paramref name="year"/> in which <paramref name="party"/>'s contribution counts: from the later of its
    /// joining and the term's start to the term's end, within the calendar year.</summary>
    /// <param name="party">One of this contract's parties.</param>
    /// <param name="year">A calendar year.</param>
    public int DaysIn(PartnershipParty party, int year)
    {
        ArgumentNullException.ThrowIfNull(party);
        return DaysWithin(party.JoinedOn > TermStart ? party.JoinedOn : TermStart, year);
    }

    /// <summary>Days of <paramref name="year"/> that the term covers.</summary>
    /// <param name="year">A calendar year.</param>
    public int TermDaysIn(int year) => DaysWithin(TermStart, year);

    private int DaysWithin(DateOnly from, int year)
    {
        var first = from > new DateOnly(year, 1, 1) ? from : new DateOnly(year, 1, 1);
        var last = TermEnd < new DateOnly(year, 12, 31) ? TermEnd : new DateOnly(year, 12, 31);
        return last < first ? 0 : last.DayNumber - first.DayNumber + 1;
    }
}
