using VillageCollective.Silo.Storage;

namespace VillageCollective.Silo.Hosting;

/// <summary>
/// Applies the migrations before anything else starts: registered ahead of the Orleans silo, whose membership, reminder
/// and grain-state providers read their queries from the tables of migration 0015 (hosted services start in order).
/// </summary>
public sealed class MigrationsAtStart(MigrationRunner migrations) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => migrations.ApplyAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
