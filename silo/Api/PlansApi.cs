using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using VillageCollective.Grains;
using VillageCollective.Grains.Assembly;
using VillageCollective.Grains.Dividends;
using VillageCollective.Grains.Money;
using VillageCollective.Grains.Village;
using VillageCollective.Silo.Storage;

namespace VillageCollective.Silo.Api;

/// <summary>Distribution plans (收益分配方案): draft, compare, publish the notice, record the assembly's vote.</summary>
public static class PlansApi
{
    /// <summary>
    /// A new draft plan for a year. Yuan with at most two decimals; dates yyyy-MM-dd (China time). The record date follows the
    /// charter's rule (stated here only when the charter leaves it to the plan, or equal to what the rule gives). The reserve is
    /// <c>ReservePercent</c> (of the distributable income) or <c>ReserveAmount</c>; with neither, the charter's minimum
    /// percentage. <c>RateMode</c>: <c>fixed</c> with <c>PerShareRate</c>, or <c>derived</c> with <c>RoundingUnit</c>
    /// (<c>fen</c>, <c>jiao</c>, <c>yuan</c>, <c>ten_yuan</c>).
    /// </summary>
    public sealed record CreatePlanRequest(int? Year, decimal? MembersPool, string? RateMode, decimal? PerShareRate, string? RoundingUnit,
        DateOnly? RecordDate, DateOnly? MeetingDate, string? Note, decimal? ReservePercent, decimal? ReserveAmount, decimal? WelfareFund,
        decimal? OutsideInvestors, decimal? OtherDistribution);

    /// <summary>The day the public notice (公示) goes up.</summary>
    public sealed record PublishRequest(DateOnly? PublishedOn);

    /// <summary>The assembly's vote: kind <c>members</c> or <c>representatives</c>, its date, counts of persons.</summary>
    public sealed record DecisionRequest(string? Kind, DateOnly? Date, int? Eligible, int? Present, int? VotesFor, int? VotesAgainst, int? Abstaining);

