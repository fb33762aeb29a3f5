using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using VillageCollective.Grains;
using VillageCollective.Grains.Village;
using VillageCollective.Grains.Register;
using VillageCollective.Silo.Storage;

namespace VillageCollective.Silo.Api;

/// <summary>
/// Share movements (股权变动), one endpoint per kind: each checks its fields and asks the village grain, which records
/// the movement (or refuses it, 422 with the field) in one transaction with the reissue of the touched households'
/// certificates. Nothing is edited in place.
/// </summary>
public static class MovementsApi
{
    /// <summary>A member moving with a split or merge, and their relation to the head of the household they join (户主 for its head).</summary>
    public sealed record MovingMember(long? MemberId, string? Relation);

    /// <summary>
    /// One movement request; which fields are needed depends on the kind. Shares are decimals (numbers or strings),
    /// dates yyyy-MM-dd (China time), households by number (户号).
    /// </summary>
    public sealed record MovementRequest(DateOnly? EffectiveOn, string? Reason, string? DocumentRef,
        int? Household, int? FromHousehold, int? ToHousehold, int? NewHousehold, int? IntoHousehold,
        string? ShareClass, decimal? Shares, bool? Enrolment, Dictionary<string, decimal>? SharesByClass,
        List<MovingMember>? Members, List<LegRequest>? Legs);

    /// <summary>A leg of a correction's replacement movement.</summary>
    public sealed record LegRequest(int? Household, string? ShareClass, decimal? Delta);

