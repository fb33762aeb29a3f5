using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using VillageCollective.Grains;
using VillageCollective.Grains.Household;
using VillageCollective.Grains.Register;
using VillageCollective.Silo.Storage;

namespace VillageCollective.Silo.Api;

/// <summary>
/// Share movements (股权变动), one endpoint per kind. Each is one transaction under the village's lock: the
/// register unit is loaded, the grain records the movement (or refuses it, 422 with the field), the legs are
/// appended to the journal and the certificates of the households touched are reissued. Nothing is edited in place.
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
        group.MapPost("/movements/transfer", (long villageId, MovementRequest request, ClaimsPrincipal user, NpgsqlDataSource db, CancellationToken ct) =>
            Transfer(villageId, request, user, db, inheritance: false, ct)).RequireAuthorization(VillagePolicies.Write);
        group.MapPost("/movements/inheritance", (long villageId, MovementRequest request, ClaimsPrincipal user, NpgsqlDataSource db, CancellationToken ct) =>
            Transfer(villageId, request, user, db, inheritance: true, ct)).RequireAuthorization(VillagePolicies.Write);
        group.MapPost("/movements/split", Split).RequireAuthorization(VillagePolicies.Write);
        group.MapPost("/movements/merge", Merge).RequireAuthorization(VillagePolicies.Write);
        group.MapPost("/movements/cancellation", Cancel).RequireAuthorization(VillagePolicies.Write);
        group.MapPost("/movements/{movementNo:long}/correction", Correct).RequireAuthorization(VillagePolicies.Write);
        group.MapGet("/households/{number:int}/movements", Statement).RequireAuthorization(VillagePolicies.Read);
        return routes;
    }

    /// <summary>折股量化 or, with <c>enrolment</c> true, 新增配股: <c>household</c>, <c>shareClass</c>, <c>shares</c>.</summary>
    public static Task<Created<List<MovementDto>>> Allocate(long villageId, MovementRequest request, ClaimsPrincipal user, NpgsqlDataSource db, CancellationToken ct) =>
        RecordAsync(db, user, villageId, request, async (loaded, info, _, _) =>
            [loaded.Register.Allocate(info, RequestFields.Required(request.Household, "household"), RequestFields.Required(request.ShareClass, "shareClass"),
                RequestFields.Required(request.Shares, "shares"), request.Enrolment ?? false)], ct);

    /// <summary>转让 or 继承: <c>fromHousehold</c>, <c>toHousehold</c> (a member household), <c>shareClass</c>, <c>shares</c>.</summary>
    public static Task<Created<List<MovementDto>>> Transfer(long villageId, MovementRequest request, ClaimsPrincipal user, NpgsqlDataSource db, bool inheritance, CancellationToken ct) =>
        RecordAsync(db, user, villageId, request, async (loaded, info, _, _) =>
            [loaded.Register.Transfer(info, RequestFields.Required(request.FromHousehold, "fromHousehold"), RequestFields.Required(request.ToHousehold, "toHousehold"),
                RequestFields.Required(request.ShareClass, "shareClass"), RequestFields.Required(request.Shares, "shares"), inheritance)], ct);

    /// <summary>
    /// 分户: <c>fromHousehold</c>; <c>newHousehold</c> (a new number, default the next free one); <c>sharesByClass</c> moving to it;
    /// <c>members</c> moving to it with their relation to its head (exactly one 户主; the old household keeps its head and at least one member).
    /// </summary>
    public static Task<Created<List<MovementDto>>> Split(long villageId, MovementRequest request, ClaimsPrincipal user, NpgsqlDataSource db, CancellationToken ct) =>
        RecordAsync(db, user, villageId, request, async (loaded, info, connection, transaction) =>
        {
            var from = RequestFields.Required(request.FromHousehold, "fromHousehold");
            if (!loaded.HouseholdIds.ContainsKey(from)) throw ProblemException.NotFound("fromHousehold", $"第{from}户");
            var moving = MovingMembers(request.Members);
            var present = await HouseholdStore.MembersAsync(connection, transaction, loaded.HouseholdIds[from], ct);
            CheckMoving(moving, present, from);
            if (moving.Count(m => m.Relation == Relations.Head) != 1)
            {
                throw new DomainException("household.noHead", "members", "新户须有且只有一名户主 (the new household needs exactly one head, 户主)");
            }
            if (present.Where(p => p.Relation == Relations.Head).Any(p => moving.Any(m => m.Id == p.Id)))
            {
                throw new DomainException("household.noHead", "members", $"第{from}户的户主须留在原户 (the head of household {from} stays; choose who moves)");
            }
            if (moving.Count >= present.Count)
            {
                throw new DomainException("household.noMembers", "members", "原户须保留成员，整户并入请用合户 (the old household keeps at least one member)");
            }
            var number = request.NewHousehold ?? loaded.HouseholdIds.Keys.DefaultIfEmpty(0).Max() + 1;
            if (number <= 0 || loaded.HouseholdIds.ContainsKey(number))
            {
                throw new DomainException("household.duplicateNumber", "newHousehold", $"户号{number}已存在或无效 (household number {number} is taken or invalid)");
            }
            loaded.Register.AddHousehold(number);
            var head = present.Single(p => p.Id == moving.Single(m => m.Relation == Relations.Head).Id);
            loaded.HouseholdIds[number] = await HouseholdStore.InsertLikeAsync(connection, transaction, villageId, loaded.HouseholdIds[from], number, head.Name, ct);
            var movement = loaded.Register.Split(info, from, number, RequestFields.Required(request.SharesByClass, "sharesByClass"));
            await HouseholdStore.MoveMembersAsync(connection, transaction, loaded.HouseholdIds[number], moving, ct);
            return [movement];
        }, ct);

    /// <summary>合户: <c>fromHousehold</c> joins <c>intoHousehold</c> with all its shares and members (relations in <c>members</c>, default 其他); it stops being a member household.</summary>
    public static Task<Created<List<MovementDto>>> Merge(long villageId, MovementRequest request, ClaimsPrincipal user, NpgsqlDataSource db, CancellationToken ct) =>
        RecordAsync(db, user, villageId, request, async (loaded, info, connection, transaction) =>
        {
            var from = RequestFields.Required(request.FromHousehold, "fromHousehold");
            var into = RequestFields.Required(request.IntoHousehold, "intoHousehold");
            if (!loaded.HouseholdIds.ContainsKey(from)) throw ProblemException.NotFound("fromHousehold", $"第{from}户");
            var movement = loaded.Register.Merge(info, from, into);
            var present = await HouseholdStore.MembersAsync(connection, transaction, loaded.HouseholdIds[from], ct);
            var given = (request.Members ?? []).Where(m => m.MemberId is not null).ToDictionary(m => m.MemberId!.Value, m => m.Relation);
            var moving = present.Select(p => (p.Id, Relation: string.IsNullOrWhiteSpace(given.GetValueOrDefault(p.Id)) ? Relations.Other : given[p.Id]!.Trim())).ToList();
            if (moving.Any(m => m.Relation == Relations.Head))
            {
                throw new DomainException("household.twoHeads", "members", $"第{into}户已有户主 (household {into} has its head already)");
            }
            await HouseholdStore.MoveMembersAsync(connection, transaction, loaded.HouseholdIds[into], moving, ct);
            await HouseholdStore.EndAsync(connection, transaction, loaded.HouseholdIds[from], info.EffectiveOn, $"并入第{into}户", ct);
            return [movement];
        }, ct);

    /// <summary>退出注销 where the charter allows it: <c>household</c>, <c>shareClass</c>, <c>shares</c>.</summary>
    public static Task<Created<List<MovementDto>>> Cancel(long villageId, MovementRequest request, ClaimsPrincipal user, NpgsqlDataSource db, CancellationToken ct) =>
        RecordAsync(db, user, villageId, request, async (loaded, info, _, _) =>
            [loaded.Register.Cancel(info, RequestFields.Required(request.Household, "household"), RequestFields.Required(request.ShareClass, "shareClass"), RequestFields.Required(request.Shares, "shares"))], ct);

    /// <summary>更正: reverses movement <paramref name="movementNo"/> and, when <c>legs</c> are given, records them as a new movement of the same kind.</summary>
    public static Task<Created<List<MovementDto>>> Correct(long villageId, long movementNo, MovementRequest request, ClaimsPrincipal user, NpgsqlDataSource db, CancellationToken ct) =>
        RecordAsync(db, user, villageId, request, async (loaded, info, _, _) =>
        {
            var legs = (request.Legs ?? []).Select(l => new MovementLeg(RequestFields.Required(l.Household, "legs"), RequestFields.Required(l.ShareClass, "legs"), RequestFields.Required(l.Delta, "legs"))).ToList();
            var (reversal, replacement) = loaded.Register.Correct(info, movementNo, legs);
            return replacement is null ? [reversal] : [reversal, replacement];
        }, ct);

    /// <summary>A household's statement (股权变动明细): every leg touching it, oldest first, with the running balance per class.</summary>
    public static async Task<Results<Ok<List<MovementStatementLineDto>>, NotFound>> Statement(long villageId, int number, ClaimsPrincipal user, RegisterQueries queries, CancellationToken ct)
    {
        var lines = await queries.StatementAsync(villageId, number, ct);
        return lines is null ? TypedResults.NotFound() : TypedResults.Ok(lines.Select(MovementStatementLineDto.From).ToList());
    }

    private delegate Task<List<ShareMovement>> Command(LoadedRegister loaded, MovementInfo info, NpgsqlConnection connection, NpgsqlTransaction transaction);

    private static async Task<Created<List<MovementDto>>> RecordAsync(NpgsqlDataSource db, ClaimsPrincipal user, long villageId, MovementRequest request,
        Command command, CancellationToken ct)
    {
        var info = new MovementInfo(RequestFields.Required(request.EffectiveOn, "effectiveOn"), request.Reason ?? "", request.DocumentRef ?? "", VillageAccess.Actor(user));
        var (connection, transaction) = await VillageLock.BeginAsync(db, villageId, ct);
        await using (connection)
        await using (transaction)
        {
            var loaded = await ShareRegisterStore.LoadAsync(connection, transaction, villageId, ct);
            var movements = await command(loaded, info, connection, transaction);
            await ShareRegisterStore.AppendAsync(connection, transaction, villageId, loaded, movements, ct);
            var touched = movements.SelectMany(m => m.Legs).Select(l => loaded.HouseholdIds[l.Household]).Distinct().ToList();
            await CertificateStore.ReissueAsync(connection, transaction, villageId, touched, info.EffectiveOn, info.EnteredBy, ct);
            await transaction.CommitAsync(ct);
            var dtos = movements.Select(MovementDto.From).ToList();
            return TypedResults.Created($"/api/villages/{villageId}/movements/{movements[0].No}", dtos);
        }
    }

    private static List<(long Id, string Relation)> MovingMembers(List<MovingMember>? members)
    {
        if (members is null || members.Count == 0)
        {
            throw new DomainException("household.noMembers", "members", "请选择迁入新户的成员 (choose the members who move)");
        }
        return members.Select(m => (RequestFields.Required(m.MemberId, "members"),
            string.IsNullOrWhiteSpace(m.Relation) ? throw new DomainException("member.relation", "members", "与户主关系不能为空 (each moving member needs a relation to the new head)") : m.Relation.Trim())).ToList();
    }

    private static void CheckMoving(List<(long Id, string Relation)> moving, List<HouseholdMember> present, int from)
    {
        var stranger = moving.FirstOrDefault(m => present.All(p => p.Id != m.Id));
        if (stranger != default)
        {
            throw new DomainException("household.notAMember", "members", $"成员{stranger.Id}不在第{from}户 (member {stranger.Id} is not in household {from})");
        }
    }
}
