using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using VillageCollective.Silo.Storage;

namespace VillageCollective.Silo.Api;

/// <summary>A county administrator's work: the county's townships and the accounts that work in it.</summary>
public static class CountyAdminApi
{
    /// <summary>A new township's name.</summary>
    public sealed record TownshipRequest(string? Name);

    /// <summary>One grant of a new account: role and its scope (a village id for accountant/cashier, a township id for an overseer).</summary>
    public sealed record GrantRequest(string? Role, long? VillageId, long? TownshipId);

    /// <summary>A new account: login, display name, an initial password (at least 8 characters, changed at first login), grants.</summary>
    public sealed record AccountRequest(string? Login, string? DisplayName, string? InitialPassword, IReadOnlyList<GrantRequest>? Grants);

    public sealed record TownshipDto(long Id, string Name, IReadOnlyList<VillageRef> Villages);

    public sealed record VillageRef(long Id, string Name);

    public sealed record AccountDto(long Id, string Login, string DisplayName, string Role, bool MustChangePassword, IReadOnlyList<RoleGrant> Grants);

    public static IEndpointRouteBuilder MapCountyAdminApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/counties/{countyId:long}").WithTags("County administration").RequireAuthorization(CountyPolicies.Admin);
        group.MapGet("/townships", ListTownships);
        group.MapPost("/townships", AddTownship);
        group.MapGet("/accounts", ListAccounts);
        group.MapPost("/accounts", CreateAccount);
        return routes;
    }

    public static async Task<Ok<List<TownshipDto>>> ListTownships(long countyId, CountyStore county, CancellationToken cancellationToken) =>
        TypedResults.Ok((await county.TownshipsAsync(countyId, cancellationToken))
            .Select(t => new TownshipDto(t.Id, t.Name, t.Villages.Select(v => new VillageRef(v.Id, v.Name)).ToList())).ToList());

    public static async Task<Created<TownshipDto>> AddTownship(long countyId, TownshipRequest request, CountyStore county, CancellationToken cancellationToken)
    {
        var name = RequestFields.Required(request.Name, "name", 50);
        var id = await county.AddTownshipAsync(countyId, name, cancellationToken);
        return TypedResults.Created($"/api/counties/{countyId}/townships", new TownshipDto(id, name, []));
    }

    public static async Task<Ok<List<AccountDto>>> ListAccounts(long countyId, CountyStore county, CancellationToken cancellationToken) =>
        TypedResults.Ok((await county.AccountsAsync(countyId, cancellationToken))
            .Select(a => new AccountDto(a.Id, a.Login, a.DisplayName, a.Role, a.MustChangePassword, a.Grants)).ToList());

    /// <summary>Creates an account inside the county; it must change its initial password at first login.</summary>
    /// <response code="400">A field missing, an unknown role, a grant without its scope, or a short password (named).</response>
    /// <response code="409">The login is taken.</response>
    /// <response code="422">A grant lies outside the county.</response>
    public static async Task<Created<AccountDto>> CreateAccount(long countyId, AccountRequest request, CountyStore county, IPasswordHasher<Account> hasher,
        CancellationToken cancellationToken)
    {
        var login = RequestFields.Required(request.Login, "login", 50);
        var password = RequestFields.Required(request.InitialPassword, "initialPassword");
        if (password.Length < AuthApi.MinimumPasswordLength)
        {
            throw new ProblemException(StatusCodes.Status400BadRequest, "auth.weakPassword", "initialPassword",
                $"初始密码至少{AuthApi.MinimumPasswordLength}位 (at least {AuthApi.MinimumPasswordLength} characters)");
        }
        var grants = (request.Grants ?? []).Select((g, i) => GrantOf(g, i)).ToList();
        if (grants.Count == 0)
        {
            throw new ProblemException(StatusCodes.Status400BadRequest, "request.missingField", "grants", "至少授予一个角色 (grant at least one role)");
        }
        var account = new Account(0, login, RequestFields.Required(request.DisplayName, "displayName", 50), "", grants[0].Role, grants[0].VillageId);
        account = account with { PasswordHash = hasher.HashPassword(account, password) };
        var id = await county.CreateAccountAsync(countyId, account, grants, cancellationToken);
        return TypedResults.Created($"/api/counties/{countyId}/accounts", new AccountDto(id, login, account.DisplayName, account.Role, true, grants));
    }

    private static RoleGrant GrantOf(GrantRequest g, int index) => g.Role switch
    {
        Roles.Accountant or Roles.Cashier => new RoleGrant(g.Role, RequestFields.Required(g.VillageId, $"grants[{index}].villageId"), null, null),
        Roles.TownshipOverseer => new RoleGrant(g.Role, null, RequestFields.Required(g.TownshipId, $"grants[{index}].townshipId"), null),
        _ => throw new ProblemException(StatusCodes.Status400BadRequest, "grant.role", $"grants[{index}].role",
            "角色只能是 accountant、cashier 或 township_overseer (role is accountant, cashier or township_overseer)"),
    };
}
