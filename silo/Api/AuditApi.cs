using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using VillageCollective.Grains.Household;
using VillageCollective.Silo.Storage;

namespace VillageCollective.Silo.Api;

/// <summary>The village's audit trail (who changed what, when, from where, before and after) and its verification.</summary>
public static class AuditApi
{
    /// <summary>One change; personal fields (a member's resident ID, a payout recipient's ID number, a payout account) are masked in before and after.</summary>
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

    // An insert's "after" is the array of rows the statement inserted; each row is masked alike.
    private static JsonNode? Mask(JsonNode? row)
    {
        if (row is JsonArray rows)
        {
            foreach (var each in rows) Mask(each);
        }
        if (row is JsonObject fields)
        {
            // A member's ID number (members) and the ID number a cashier checked at payout (payout_events).
            foreach (var field in new[] { "resident_id", "recipient_id" })
            {
                if (fields[field]?.GetValue<string>() is { } id)
                {
                    fields[field] = ResidentId.TryParse(id, out var parsed, out _) ? parsed!.Masked : "******";
                }
            }
            // A payout mark's idempotency fingerprint repeats the request, ID number included: internal, left out.
            if (fields.ContainsKey("request_fingerprint")) fields["request_fingerprint"] = "******";
            if (fields["payout_account"]?.GetValue<string>() is { Length: > 0 } account)
            {
                fields["payout_account"] = MemberRow.MaskAccount(account);
            }
        }
        return row;
    }
}