    public static IEndpointRouteBuilder MapMovementsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/villages/{villageId:long}").WithTags("Share movements");
        group.MapPost("/movements/allocation", Allocate).RequireAuthorization(VillagePolicies.Write);
        group.MapPost("/movements/transfer", (long villageId, MovementRequest request, ClaimsPrincipal user, IGrainFactory grains) =>
            Transfer(villageId, request, user, grains, inheritance: false)).RequireAuthorization(VillagePolicies.Write);
        group.MapPost("/movements/inheritance", (long villageId, MovementRequest request, ClaimsPrincipal user, IGrainFactory grains) =>
            Transfer(villageId, request, user, grains, inheritance: true)).RequireAuthorization(VillagePolicies.Write);
        group.MapPost("/movements/split", Split).RequireAuthorization(VillagePolicies.Write);
        group.MapPost("/movements/merge", Merge).RequireAuthorization(VillagePolicies.Write);
        group.MapPost("/movements/cancellation", Cancel).RequireAuthorization(VillagePolicies.Write);
        group.MapPost("/movements/{movementNo:long}/correction", Correct).RequireAuthorization(VillagePolicies.Write);
        group.MapGet("/households/{number:int}/movements", Statement).RequireAuthorization(VillagePolicies.Read);
        return routes;
    }

    /// <summary>折股量化 or, with <c>enrolment</c> true, 新增配股: <c>household</c>, <c>shareClass</c>, <c>shares</c>.</summary>
    public static async Task<Created<List<MovementDto>>> Allocate(long villageId, MovementRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var entry = Entry(request, user);
        return Recorded(villageId, await grains.GetGrain<IVillageGrain>(villageId).AllocateAsync(entry, RequestFields.Required(request.Household, "household"),
            RequestFields.Required(request.ShareClass, "shareClass"), RequestFields.Required(request.Shares, "shares"), request.Enrolment ?? false));
    }

    /// <summary>转让 or 继承: <c>fromHousehold</c>, <c>toHousehold</c> (a member household), <c>shareClass</c>, <c>shares</c>.</summary>
    public static async Task<Created<List<MovementDto>>> Transfer(long villageId, MovementRequest request, ClaimsPrincipal user, IGrainFactory grains, bool inheritance)
    {
        var entry = Entry(request, user);
        return Recorded(villageId, await grains.GetGrain<IVillageGrain>(villageId).TransferAsync(entry, RequestFields.Required(request.FromHousehold, "fromHousehold"),
            RequestFields.Required(request.ToHousehold, "toHousehold"), RequestFields.Required(request.ShareClass, "shareClass"),
            RequestFields.Required(request.Shares, "shares"), inheritance));
    }

    /// <summary>
    /// 分户: <c>fromHousehold</c>; <c>newHousehold</c> (a new number, default the next free one); <c>sharesByClass</c> moving to it;
    /// <c>members</c> moving to it with their relation to its head (exactly one 户主; the old household keeps its head and at least one member).
    /// </summary>
    public static async Task<Created<List<MovementDto>>> Split(long villageId, MovementRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var entry = Entry(request, user);
        var from = RequestFields.Required(request.FromHousehold, "fromHousehold");
        var members = (request.Members ?? []).Select(m => new MovingMemberEntry(RequestFields.Required(m.MemberId, "members"), m.Relation)).ToList();
        return Recorded(villageId, await grains.GetGrain<IVillageGrain>(villageId).SplitAsync(entry, from, request.NewHousehold,
            RequestFields.Required(request.SharesByClass, "sharesByClass"), members));
    }

    /// <summary>合户: <c>fromHousehold</c> joins <c>intoHousehold</c> with all its shares and members (relations in <c>members</c>, default 其他); it stops being a member household.</summary>
    public static async Task<Created<List<MovementDto>>> Merge(long villageId, MovementRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var entry = Entry(request, user);
        var from = RequestFields.Required(request.FromHousehold, "fromHousehold");
        var into = RequestFields.Required(request.IntoHousehold, "intoHousehold");
        var members = (request.Members ?? []).Where(m => m.MemberId is not null).Select(m => new MovingMemberEntry(m.MemberId!.Value, m.Relation)).ToList();
        return Recorded(villageId, await grains.GetGrain<IVillageGrain>(villageId).MergeAsync(entry, from, into, members));
    }

    /// <summary>退出注销 where the charter allows it: <c>household</c>, <c>shareClass</c>, <c>shares</c>.</summary>
    public static async Task<Created<List<MovementDto>>> Cancel(long villageId, MovementRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var entry = Entry(request, user);
        return Recorded(villageId, await grains.GetGrain<IVillageGrain>(villageId).CancelAsync(entry, RequestFields.Required(request.Household, "household"),
            RequestFields.Required(request.ShareClass, "shareClass"), RequestFields.Required(request.Shares, "shares")));
    }

    /// <summary>更正: reverses movement <paramref name="movementNo"/> and, when <c>legs</c> are given, records them as a new movement of the same kind.</summary>
    public static async Task<Created<List<MovementDto>>> Correct(long villageId, long movementNo, MovementRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var entry = Entry(request, user);
        var legs = (request.Legs ?? []).Select(l => new LegEntry(RequestFields.Required(l.Household, "legs"), RequestFields.Required(l.ShareClass, "legs"),
            RequestFields.Required(l.Delta, "legs"))).ToList();
        return Recorded(villageId, await grains.GetGrain<IVillageGrain>(villageId).CorrectAsync(entry, movementNo, legs));
    }

    /// <summary>A household's statement (股权变动明细): every leg touching it, oldest first, with the running balance per class.</summary>
    public static async Task<Results<Ok<List<MovementStatementLineDto>>, NotFound>> Statement(long villageId, int number, IGrainFactory grains)
    {
        var lines = await MembersApi.Household(grains, villageId, number).StatementAsync();
        return lines is null ? TypedResults.NotFound() : TypedResults.Ok(lines.Select(MovementStatementLineDto.From).ToList());
    }

    // The journal's columns of every movement; a blank reason is refused here as the register would (movement.reason).
    private static MovementEntry Entry(MovementRequest request, ClaimsPrincipal user)
    {
        var info = new MovementInfo(RequestFields.Required(request.EffectiveOn, "effectiveOn"), request.Reason ?? "", request.DocumentRef ?? "", VillageAccess.Actor(user));
        return new MovementEntry(info.EffectiveOn, info.Reason, info.DocumentRef, info.EnteredBy);
    }

    private static Created<List<MovementDto>> Recorded(long villageId, IReadOnlyList<RecordedMovement> movements) =>
        TypedResults.Created($"/api/villages/{villageId}/movements/{movements[0].No}", movements.Select(MovementDto.From).ToList());
}
