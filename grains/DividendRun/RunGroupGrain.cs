using Microsoft.Extensions.DependencyInjection;
using Orleans.Concurrency;

namespace VillageCollective.Grains.Dividends;

/// <inheritdoc cref="IRunGroupGrain"/>
// As many activations as the batch has transactions in flight (its --parallel, at most 16): a worker takes one call at a
// time, and the default (one per core) would quietly cap the batch's parallelism at two here.
[StatelessWorker(maxLocalWorkers: 16)]
public sealed class RunGroupGrain : Grain, IRunGroupGrain
{
    /// <inheritdoc/>
    public Task<List<RunStartReply>> StartRunsAsync(List<RunStart> requests, string startedBy) =>
        requests.Count == 0
            ? Task.FromResult(new List<RunStartReply>())
            : ServiceProvider.GetRequiredService<IDividendRunStorage>().StartManyAsync(requests, startedBy, CancellationToken.None);
}
