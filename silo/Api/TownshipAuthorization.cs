using Microsoft.AspNetCore.Authorization;
using VillageCollective.Silo.Storage;

namespace VillageCollective.Silo.Api;

/// <summary>The policy of the township endpoints (<c>/api/townships/{townshipId}</c>): the township's overseer, or the administrator of its county.</summary>
public static class TownshipPolicies
{
    public const string Read = "township.read";

    public static AuthorizationBuilder AddTownshipPolicies(this AuthorizationBuilder builder) =>
        builder.AddPolicy(Read, p => p.RequireAuthenticatedUser().AddRequirements(new TownshipReadRequirement()));
}

/// <summary>The township in the route must be one the session oversees, directly or through its county.</summary>
public sealed record TownshipReadRequirement : IAuthorizationRequirement;

/// <summary>Grants <see cref="TownshipReadRequirement"/> from the session's township_overseer and county_admin grants.</summary>
public sealed class TownshipReadHandler(VillageQueries villages) : AuthorizationHandler<TownshipReadRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, TownshipReadRequirement requirement)
    {
        if (context.Resource is not HttpContext http || !long.TryParse(http.GetRouteValue("townshipId") as string, out var townshipId))
        {
            return;
        }
        var grants = RoleGrant.Of(context.User);
        if (grants.Any(g => g.Role == Roles.TownshipOverseer && g.TownshipId == townshipId))
        {
            context.Succeed(requirement);
            return;
        }
        if (grants.Any(g => g.Role == Roles.CountyAdmin) && await villages.CountyOfTownshipAsync(townshipId, http.RequestAborted) is { } county
            && grants.Any(g => g.Role == Roles.CountyAdmin && g.CountyId == county))
        {
            context.Succeed(requirement);
        }
    }
}
