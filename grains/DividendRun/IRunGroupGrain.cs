namespace VillageCollective.Grains.Dividends;

/// <summary>
/// Starts a group of villages' dividend runs in one transaction (the prefecture batch, tens of villages a call). A stateless
/// worker: it keeps nothing, so the silo runs as many as it has work for. Each village is written under its own row lock,
/// the lock every village grain's command takes first, so the group takes its turn with the villages' grains and any other
/// writer exactly as a village grain's own run would.
/// </summary>
[Alias("vc.IRunGroupGrain")]
public interface IRunGroupGrain : IGrainWithIntegerKey
{
    /// <summary>Starts the runs of <paramref name="requests"/> (each village at most once); one reply per request, in order.
    /// An empty group touches nothing (a call that only readies the silo's path to the grain).</summary>
    [Alias("vc.runGroup.start")]
    Task<List<RunStartReply>> StartRunsAsync(List<RunStart> requests, string startedBy);
}
