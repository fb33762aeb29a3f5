using System.Globalization;
using System.Security.Claims;

namespace VillageCollective.Silo.Api;

/// <summary>The roles an account may hold, each in one scope.</summary>
public static class Roles
{
    /// <summary>村会计: reads and writes one village.</summary>
    public const string Accountant = "accountant";

    /// <summary>出纳: works the dividend day of one village, reads it.</summary>
    public const string Cashier = "cashier";

    /// <summary>乡镇农经站: reads every village of one township, edits none.</summary>
    public const string TownshipOverseer = "township_overseer";

    /// <summary>县管理员: manages the accounts and townships of one county, reads all of it.</summary>
    public const string CountyAdmin = "county_admin";
}

/// <summary>One role in one scope: a village, a township or a county (ids).</summary>
public sealed record RoleGrant(string Role, long? VillageId, long? TownshipId, long? CountyId)
{
    /// <summary>The claim type that carries grants, one claim per grant: <c>role:village:12</c>.</summary>
    public const string ClaimType = "vc_grant";

    /// <summary>The scope: its kind (<c>village</c>, <c>township</c> or <c>county</c>) and id.</summary>
    public (string Kind, long Id) ScopeKey =>
        VillageId is { } v ? ("village", v) : TownshipId is { } t ? ("township", t) : ("county", CountyId ?? 0);

    public Claim ToClaim()
    {
        var (kind, id) = ScopeKey;
        return new Claim(ClaimType, $"{Role}:{kind}:{id.ToString(CultureInfo.InvariantCulture)}");
    }

    /// <summary>The grants in a session's claims.</summary>
    public static IReadOnlyList<RoleGrant> Of(ClaimsPrincipal user) =>
        user.FindAll(ClaimType).Select(c => c.Value.Split(':')).Where(p => p.Length == 3).Select(p =>
        {
            var id = long.Parse(p[2], CultureInfo.InvariantCulture);
            return new RoleGrant(p[0], p[1] == "village" ? id : null, p[1] == "township" ? id : null, p[1] == "county" ? id : null);
        }).ToList();
}
