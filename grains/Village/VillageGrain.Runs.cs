using Microsoft.Extensions.DependencyInjection;
using VillageCollective.Grains.Dividends;

namespace VillageCollective.Grains.Village;

// The runs part keeps nothing in memory: a run is replayed from the table by its key or plan version, inside the same
// transaction that would create it, so a replay is right whichever activation or process made the first run.
public sealed partial class VillageGrain
{
    /// <inheritdoc/>
    public Task<RunStarted> StartRunAsync(int year, int planVersion, string idempotencyKey, string startedBy) =>
        ServiceProvider.GetRequiredService<IDividendRunStorage>().StartAsync(new RunStart(VillageId, year, planVersion, idempotencyKey),
            startedBy, CancellationToken.None);
}
