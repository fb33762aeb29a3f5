using VillageCollective.Grains.Dividends;

namespace VillageCollective.Grains.Village;

/// <summary>The village grain's dividend runs (分红计算).</summary>
public partial interface IVillageGrain
{
    /// <summary>
    /// Runs the dividend of approved plan <paramref name="year"/>/<paramref name="planVersion"/>: one payout line per household
    /// with shares on the record date. Idempotent: the same <paramref name="idempotencyKey"/> returns the first run, the same
    /// plan version returns its run whatever the key (<see cref="RunStarted.Created"/> false).
    /// </summary>
    /// <exception cref="DomainException">The plan's rate against the register (e.g. <c>plan.rateExceedsPool</c>).</exception>
    /// <remarks>The silo's problem exception: 404 unknown plan; 409 <c>idempotency.keyReused</c> (the key was used for
    /// another plan); 422 <c>run.planNotApproved</c>.</remarks>
    [Alias("vc.village.startRun")]
    Task<RunStarted> StartRunAsync(int year, int planVersion, string idempotencyKey, string startedBy);
}
