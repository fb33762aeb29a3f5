using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using VillageCollective.Grains;
using VillageCollective.Grains.Register;
using VillageCollective.Grains.Village;
using VillageCollective.Silo.Storage;

namespace VillageCollective.Silo.Api;

/// <summary>The charter's share rules (章程): share classes, static or dynamic management, precision, record-date rule, cancellation on exit.</summary>
public static class CharterApi
{
    /// <summary>A share class: code (letters, digits, '-', '_') and Chinese name.</summary>
    public sealed record ShareClassDto(string Code, string Name);

    /// <summary>
    /// The charter as the API reads and writes it. <c>Management</c>: <c>static</c> or <c>dynamic</c>; <c>Precision</c>: "0.1" … "0.0001";
    /// <c>RecordDateRule</c>: <c>setInPlan</c>, <c>dayBeforeMeeting</c> or <c>yearEnd</c>.
    /// </summary>
    public sealed record CharterDto(List<ShareClassDto>? Classes, string? Management, decimal? Precision, string? RecordDateRule, bool? CancellationOnExit)
    {
        public static CharterDto From(ShareCharter c) =>
            new(c.Classes.Select(x => new ShareClassDto(x.Code, x.Name)).ToList(), c.Management == ShareManagement.Dynamic ? "dynamic" : "static",
                c.Precision, CharterStore.Code(c.RecordDateRule), c.CancellationOnExit);
    }

    public static IEndpointRouteBuilder MapCharterApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/villages/{villageId:long}/charter").WithTags("Charter");
        group.MapGet("/", GetCharter).RequireAuthorization(VillagePolicies.Read);
        group.MapPut("/", PutCharter).RequireAuthorization(VillagePolicies.Write);
        group.MapGet("/distribution", GetDistributionRules).RequireAuthorization(VillagePolicies.Read);
        group.MapPut("/distribution", PutDistributionRules).RequireAuthorization(VillagePolicies.Write);
        return routes;
    }

    public static async Task<Ok<CharterDto>> GetCharter(long villageId, ClaimsPrincipal user, NpgsqlDataSource db, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return TypedResults.Ok(CharterDto.From(await CharterStore.ReadAsync(connection, null, villageId, ct)));
    }

    /// <summary>
    /// Replaces the charter's share rules. Refused (422) when a class the journal uses is dropped (<c>charter.classInUse</c>, field <c>classes</c>)
    /// or a recorded amount does not fit the new precision (<c>charter.precisionInUse</c>, field <c>precision</c>).
    /// </summary>
    public static async Task<Ok<CharterDto>> PutCharter(long villageId, CharterDto request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var management = RequestFields.Required(request.Management, "management") switch
        {
            "static" => ShareManagement.Static,
            "dynamic" => ShareManagement.Dynamic,
            var other => throw new DomainException("charter.management", "management", $"管理方式须为static或dynamic (management is static or dynamic): {other}"),
        };
        var rule = CharterStore.ParseRule(RequestFields.Required(request.RecordDateRule, "recordDateRule"))
            ?? throw new DomainException("charter.recordDateRule", "recordDateRule", "股权登记日规则无效 (record-date rule is setInPlan, dayBeforeMeeting or yearEnd)");
        var charter = new ShareCharter(RequestFields.Required(request.Classes, "classes").Select(c => new ShareClass(c.Code, c.Name)).ToList(),
            management, RequestFields.Required(request.Precision, "precision"), rule, request.CancellationOnExit ?? false);

        await grains.GetGrain<IVillageGrain>(villageId).ReplaceCharterAsync(new CharterEntry(
            [.. charter.Classes.Select(c => new ShareClassEntry(c.Code, c.Name))], charter.Management, charter.Precision, charter.RecordDateRule,
            charter.CancellationOnExit), VillageAccess.Actor(user));
        return TypedResults.Ok(CharterDto.From(charter));
    }

    /// <summary>
    /// The charter's distribution rules: the minimum reserve and welfare fund (公积公益金), percent of distributable income
    /// (0–100, two decimals); and what becomes of payouts unclaimed at the meeting's close: <c>stay_payable</c> or
    /// <c>return_to_undistributed</c> (into 未分配收益 at the year's close).
    /// </summary>
    public sealed record DistributionRulesDto(decimal? MinReservePercent, string? UnclaimedPayouts);

    public static async Task<Ok<DistributionRulesDto>> GetDistributionRules(long villageId, NpgsqlDataSource db, CancellationToken ct)
    {
        await using var command = db.CreateCommand("SELECT min_reserve_percent, unclaimed_payouts FROM villages WHERE id = $1");
        command.Parameters.Add(new() { Value = villageId });
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return TypedResults.Ok(new DistributionRulesDto(reader.GetDecimal(0), reader.GetString(1)));
    }

    /// <summary>Sets the charter's distribution rules; every plan drafted, published or voted on afterwards is checked against them.</summary>
    /// <exception cref="DomainException"><c>plan.reservePercent</c> (field <c>minReservePercent</c>) outside 0–100 or too precise;
    /// <c>charter.unclaimedPayouts</c> (field <c>unclaimedPayouts</c>) for another value.</exception>
    public static async Task<Ok<DistributionRulesDto>> PutDistributionRules(long villageId, DistributionRulesDto request, IGrainFactory grains)
    {
        decimal percent;
        try
        {
            percent = new Grains.Dividends.ReservePercent(RequestFields.Required(request.MinReservePercent, "minReservePercent")).Percent;
        }
        catch (DomainException e)
        {
            throw new DomainException(e.Code, "minReservePercent", e.Message);
        }
        var unclaimed = RequestFields.Required(request.UnclaimedPayouts, "unclaimedPayouts");
        if (unclaimed is not ("stay_payable" or "return_to_undistributed"))
        {
            throw new DomainException("charter.unclaimedPayouts", "unclaimedPayouts",
                "未领取的分红只能继续应付（stay_payable）或年末转入未分配收益（return_to_undistributed） (stay_payable or return_to_undistributed)");
        }
        await grains.GetGrain<IVillageGrain>(villageId).SetDistributionRulesAsync(percent, unclaimed);
        return TypedResults.Ok(new DistributionRulesDto(percent, unclaimed));
    }
}
