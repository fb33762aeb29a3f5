using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using VillageCollective.Silo.Storage;

namespace VillageCollective.Silo.Api;

/// <summary>The consistency check of one village: stored totals recomputed from the journals (issue 9).</summary>
public static class ConsistencyApi
{
    public static IEndpointRouteBuilder MapConsistencyApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/villages/{villageId:long}/consistency", CheckVillage).WithTags("Consistency").RequireAuthorization(VillagePolicies.Read);
        return routes;
    }

    /// <summary>
    /// Recomputes the village's run totals from payout lines, its lines from the register as of each record date, its
    /// register from the movement journal, each checklist status from its events and its audit chain; 200 with the
    /// report (<c>consistent</c> true, or every difference with its check, subject, expected and actual value). Reads only.
    /// </summary>
    public static async Task<Ok<ConsistencyReport>> CheckVillage(long villageId, ClaimsPrincipal user, ConsistencyStore consistency, CancellationToken cancellationToken) =>
        TypedResults.Ok(await consistency.CheckAsync(villageId, cancellationToken));
}
