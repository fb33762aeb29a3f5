using System.Security.Claims;

namespace VillageCollective.Silo.Api;

/// <summary>
/// Who may touch which village. For now an account belongs to one village and may read and write
/// that village only; roles and scopes (townships, counties, cashiers) are their own issue.
/// </summary>
public static class VillageAccess
{
    public const string VillageClaim = "village_id";

    /// <summary>The villages this user may see.</summary>
    public static long? VillageOf(ClaimsPrincipal user) =>
        long.TryParse(user.FindFirstValue(VillageClaim), out var id) ? id : null;

    /// <exception cref="ProblemException">403 when the village is not this user's.</exception>
    public static void Ensure(ClaimsPrincipal user, long villageId)
    {
        if (VillageOf(user) != villageId)
        {
            throw new ProblemException(StatusCodes.Status403Forbidden, "access.otherVillage", "villageId",
                "无权访问该村的数据 (this account does not belong to that village)");
        }
    }

    /// <summary>The login name recorded on what this user starts or changes.</summary>
    public static string Actor(ClaimsPrincipal user) => user.Identity?.Name ?? "unknown";
}
