using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using VillageCollective.Grains;
using VillageCollective.Silo.Storage;

namespace VillageCollective.Silo.Api;

/// <summary>A household's and its members' particulars: village group, address; membership, phone, payout account.</summary>
public static class MembersApi
{
    /// <summary>The reasons a membership ends (Art. 17 and 18 of the law), as stored.</summary>
    public static readonly IReadOnlySet<string> EndedReasons =
        new HashSet<string> { "death", "nationality", "otherOrganisation", "civilServant", "voluntaryExit", "charter" };

    /// <summary>The household's village group (村民小组) and address.</summary>
    public sealed record HouseholdParticularsRequest(string? VillageGroup, string? Address);

    /// <summary>
    /// A member's particulars: membership since (date and why), ended (date and a reason of <see cref="EndedReasons"/>, both or
    /// neither), phone, payout account (bank card or 一卡通: 8–32 digits; shown masked afterwards, in full only in the audited bank batch file; null keeps the stored one,
    /// since the client only ever sees it masked; an empty string clears it).
    /// </summary>
    public sealed record MemberParticularsRequest(DateOnly? MemberSince, string? SinceReason, DateOnly? EndedOn, string? EndedReason,
        string? Phone, string? PayoutAccount);

    public static IEndpointRouteBuilder MapMembersApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/villages/{villageId:long}/households/{number:int}").WithTags("Households");
        group.MapPut("/particulars", PutHousehold).RequireAuthorization(VillagePolicies.Write);
        group.MapPut("/members/{memberId:long}", PutMember).RequireAuthorization(VillagePolicies.Write);
        return routes;
    }

    public static async Task<NoContent> PutHousehold(long villageId, int number, HouseholdParticularsRequest request, ClaimsPrincipal user,
        NpgsqlDataSource db, CancellationToken ct)
    {
        var (connection, transaction) = await VillageLock.BeginAsync(db, villageId, ct);
        await using (connection)
        await using (transaction)
        {
            await using var command = new NpgsqlCommand("UPDATE households SET village_group = $3, address = $4 WHERE village_id = $1 AND number = $2", connection, transaction);
            command.Parameters.Add(new() { Value = villageId });
            command.Parameters.Add(new() { Value = number });
            command.Parameters.Add(new() { Value = (request.VillageGroup ?? "").Trim() });
            command.Parameters.Add(new() { Value = (request.Address ?? "").Trim() });
            if (await command.ExecuteNonQueryAsync(ct) == 0) throw ProblemException.NotFound("number", $"第{number}户");
            await transaction.CommitAsync(ct);
        }
        return TypedResults.NoContent();
    }

    /// <exception cref="DomainException"><c>member.ended</c> (field <c>endedReason</c>), <c>member.payoutAccount</c>, <c>member.phone</c>.</exception>
    public static async Task<NoContent> PutMember(long villageId, int number, long memberId, MemberParticularsRequest request, ClaimsPrincipal user,
        NpgsqlDataSource db, CancellationToken ct)
    {
        if ((request.EndedOn is null) != string.IsNullOrWhiteSpace(request.EndedReason) || (request.EndedReason is { Length: > 0 } r && !EndedReasons.Contains(r)))
        {
            throw new DomainException("member.ended", "endedReason",
                $"成员身份终止须同时填写日期与原因（{string.Join("、", EndedReasons)}） (an ended membership needs a date and one of the law's reasons)");
        }
        var account = new string((request.PayoutAccount ?? "").Where(c => !char.IsWhiteSpace(c)).ToArray());
        if (account.Length > 0 && (account.Length is < 8 or > 32 || !account.All(char.IsAsciiDigit)))
        {
            throw new DomainException("member.payoutAccount", "payoutAccount", "发放账户须为8至32位数字（银行卡或一卡通） (a payout account is 8–32 digits)");
        }
        var phone = (request.Phone ?? "").Trim();
        if (phone.Length > 0 && (phone.Length > 20 || !phone.All(c => char.IsAsciiDigit(c) || c is '-' or '+' or ' ')))
        {
            throw new DomainException("member.phone", "phone", "电话号码格式不对 (a phone number is digits, '-' or '+', at most 20)");
        }
        var (connection, transaction) = await VillageLock.BeginAsync(db, villageId, ct);
        await using (connection)
        await using (transaction)
        {
            await using var command = new NpgsqlCommand("""
                UPDATE members m SET member_since = $4, since_reason = $5, ended_on = $6, ended_reason = $7, phone = $8, payout_account = COALESCE($9, m.payout_account)
                FROM households h WHERE h.id = m.household_id AND h.village_id = $1 AND h.number = $2 AND m.id = $3
                """, connection, transaction);
            command.Parameters.Add(new() { Value = villageId });
            command.Parameters.Add(new() { Value = number });
            command.Parameters.Add(new() { Value = memberId });
            command.Parameters.Add(new() { Value = (object?)request.MemberSince ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Date });
            command.Parameters.Add(new() { Value = (request.SinceReason ?? "").Trim() });
            command.Parameters.Add(new() { Value = (object?)request.EndedOn ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Date });
            command.Parameters.Add(new() { Value = string.IsNullOrWhiteSpace(request.EndedReason) ? DBNull.Value : request.EndedReason, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            command.Parameters.Add(new() { Value = phone });
            command.Parameters.Add(new() { Value = request.PayoutAccount is null ? DBNull.Value : account, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            if (await command.ExecuteNonQueryAsync(ct) == 0) throw ProblemException.NotFound("memberId", "成员");
            await transaction.CommitAsync(ct);
        }
        return TypedResults.NoContent();
    }
}
