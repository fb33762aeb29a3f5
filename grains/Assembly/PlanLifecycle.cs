namespace VillageCollective.Grains.Assembly;

/// <summary>Where a distribution plan stands: draft → published (公示) → approved (locked).</summary>
public enum PlanStatus
{
    /// <summary>草稿: being drafted, may be compared with other drafts.</summary>
    Draft,

    /// <summary>公示中: the public notice is out; waiting for the assembly.</summary>
    Published,

    /// <summary>已批准: the assembly carried it; locked; dividend runs may use it.</summary>
    Approved,
}

/// <summary>
/// The steps a plan goes through (四议两公开; 农村集体经济组织法 Art. 26–28, 46): a draft is published as a public notice;
/// at least <see cref="NoticeDays"/> days later the assembly decides; a carried decision approves and locks the plan.
/// An approved plan changes only through a new version that goes through the same steps.
/// </summary>
public static class PlanLifecycle
{
    /// <summary>Days the notice must be public before the assembly (Art. 46: 10 days).</summary>
    public const int NoticeDays = 10;

    /// <summary>Publishes a draft's notice.</summary>
    /// <exception cref="DomainException"><c>plan.notDraft</c> (field <c>status</c>) unless a draft.</exception>
    public static PlanStatus Publish(PlanStatus current) =>
        current == PlanStatus.Draft
            ? PlanStatus.Published
            : throw new DomainException("plan.notDraft", "status", "只有草稿方案可以公示 (only a draft can be published)");

    /// <summary>Records the assembly's decision on a published plan; returns <see cref="PlanStatus.Approved"/>.</summary>
    /// <exception cref="DomainException"><c>plan.notPublished</c> (field <c>status</c>); <c>assembly.noticeTooShort</c>
    /// (field <c>date</c>) when the assembly met less than <see cref="NoticeDays"/> days after the notice; and the codes of
    /// <see cref="AssemblyDecision.EnsureCarried"/>.</exception>
    public static PlanStatus Decide(PlanStatus current, DateOnly noticePublishedOn, AssemblyDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        if (current != PlanStatus.Published)
        {
            throw new DomainException("plan.notPublished", "status", "方案须先公示，才能提交成员大会表决 (a plan is voted on only after its public notice)");
        }
        var days = decision.Date.DayNumber - noticePublishedOn.DayNumber;
        if (days < NoticeDays)
        {
            throw new DomainException("assembly.noticeTooShort", "date",
                $"公示日{noticePublishedOn:yyyy-MM-dd}距大会{decision.Date:yyyy-MM-dd}仅{days}天，应不少于{NoticeDays}天 (the notice must be public {NoticeDays} days before the assembly)");
        }
        decision.EnsureCarried();
        return PlanStatus.Approved;
    }
}
