using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using VillageCollective.Grains.Village;
using VillageCollective.Silo.Hosting;
using VillageCollective.Silo.Storage;

namespace VillageCollective.Silo.Api;

/// <summary>A share certificate (股权证书); <c>VoidedOn</c> is null for the valid one.</summary>
public sealed record CertificateDto(int Number, DateOnly IssuedOn, string IssuedBy, DateOnly? VoidedOn, string? VoidReason)
{
    public static CertificateDto From(CertificateRow r) => new(r.Number, r.IssuedOn, r.IssuedBy, r.VoidedOn, r.VoidReason);
}

/// <summary>Share certificates: issue the missing ones; each movement reissues those of the households it touches (<see cref="CertificateStore"/>).</summary>
public static class CertificatesApi
{
    public static IEndpointRouteBuilder MapCertificatesApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/villages/{villageId:long}/certificates").WithTags("Certificates");
        group.MapPost("/", IssueMissing).RequireAuthorization(VillagePolicies.Write);
        return routes;
    }

    /// <summary>Issues a certificate, numbered on from the village's highest, to every member household that has no valid one; returns how many.</summary>
    public static async Task<Ok<int>> IssueMissing(long villageId, ClaimsPrincipal user, IGrainFactory grains, TimeProvider clock) =>
        TypedResults.Ok(await grains.GetGrain<IVillageGrain>(villageId).IssueMissingCertificatesAsync(clock.Today(), VillageAccess.Actor(user)));
}
