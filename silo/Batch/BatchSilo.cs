using Orleans.Configuration;
using VillageCollective.Silo.Hosting;
using VillageCollective.Silo.Storage;

namespace VillageCollective.Silo.Batch;

/// <summary>
/// The silo a command-line batch writes through (no web server): the same grains, storage, grain call filter, grain state and
/// reminders as <c>scripts/run</c>'s silo, in a one-silo cluster of its own (in-memory membership), started before the batch
/// and stopped after it.
/// </summary>
/// <remarks>
/// Why a cluster of its own rather than joining the web silos' cluster: a batch killed with <c>kill -9</c> (BatchCrashTests)
/// would leave a silo in the membership table that the next batch and the web silos must first probe and declare dead
/// (6–10 s) before the grains it held answer again. Correctness does not rest on one activation per village: each village
/// grain's command, and the run group's transaction, locks the village's row first, so a batch's activation and a web silo's
/// activation of the same village take turns in PostgreSQL and a replay finds the run by its key.
/// </remarks>
public static class BatchSilo
{
    /// <summary>Builds (not starts) the batch's host from the silo's configuration (connection string, logging).</summary>
    public static IHost Build(IConfiguration configuration)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddConfiguration(configuration);
        builder.Logging.AddConfiguration(configuration.GetSection("Logging"));
        // Orleans' start-up and shutdown chatter would bury the progress lines on stdout.
        builder.Logging.AddFilter("Orleans", LogLevel.Warning).AddFilter("Microsoft", LogLevel.Warning);
        builder.Logging.AddConsole();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddVillageStorage();
        builder.Services.AddSingleton<DividendBatch>();
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(LoopbackPort.Free(), 0, serviceId: "village-collective",
                clusterId: $"batch-{Environment.ProcessId}");
            silo.Configure<EndpointOptions>(options => options.GatewayPort = 0);
            silo.AddVillageGrainServices();
        });
        return builder.Build();
    }
}