    public static IEndpointRouteBuilder MapPlansApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/villages/{villageId:long}/plans").WithTags("Plans");
        group.MapGet("/", ListPlans).RequireAuthorization(VillagePolicies.Read);
        group.MapGet("/compare", ComparePlans).RequireAuthorization(VillagePolicies.Read);
        group.MapGet("/{planId:long}", GetPlan).RequireAuthorization(VillagePolicies.Read);
        group.MapPost("/", CreatePlan).RequireAuthorization(VillagePolicies.Write);
        group.MapPost("/{planId:long}/publish", PublishPlan).RequireAuthorization(VillagePolicies.Write);
        group.MapPost("/{planId:long}/decision", RecordDecision).RequireAuthorization(VillagePolicies.Write);
        return routes;
    }

    public static async Task<Ok<List<PlanDto>>> ListPlans(long villageId, ClaimsPrincipal user, PlanStore plans, CancellationToken cancellationToken)
    {
        return TypedResults.Ok((await plans.ListAsync(villageId, cancellationToken)).Select(p => PlanDto.From(p)).ToList());
    }

    /// <summary>The plan with its lines against the year's statement and a preview of what it pays on its record date.</summary>
    public static async Task<Results<Ok<PlanDto>, NotFound>> GetPlan(long villageId, long planId, ClaimsPrincipal user, PlanStore plans,
        PlanViews views, CancellationToken cancellationToken)
    {
        var row = await plans.GetAsync(villageId, planId, cancellationToken);
        return row is null ? TypedResults.NotFound() : TypedResults.Ok(await views.ViewAsync(row, cancellationToken));
    }

    /// <summary>What-if: two or more plans side by side (reserve, pool, rate, total paid, residue, per member and per household).</summary>
    public static async Task<Ok<List<PlanDto>>> ComparePlans(long villageId, long[] ids, ClaimsPrincipal user, PlanStore plans, PlanViews views,
        CancellationToken cancellationToken)
    {
        var rows = (await plans.ListAsync(villageId, cancellationToken)).Where(p => ids.Contains(p.Id)).OrderBy(p => Array.IndexOf(ids, p.Id)).ToList();
        var compared = new List<PlanDto>();
        foreach (var row in rows) compared.Add(await views.ViewAsync(row, cancellationToken));
        return TypedResults.Ok(compared);
    }

    /// <summary>Saves a draft as the next version of its year, after checking it against the books and the register.</summary>
    /// <response code="400">A required field is missing (the problem names it).</response>
    /// <response code="422">The plan breaks a rule (code and field: e.g. plan.exceedsDistributable, plan.rateExceedsPool).</response>
    public static async Task<Created<PlanDto>> CreatePlan(long villageId, CreatePlanRequest request, ClaimsPrincipal user, PlanStore plans,
        IGrainFactory grains, PlanViews views, CancellationToken cancellationToken)
    {
        var rateMode = RequestFields.Required(request.RateMode, "rateMode");
        var (perShare, roundingUnit) = rateMode switch
        {
            "fixed" => (RequestFields.Money(request.PerShareRate, "perShareRate").Amount, (string?)null),
            "derived" => ((decimal?)null, RoundingUnit.Parse(RequestFields.Required(request.RoundingUnit, "roundingUnit")).Code),
            _ => throw new DomainException("plan.rateMode", "rateMode", "分红方式只能是 fixed 或 derived (rateMode is fixed or derived)"),
        };
        var pool = RequestFields.Money(request.MembersPool, "membersPool");
        var year = RequestFields.Required(request.Year, "year");
        var meeting = RequestFields.Required(request.MeetingDate, "meetingDate");
        var reserveAmount = request.ReserveAmount is { } amount ? RequestFields.Money(amount, "reserveAmount").Amount : (decimal?)null;
        var draft = new DraftPlan(year, pool.Amount, rateMode, perShare, roundingUnit, request.RecordDate, meeting, request.Note?.Trim() ?? "",
            request.ReservePercent, reserveAmount, RequestFields.Money(request.WelfareFund ?? 0m, "welfareFund").Amount,
            RequestFields.Money(request.OutsideInvestors ?? 0m, "outsideInvestors").Amount,
            RequestFields.Money(request.OtherDistribution ?? 0m, "otherDistribution").Amount);
        var drafted = await grains.GetGrain<IVillageGrain>(villageId).DraftPlanAsync(draft);
        var saved = (await plans.GetAsync(villageId, drafted.PlanId, cancellationToken))!;
        return TypedResults.Created($"/api/villages/{villageId}/plans/{drafted.PlanId}", await views.ViewAsync(saved, cancellationToken));
    }

    /// <summary>Publishes the draft's public notice (公示); the plan's read-only public address is then in <c>NoticeUrl</c>.</summary>
    public static async Task<Ok<PlanDto>> PublishPlan(long villageId, long planId, PublishRequest request, ClaimsPrincipal user, PlanStore plans,
        IGrainFactory grains, PlanViews views, CancellationToken cancellationToken)
    {
        await grains.GetGrain<IVillageGrain>(villageId).PublishPlanAsync(planId, RequestFields.Required(request.PublishedOn, "publishedOn"));
        return TypedResults.Ok(await views.ViewAsync((await plans.GetAsync(villageId, planId, cancellationToken))!, cancellationToken));
    }

    /// <summary>Records the assembly's vote (农村集体经济组织法 Art. 26–28, 46): a carried vote approves and locks the plan.</summary>
    /// <response code="422">Not carried (quorum, majority, delegates) or the notice was up less than 10 days; nothing recorded.</response>
    public static async Task<Ok<PlanDto>> RecordDecision(long villageId, long planId, DecisionRequest request, ClaimsPrincipal user, PlanStore plans,
        IGrainFactory grains, PlanViews views, CancellationToken cancellationToken)
    {
        var kind = RequestFields.Required(request.Kind, "kind");
        var vote = new AssemblyVote(kind, RequestFields.Required(request.Date, "date"), RequestFields.Required(request.Eligible, "eligible"),
            RequestFields.Required(request.Present, "present"), RequestFields.Required(request.VotesFor, "votesFor"),
            request.VotesAgainst ?? 0, request.Abstaining ?? 0);
        await grains.GetGrain<IVillageGrain>(villageId).DecidePlanAsync(planId, vote);
        return TypedResults.Ok(await views.ViewAsync((await plans.GetAsync(villageId, planId, cancellationToken))!, cancellationToken));
    }
}
