namespace VillageCollective.Grains.Dividends;

/// <summary>
/// Where dividend runs are written (implemented by the silo over PostgreSQL): one transaction that locks the villages' rows,
/// replays a run already made under the key or for the plan version, reads the approved plan and the register as of its
/// record date, computes the run (<see cref="DividendCalculator"/>) and writes the run row and all its lines by binary COPY.
/// </summary>
public interface IDividendRunStorage
{
    /// <summary>Starts one village's run, or returns the run an earlier request made.</summary>
    /// <exception cref="DomainException">The plan's rate against the register (e.g. <c>plan.rateExceedsPool</c>).</exception>
    /// <remarks>The silo's problem exception for 404 (village, plan), 409 <c>idempotency.keyReused</c>, 422
    /// <c>run.planNotApproved</c>.</remarks>
    Task<RunStarted> StartAsync(RunStart request, string startedBy, CancellationToken cancellationToken);

    /// <summary>Starts several villages' runs (each village at most once) in one transaction: each is written whole or, when
    /// refused, not at all; one reply per request, in order.</summary>
    Task<List<RunStartReply>> StartManyAsync(IReadOnlyList<RunStart> requests, string startedBy, CancellationToken cancellationToken);
}
