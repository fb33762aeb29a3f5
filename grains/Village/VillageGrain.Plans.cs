using Microsoft.Extensions.DependencyInjection;
using VillageCollective.Grains.Assembly;
using VillageCollective.Grains.Dividends;
using VillageCollective.Grains.Money;

namespace VillageCollective.Grains.Village;

// The plans part keeps nothing in memory: each step re-reads the plan, the books and the register under the village's row
// lock in one transaction (a plan is checked against what is stored at that moment, whoever changed it).
public sealed partial class VillageGrain
{
    private IPlanStorage PlanStorage => ServiceProvider.GetRequiredService<IPlanStorage>();

    /// <inheritdoc/>
    public async Task<PlanDrafted> DraftPlanAsync(DraftPlan command)
    {
        RateRule rate = command.RateMode switch
        {
            "fixed" when command.PerShareRate is { } perShare => new FixedRate(new Yuan(perShare)),
            "derived" => new DerivedRate(RoundingUnit.Parse(command.RoundingUnit)),
            _ => throw new DomainException("plan.rateMode", "rateMode", "分红方式只能是 fixed 或 derived (rateMode is fixed or derived)"),
        };
        var (charter, minimumReserve) = await PlanStorage.CharterAsync(VillageId, CancellationToken.None);
        // The charter decides the record date: stated in the plan, the day before the meeting, or 31 December.
        var recordDate = charter.RecordDateFor(command.Year, command.MeetingDate, command.RecordDate);
        var pool = new Yuan(command.MembersPool);
        var draft = new DistributionPlan(command.Year, 1, pool, rate, recordDate, command.MeetingDate);
        ReserveRule reserve = (command.ReservePercent, command.ReserveAmount) switch
        {
            ({ } percent, null) => new ReservePercent(percent),
            (null, { } amount) => new ReserveAmount(new Yuan(amount)),
            (null, null) => new ReservePercent(minimumReserve),
            _ => throw new DomainException("plan.reserveTwice", "reserveAmount",
                "公积公益金按比例或按金额，只能选一种 (give a reserve percentage or an amount, not both)"),
        };
        var distribution = new IncomeDistribution(reserve, new Yuan(command.WelfareFund), new Yuan(command.OutsideInvestors), pool,
            new Yuan(command.OtherDistribution));
        var (id, version) = await PlanStorage.CreateDraftAsync(VillageId, draft, distribution, command.Note, CancellationToken.None);
        return new PlanDrafted(id, version);
    }

    /// <inheritdoc/>
    public Task PublishPlanAsync(long planId, DateOnly publishedOn) =>
        PlanStorage.PublishAsync(VillageId, planId, publishedOn, PlanLifecycle.Publish, CancellationToken.None);

    /// <inheritdoc/>
    public Task DecidePlanAsync(long planId, AssemblyVote vote)
    {
        var decision = vote.ToDecision();
        return PlanStorage.DecideAsync(VillageId, planId, decision,
            (status, noticePublishedOn) => PlanLifecycle.Decide(status, noticePublishedOn, decision), CancellationToken.None);
    }
}
