using System.Security.Claims;

namespace VillageCollective.Silo.Api;

/// <summary>
/// Small helpers over the session's claims. Who may do what to which village is decided by the endpoints'
/// authorisation policies (<see cref="VillagePolicies"/>); <see cref="Ensure"/> remains as a second check that the
/// account works in the village (accountant or cashier).
/// </summary>
public static class VillageAccess
{
    public const string VillageClaim = "village_id";

    /// <summary>The first village the account works in (accountant or cashier); null for an overseer.</summary>
    public static long? VillageOf(ClaimsPrincipal user) =>
        long.TryParse(user.FindFirstValue(VillageClaim), out var id) ? id : null;

    /// <exception cref="ProblemException">403 when the account is neither accountant nor cashier of the village.</exception>
    public static void Ensure(ClaimsPrincipal user, long villageId)
    {
        if (!RoleGrant.Of(user).Any(g => g.VillageId == villageId && g.Role is Roles.Accountant or Roles.Cashier))
        {
            throw new ProblemException(StatusCodes.Status403Forbidden, "access.otherVillage", "villageId",
                "无权访问该村的数据 (this account does not belong to that village)");
        }
    }

    /// <summary>The login name recorded on what this user starts or changes.</summary>
    public static string Actor(ClaimsPrincipal user) => user.Identity?.Name ?? "unknown";
}
