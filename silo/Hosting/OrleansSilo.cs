using System.Net;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Storage;
using VillageCollective.Silo.Storage;

namespace VillageCollective.Silo.Hosting;

/// <summary>
/// The Orleans silo co-hosted with ASP.NET Core (design.md §2, issue 14): membership, reminders and grain state in the
/// project's PostgreSQL through the ADO.NET providers (invariant <c>Npgsql</c>; tables and queries from migration 0015).
/// Every silo of one database with the same <c>Orleans:ClusterId</c> joins one cluster.
/// </summary>
/// <remarks>
/// Settings (configuration, e.g. <c>Orleans__SiloPort=11111</c>): <c>Orleans:ClusterId</c> and <c>Orleans:ServiceId</c>
/// (default <c>village-collective</c>); <c>Orleans:SiloPort</c>, the silo-to-silo port on 127.0.0.1 (default: a free port
/// chosen at start); <c>Orleans:ProbeSeconds</c>, how long a silo may stay silent to a probe before it is suspected
/// (default 2: with 3 missed probes and one vote a killed silo is declared dead in about 6–10 s, its grains move and
/// marking resumes). The silo serves no external Orleans clients (no gateway): HTTP is the only way in.
/// </remarks>
public static class OrleansSilo
{
    /// <summary>The grain-state provider's name (<c>[PersistentState(…, OrleansSilo.StateStore)]</c>).</summary>
    public const string StateStore = Grains.GrainStores.State;

    /// <summary>The silo of <c>scripts/run</c> and <c>scripts/cluster</c>: ADO.NET membership on the project's PostgreSQL.</summary>
    public static WebApplicationBuilder AddOrleansSilo(this WebApplicationBuilder builder)
    {
        builder.UseOrleans(silo =>
        {
            // Read when the options are first used, not now: a test host's settings are applied after this runs.
            silo.Services.AddOptions<ClusterOptions>().Configure<IConfiguration>((options, configuration) =>
            {
                options.ClusterId = configuration["Orleans:ClusterId"] ?? "village-collective";
                options.ServiceId = configuration["Orleans:ServiceId"] ?? "village-collective";
            });
            silo.Services.AddOptions<EndpointOptions>().Configure<IConfiguration>((options, configuration) =>
            {
                options.AdvertisedIPAddress = IPAddress.Loopback;
                options.SiloPort = configuration.GetValue<int?>("Orleans:SiloPort") ?? LoopbackPort.Free();
                options.GatewayPort = 0;
            });
            silo.Services.AddOptions<ClusterMembershipOptions>().Configure<IConfiguration>((options, configuration) =>
            {
                options.ProbeTimeout = TimeSpan.FromSeconds(configuration.GetValue("Orleans:ProbeSeconds", 2.0));
                options.NumMissedProbesLimit = 3;
                options.NumVotesForDeathDeclaration = 1;
                options.TableRefreshTimeout = TimeSpan.FromSeconds(2);
                // A joining silo must reach every Active silo first; a silo killed with -9 stays Active in the table until
                // voted dead, or until it has missed its "I am alive" writes for 2 × 3 s, after which it is passed over.
                // With the default 30 s window a silo restarted after a kill took 35 s to start (measured); now about 8.
                options.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(3);
                options.NumMissedTableIAmAliveLimit = 2;
                // A silo killed with -9 leaves its row; one that has not said it is alive for a minute is dead (not 10 min).
                options.DefunctSiloExpiration = TimeSpan.FromMinutes(1);
            });
            silo.UseAdoNetClustering(options => options.Configure<IConfiguration>((o, configuration) =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = ConnectionString(configuration);
            }));
            silo.AddVillageGrainServices();
        });
        return builder;
    }

    /// <summary>
    /// What every silo of ours has, whatever its membership (the test cluster's is in memory): the grain call filter,
    /// grain state and reminders in PostgreSQL. The grains' storage (<see cref="StorageServices.AddVillageStorage"/>) is
    /// registered by the host.
    /// </summary>
    public static ISiloBuilder AddVillageGrainServices(this ISiloBuilder silo)
    {
        silo.AddIncomingGrainCallFilter<GrainErrorFilter>();
        silo.UseAdoNetReminderService(options => options.Configure<IConfiguration>((o, configuration) =>
        {
            o.Invariant = "Npgsql";
            o.ConnectionString = ConnectionString(configuration);
        }));
        silo.Services.AddAdoNetGrainStorage(StateStore, options => options.Configure<IConfiguration>((o, configuration) =>
        {
            o.Invariant = "Npgsql";
            o.ConnectionString = ConnectionString(configuration);
            // System.Text.Json keeps a decimal's scale (846.2000 stays 846.2000), which the fen-exact rules rely on.
            o.GrainStorageSerializer = new SystemTextJsonGrainStorageSerializer(
                Options.Create(new Orleans.Serialization.SystemTextJsonGrainStorageSerializerOptions()));
        }));
        return silo;
    }

    private static string ConnectionString(IConfiguration configuration) =>
        configuration.GetConnectionString(StorageServices.ConnectionName)
        ?? throw new InvalidOperationException($"ConnectionStrings:{StorageServices.ConnectionName} is not set (scripts/run sets it).");

}
