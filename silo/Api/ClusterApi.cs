using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Orleans.Runtime;
using VillageCollective.Grains.DividendDay;

namespace VillageCollective.Silo.Api;

/// <summary>
/// The Orleans cluster as its operators see it (a county administrator: the county's server room): which silos are in it
/// and which one answered. Read-only.
/// </summary>
public static class ClusterApi
{
    /// <summary>One silo of the cluster: its Orleans address (<c>127.0.0.1:port</c>), name, status and start.</summary>
    public sealed record SiloDto(string Address, string Name, string Status, DateTime StartedAt);

    /// <summary>The cluster's silos, and the address of the silo that served this request.</summary>
    public sealed record ClusterDto(string ThisSilo, IReadOnlyList<SiloDto> Silos);

    /// <summary>Where a grain is active: its silo's address, or null when it is not active anywhere now.</summary>
    public sealed record GrainPlaceDto(string? Silo);

    public static IEndpointRouteBuilder MapClusterApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/cluster", GetCluster).WithTags("Cluster").RequireAuthorization(CountyPolicies.AnyAdmin);
        routes.MapGet("/api/villages/{villageId:long}/dividend-runs/{runId:long}/meeting/silo", GetMeetingSilo).WithTags("Cluster")
            .RequireAuthorization(VillagePolicies.Read);
        return routes;
    }

    /// <summary>Every silo of the membership table that is not dead, with its status (Joining, Active, ShuttingDown…).</summary>
    public static async Task<Ok<ClusterDto>> GetCluster(ClaimsPrincipal user, IGrainFactory grains, ILocalSiloDetails local)
    {
        var hosts = await grains.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: false);
        var silos = hosts.Where(h => h.Status != SiloStatus.Dead)
            .Select(h => new SiloDto(Endpoint(h.SiloAddress), h.SiloName, h.Status.ToString(), h.StartTime))
            .OrderBy(s => s.Address, StringComparer.Ordinal).ToList();
        return TypedResults.Ok(new ClusterDto(Endpoint(local.SiloAddress), silos));
    }

    /// <summary>
    /// The silo holding the meeting grain of run <paramref name="runId"/> (null when no silo holds it now): which silo a
    /// dividend day depends on, e.g. before maintenance of one silo. Reading it does not activate the grain.
    /// </summary>
    public static async Task<Ok<GrainPlaceDto>> GetMeetingSilo(long villageId, long runId, IGrainFactory grains)
    {
        var meeting = grains.GetGrain<IDividendMeetingGrain>(runId);
        var silo = await grains.GetGrain<IManagementGrain>(0).GetActivationAddress(meeting);
        return TypedResults.Ok(new GrainPlaceDto(silo is null ? null : Endpoint(silo)));
    }

    /// <summary>A silo's address as <c>host:port</c> (its generation left out).</summary>
    public static string Endpoint(SiloAddress silo) => $"{silo.Endpoint.Address}:{silo.Endpoint.Port}";
}
