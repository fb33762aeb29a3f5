using Microsoft.AspNetCore.Authorization;
using VillageCollective.Silo.Storage;

namespace VillageCollective.Silo.Api;

/// <summary>What a request does to the village in its route (<c>{villageId}</c>).</summary>
public enum VillageRight
{
    /// <summary>Read: the village's accountant and cashier, the overseer of its township, the administrator of its county.</summary>
    Read,

    /// <summary>Dividend day: the village's accountant and cashier.</summary>
    DividendDay,

    /// <summary>Write: the village's accountant only.</summary>
    Write,
}

/// <summary>
/// The authorisation policies of every village endpoint, checked by the authorisation middleware before the request's
/// body is even read: <see cref="Read"/>, <see cref="DividendDay"/>, <see cref="Write"/>. Every endpoint under
/// <c>/api/villages/{villageId}</c> names one (EndpointAuthorizationTests fails for one that does not).
/// </summary>
public static class VillagePolicies
{
    public const string Read = "village.read";
    public const string DividendDay = "village.dividendDay";
    public const string Write = "village.write";

    public static IServiceCollection AddVillagePolicies(this IServiceCollection services)
    {
        services.AddSingleton<IAuthorizationHandler, VillageAuthorizationHandler>();
        services.AddSingleton<IAuthorizationHandler, CountyAdminHandler>();
        services.AddSingleton<IAuthorizationHandler, TownshipReadHandler>();
        services.AddAuthorizationBuilder()
            .AddCountyPolicies()
            .AddTownshipPolicies()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Read, p => p.RequireAuthenticatedUser().AddRequirements(new VillageRequirement(VillageRight.Read)))
            .AddPolicy(DividendDay, p => p.RequireAuthenticatedUser().AddRequirements(new VillageRequirement(VillageRight.DividendDay)))
            .AddPolicy(Write, p => p.RequireAuthenticatedUser().AddRequirements(new VillageRequirement(VillageRight.Write)));
        return services;
    }
}

/// <summary>The right a village endpoint needs.</summary>
public sealed record VillageRequirement(VillageRight Right) : IAuthorizationRequirement;

/// <summary>Grants a <see cref="VillageRequirement"/> from the session's role grants and the village's township and county.</summary>
public sealed class VillageAuthorizationHandler(VillageQueries villages) : AuthorizationHandler<VillageRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, VillageRequirement requirement)
    {
        if (context.Resource is not HttpContext http || !long.TryParse(http.GetRouteValue("villageId") as string, out var villageId))
        {
            return;
        }
        var grants = RoleGrant.Of(context.User);
        bool Holds(params string[] roles) => grants.Any(g => g.VillageId == villageId && roles.Contains(g.Role));
        var allowed = requirement.Right switch
        {
            VillageRight.Write => Holds(Roles.Accountant),
            VillageRight.DividendDay => Holds(Roles.Accountant, Roles.Cashier),
            _ => Holds(Roles.Accountant, Roles.Cashier) || await OversightAsync(grants, villageId, http.RequestAborted),
        };
        if (allowed)
        {
            context.Succeed(requirement);
        }
    }

    private async Task<bool> OversightAsync(IReadOnlyList<RoleGrant> grants, long villageId, CancellationToken cancellationToken)
    {
        if (!grants.Any(g => g.Role is Roles.TownshipOverseer or Roles.CountyAdmin))
        {
            return false;
        }
        var place = await villages.PlaceAsync(villageId, cancellationToken);
        return place is { } p && grants.Any(g =>
            (g.Role == Roles.TownshipOverseer && g.TownshipId == p.TownshipId) || (g.Role == Roles.CountyAdmin && g.CountyId == p.CountyId));
    }
}
