using VillageCollective.Grains.Dividends;
using VillageCollective.Grains.Register;

namespace VillageCollective.Grains.Assembly;

/// <summary>
/// Where the village grain keeps its distribution plans (implemented by the silo over PostgreSQL). Each write is one
/// transaction that locks the village's row and re-checks the plan against the year's books and the register as of its
/// record date before it saves; the step's rule (<see cref="PlanLifecycle"/>) is the grain's, handed in as
/// <c>step</c> and applied to the plan as stored under the lock.
/// </summary>
public interface IPlanStorage
{
    /// <summary>The village's charter (its record-date rule) and its minimum reserve, percent of distributable income.</summary>
    /// <remarks>404 (the silo's problem exception) for an unknown village.</remarks>
    Task<(ShareCharter Charter, decimal MinimumReservePercent)> CharterAsync(long villageId, CancellationToken cancellationToken);

    /// <summary>Saves <paramref name="draft"/> as the next free version of its year; returns the plan's id and version.</summary>
    /// <exception cref="DomainException">The plan breaks a rule of the books or of the dividend.</exception>
    Task<(long Id, int Version)> CreateDraftAsync(long villageId, DistributionPlan draft, IncomeDistribution distribution, string note,
        CancellationToken cancellationToken);

    /// <summary>Publishes the plan's notice on <paramref name="publishedOn"/>; <paramref name="step"/> gives the new status from
    /// the stored one.</summary>
    /// <exception cref="DomainException">The step's refusal, or the plan no longer fits the books or the register.</exception>
    /// <remarks>404 (the silo's problem exception) for an unknown plan.</remarks>
    Task PublishAsync(long villageId, long planId, DateOnly publishedOn, Func<PlanStatus, PlanStatus> step,
        CancellationToken cancellationToken);

    /// <summary>Records the assembly's <paramref name="decision"/>; <paramref name="step"/> gives the new status from the stored
    /// status and the day the notice went up (<see cref="DateOnly.MaxValue"/> when it did not).</summary>
    /// <exception cref="DomainException">The step's refusal, or the plan no longer fits the books or the register.</exception>
    /// <remarks>404 (the silo's problem exception) for an unknown plan.</remarks>
    Task DecideAsync(long villageId, long planId, AssemblyDecision decision, Func<PlanStatus, DateOnly, PlanStatus> step,
        CancellationToken cancellationToken);
}
