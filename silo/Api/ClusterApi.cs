using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Orleans.Runtime;

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

    public static IEndpointRouteBuilder MapClusterApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/cluster", GetCluster).WithTags("Cluster").RequireAuthorization(CountyPolicies.AnyAdmin);
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

    /// <summary>A silo's address as <c>host:port</c> (its generation left out).</summary>
    public static string Endpoint(SiloAddress silo) => $"{silo.Endpoint.Address}:{silo.Endpoint.Port}";
}
