using Microsoft.AspNetCore.Authorization;

namespace VillageCollective.Silo.Api;

/// <summary>
/// The policies of the county administration endpoints: <see cref="Admin"/> (<c>/api/counties/{countyId}</c>) that county's
/// administrator only; <see cref="AnyAdmin"/> (the cluster's view, <c>/api/cluster</c>) the administrator of any county.
/// </summary>
public static class CountyPolicies
{
    public const string Admin = "county.admin";

    public const string AnyAdmin = "county.anyAdmin";

    public static AuthorizationBuilder AddCountyPolicies(this AuthorizationBuilder builder) =>
        builder.AddPolicy(Admin, p => p.RequireAuthenticatedUser().AddRequirements(new CountyAdminRequirement()))
            .AddPolicy(AnyAdmin, p => p.RequireAuthenticatedUser()
                .RequireAssertion(context => RoleGrant.Of(context.User).Any(g => g.Role == Roles.CountyAdmin)));
}

/// <summary>The county in the route must be one the session administers.</summary>
public sealed record CountyAdminRequirement : IAuthorizationRequirement;

/// <summary>Grants <see cref="CountyAdminRequirement"/> from the session's county_admin grants.</summary>
public sealed class CountyAdminHandler : AuthorizationHandler<CountyAdminRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, CountyAdminRequirement requirement)
    {
        if (context.Resource is HttpContext http && long.TryParse(http.GetRouteValue("countyId") as string, out var countyId)
            && RoleGrant.Of(context.User).Any(g => g.Role == Roles.CountyAdmin && g.CountyId == countyId))
        {
            context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }
}
