using Microsoft.AspNetCore.Http.HttpResults;
using VillageCollective.Grains;
using VillageCollective.Grains.Household;

namespace VillageCollective.Silo.Api;

/// <summary>A household's and its members' particulars: village group, address; membership, phone, payout account.</summary>
public static class MembersApi
{
    /// <summary>The reasons a membership ends (Art. 17 and 18 of the law), as stored.</summary>
    public static IReadOnlySet<string> EndedReasons => MemberParticulars.EndedReasons;

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

    public static async Task<NoContent> PutHousehold(long villageId, int number, HouseholdParticularsRequest request, IGrainFactory grains)
    {
        await Household(grains, villageId, number).SetParticularsAsync(request.VillageGroup, request.Address);
        return TypedResults.NoContent();
    }

    /// <exception cref="DomainException"><c>member.ended</c> (field <c>endedReason</c>), <c>member.payoutAccount</c>, <c>member.phone</c>.</exception>
    public static async Task<NoContent> PutMember(long villageId, int number, long memberId, MemberParticularsRequest request, IGrainFactory grains)
    {
        await Household(grains, villageId, number).SetMemberParticularsAsync(memberId, new MemberParticularsEntry(request.MemberSince, request.SinceReason,
            request.EndedOn, request.EndedReason, request.Phone, request.PayoutAccount));
        return TypedResults.NoContent();
    }

    /// <summary>The household grain of a village's household number.</summary>
    public static IHouseholdGrain Household(IGrainFactory grains, long villageId, int number) =>
        grains.GetGrain<IHouseholdGrain>(villageId, number.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
