using VillageCollective.Grains.Assembly;

namespace VillageCollective.Grains.Village;

/// <summary>The village grain's distribution plans (收益分配方案): draft, public notice, the assembly's vote.</summary>
public partial interface IVillageGrain
{
    /// <summary>Saves a draft as the next version of its year, after checking it against the books and the register.</summary>
    /// <exception cref="DomainException">The rule the plan breaks (e.g. <c>plan.exceedsDistributable</c>,
    /// <c>plan.rateExceedsPool</c>, <c>plan.recordDateRule</c>, <c>plan.reserveTwice</c>).</exception>
    [Alias("vc.village.draftPlan")]
    Task<PlanDrafted> DraftPlanAsync(DraftPlan command);

    /// <summary>Publishes the draft's public notice (公示) on <paramref name="publishedOn"/>.</summary>
    /// <exception cref="DomainException"><c>plan.notDraft</c>; or the plan no longer fits the books or the register.</exception>
    /// <remarks>404 (the silo's problem exception) for an unknown plan.</remarks>
    [Alias("vc.village.publishPlan")]
    Task PublishPlanAsync(long planId, DateOnly publishedOn);

    /// <summary>Records the assembly's vote (农村集体经济组织法 Art. 26–28, 46): a carried vote approves and locks the plan.</summary>
    /// <exception cref="DomainException">Not carried (quorum, majority, delegates), the notice up less than 10 days, or the
    /// plan no longer fits the books or the register; nothing recorded.</exception>
    [Alias("vc.village.decidePlan")]
    Task DecidePlanAsync(long planId, AssemblyVote vote);
}
