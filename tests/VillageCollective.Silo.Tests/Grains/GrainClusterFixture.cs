using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Orleans.TestingHost;
using VillageCollective.Silo.Demo;
using VillageCollective.Silo.Hosting;
using VillageCollective.Silo.Storage;

namespace VillageCollective.Silo.Tests.Grains;

/// <summary>
/// An Orleans test cluster (Microsoft.Orleans.TestingHost) of two in-process silos over a real PostgreSQL database of its
/// own, shared by the grain tests of a collection: the grains run with the silo's own storage (PostgreSQL), grain state and
/// reminders, as in <c>scripts/run</c>; only membership is the test cluster's. <see cref="ResetAsync"/> empties the tables,
/// loads the Baiyanghe demo and deactivates every grain, so no activation keeps state of an earlier test.
/// </summary>
public sealed class GrainClusterFixture : IAsyncLifetime
{
    public TestCluster Cluster { get; private set; } = null!;

    public string ConnectionString { get; private set; } = "";

    public IGrainFactory Grains => Cluster.GrainFactory;

    /// <summary>The services of the first silo (its storage, the demo loader).</summary>
    public IServiceProvider SiloServices => ((InProcessSiloHandle)Cluster.Primary!).SiloHost.Services;

    public async Task InitializeAsync()
    {
        ConnectionString = await TestDatabase.CreateAsync("grains");
        await using (var dataSource = NpgsqlDataSource.Create(ConnectionString))
        {
            await new MigrationRunner(dataSource, NullLogger<MigrationRunner>.Instance).ApplyAsync(CancellationToken.None);
        }
        var builder = new TestClusterBuilder(2);
        builder.Properties[$"ConnectionStrings:{StorageServices.ConnectionName}"] = ConnectionString;
        builder.AddSiloBuilderConfigurator<VillageSiloConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
        await ResetAsync();
    }

    /// <summary>Empties every village table, loads the Baiyanghe demo and deactivates all grains; returns the village's id.</summary>
    public async Task<long> ResetAsync()
    {
        await Cluster.GrainFactory.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        await TestDatabase.EmptyTablesAsync(ConnectionString);
        return await SiloServices.GetRequiredService<DemoLoader>().LoadAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }

    /// <summary>Each test silo: the silo's storage and grain services, as <c>Program</c> registers them.</summary>
    private sealed class VillageSiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            siloBuilder.Services.AddSingleton(TimeProvider.System);
            siloBuilder.Services.AddVillageStorage();
            siloBuilder.AddVillageGrainServices();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class GrainClusterCollection : ICollectionFixture<GrainClusterFixture>
{
    public const string Name = "grain cluster";
}
