using System.Security.Claims;

namespace VillageCollective.Silo.Api;

/// <summary>
/// Small helpers over the session's claims. Who may do what to which village is decided by the endpoints'
/// authorisation policies (<see cref="VillagePolicies"/>), in one place.
/// </summary>
public static class VillageAccess
{
    public const string VillageClaim = "village_id";

    /// <summary>The first village the account works in (accountant or cashier); null for an overseer.</summary>
    public static long? VillageOf(ClaimsPrincipal user) =>
        long.TryParse(user.FindFirstValue(VillageClaim), out var id) ? id : null;

    /// <summary>The login name recorded on what this user starts or changes.</summary>
    public static string Actor(ClaimsPrincipal user) => user.Identity?.Name ?? "unknown";
}
