using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using VillageCollective.Grains.Household;
using VillageCollective.Silo.Storage;

namespace VillageCollective.Silo.Api;

/// <summary>The village's audit trail (who changed what, when, from where, before and after) and its verification.</summary>
public static class AuditApi
{
    /// <summary>
    /// One change; personal and secret fields are masked in before and after (ID numbers, payout accounts) or hidden
    /// (password hashes, payout marks' request fingerprints).
    /// </summary>
    public sealed record AuditDto(long Id, DateTimeOffset At, string Actor, string Address, string Table, string Operation, JsonNode? Before, JsonNode? After);

    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/villages/{villageId:long}/audit").WithTags("Audit");
        group.MapGet("/", ListAudit).RequireAuthorization(VillagePolicies.Read);
        group.MapGet("/verify", VerifyAudit).RequireAuthorization(VillagePolicies.Read);
        return routes;
    }

    /// <summary>
    /// The newest changes first, <paramref name="limit"/> at a time (at most 500); page with <paramref name="beforeId"/>;
    /// <paramref name="table"/> keeps the changes of one table (e.g. <c>share_movements</c>).
    /// </summary>
    public static async Task<Ok<List<AuditDto>>> ListAudit(long villageId, long? beforeId, int? limit, string? table, ClaimsPrincipal user, AuditStore audit,
        CancellationToken cancellationToken)
    {
        var rows = await audit.ListAsync(villageId, beforeId, limit ?? 100, table, cancellationToken);
        return TypedResults.Ok(rows.Select(r => new AuditDto(r.Id, r.At, r.Actor, r.Address, r.Table, r.Operation, Mask(r.Before), Mask(r.After))).ToList());
    }

    /// <summary>Recomputes the village's hash chain; <c>FirstBrokenId</c> names the first row that was edited, or follows a removed one.</summary>
    public static async Task<Ok<AuditVerification>> VerifyAudit(long villageId, ClaimsPrincipal user, AuditStore audit, CancellationToken cancellationToken)
    {
        return TypedResults.Ok(await audit.VerifyAsync(villageId, cancellationToken));
    }

    // How each personal or secret field is shown: ID numbers (a member's, and the one a cashier checked at payout) and
    // payout accounts masked as elsewhere; an account's password hash and a payout mark's idempotency fingerprint (which
    // repeats the request, ID number included) not at all.
    private static readonly Dictionary<string, Func<string, string>> Masks = new()
    {
        ["resident_id"] = MaskId,
        ["recipient_id"] = MaskId,
        ["payout_account"] = MemberRow.MaskAccount,
        ["password_hash"] = _ => "******",
        ["request_fingerprint"] = _ => "******",
    };

    private static string MaskId(string id) => ResidentId.TryParse(id, out var parsed, out _) ? parsed!.Masked : "******";

    // An insert's "after" is the array of rows the statement inserted; each row is masked alike.
    private static JsonNode? Mask(JsonNode? row)
    {
        if (row is JsonArray rows)
        {
            foreach (var each in rows) Mask(each);
        }
        if (row is JsonObject fields)
        {
            foreach (var (field, mask) in Masks)
            {
                if (fields[field]?.GetValue<string>() is { Length: > 0 } value) fields[field] = mask(value);
            }
        }
        return row;
    }
}
