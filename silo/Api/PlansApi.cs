using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using VillageCollective.Grains;
using VillageCollective.Grains.Dividends;
using VillageCollective.Grains.Money;
using VillageCollective.Silo.Hosting;
using VillageCollective.Silo.Storage;

namespace VillageCollective.Silo.Api;

/// <summary>Distribution plans (收益分配方案): list, read with a preview, draft, approve.</summary>
public static class PlansApi
{
    /// <summary>
    /// A new draft plan. Amounts in yuan (at most two decimals), dates as yyyy-MM-dd (China time).
    /// <c>RateMode</c>: <c>fixed</c> with <c>PerShareRate</c>, or <c>derived</c> with <c>RoundingUnit</c>
    /// (<c>fen</c>, <c>jiao</c>, <c>yuan</c>, <c>ten_yuan</c>).
    /// </summary>
    public sealed record CreatePlanRequest(int? Year, decimal? MembersPool, string? RateMode, decimal? PerShareRate,
        string? RoundingUnit, DateOnly? RecordDate, DateOnly? MeetingDate, string? Note);

    /// <summary>The assembly's decision date.</summary>
    public sealed record ApprovePlanRequest(DateOnly? ApprovedOn);

    public static IEndpointRouteBuilder MapPlansApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/villages/{villageId:long}/plans").WithTags("Plans");
        group.MapGet("/", ListPlans);
        group.MapGet("/{planId:long}", GetPlan);
        group.MapPost("/", CreatePlan);
        group.MapPost("/{planId:long}/approve", ApprovePlan);
        return routes;
    }

    public static async Task<Ok<List<PlanDto>>> ListPlans(long villageId, ClaimsPrincipal user, PlanStore plans, CancellationToken cancellationToken)
    {
        VillageAccess.Ensure(user, villageId);
        return TypedResults.Ok((await plans.ListAsync(villageId, cancellationToken)).Select(p => PlanDto.From(p, null)).ToList());
    }

    /// <summary>The plan with a preview of what it pays against the register as of its record date.</summary>
    public static async Task<Results<Ok<PlanDto>, NotFound>> GetPlan(long villageId, long planId, ClaimsPrincipal user, PlanStore plans,
        VillageQueries queries, CancellationToken cancellationToken)
    {
        VillageAccess.Ensure(user, villageId);
        var row = await plans.GetAsync(villageId, planId, cancellationToken);
        if (row is null)
        {
            return TypedResults.NotFound();
        }
        var register = await queries.ListHouseholdsAsync(villageId, row.Plan.RecordDate, null, cancellationToken);
        return TypedResults.Ok(PlanDto.From(row, Preview(row.Plan, register)));
    }

    /// <summary>Saves a draft plan as the next version of its year.</summary>
    /// <response code="400">A required field is missing (the problem names it).</response>
    /// <response code="422">The plan breaks a rule (DomainException code and field).</response>
    public static async Task<Created<PlanDto>> CreatePlan(long villageId, CreatePlanRequest request, ClaimsPrincipal user, PlanStore plans,
        CancellationToken cancellationToken)
    {
        VillageAccess.Ensure(user, villageId);
        RateRule rate = Required(request.RateMode, "rateMode") switch
        {
            "fixed" => new FixedRate(Money(request.PerShareRate, "perShareRate")),
            "derived" => new DerivedRate(RoundingUnit.Parse(Required(request.RoundingUnit, "roundingUnit"))),
            _ => throw new DomainException("plan.rateMode", "rateMode", "分红方式只能是 fixed 或 derived (rateMode is fixed or derived)"),
        };
        var draft = new DistributionPlan(Required(request.Year, "year"), 1, Money(request.MembersPool, "membersPool"), rate,
            Required(request.RecordDate, "recordDate"), Required(request.MeetingDate, "meetingDate"));
        var (id, _) = await plans.CreateDraftAsync(villageId, draft, request.Note?.Trim() ?? "", cancellationToken);
        var saved = (await plans.GetAsync(villageId, id, cancellationToken))!;
        return TypedResults.Created($"/api/villages/{villageId}/plans/{id}", PlanDto.From(saved, null));
    }

    /// <summary>Records the assembly's approval; only an approved plan can be run.</summary>
    public static async Task<Ok<PlanDto>> ApprovePlan(long villageId, long planId, ApprovePlanRequest request, ClaimsPrincipal user,
        PlanStore plans, TimeProvider clock, CancellationToken cancellationToken)
    {
        VillageAccess.Ensure(user, villageId);
        await plans.ApproveAsync(villageId, planId, request.ApprovedOn ?? clock.Today(), cancellationToken);
        return TypedResults.Ok(PlanDto.From((await plans.GetAsync(villageId, planId, cancellationToken))!, null));
    }

    private static PlanPreviewDto Preview(DistributionPlan plan, List<RegisterRow> register)
    {
        try
        {
            var result = DividendCalculator.Compute(plan, register.Select(r => new HouseholdShares(r.HouseholdId, r.Shares)).ToList());
            return new PlanPreviewDto(result.PerShareRate.ToPlainString(), result.TotalPaid.ToPlainString(), result.Residue.ToPlainString(), result.Lines.Count, null);
        }
        catch (DomainException refused)
        {
            return new PlanPreviewDto(null, null, null, 0, refused.Message);
        }
    }

    /// <summary>An amount in yuan from a request field; a refusal names that field.</summary>
    /// <exception cref="ProblemException">400 when missing.</exception>
    /// <exception cref="DomainException">More than two decimals (<c>yuan.too_precise</c>), with <paramref name="field"/>.</exception>
    private static Yuan Money(decimal? value, string field)
    {
        try
        {
            return new Yuan(Required(value, field));
        }
        catch (DomainException e)
        {
            throw new DomainException(e.Code, field, e.Message);
        }
    }

    /// <exception cref="ProblemException">400 naming the missing field.</exception>
    internal static T Required<T>(T? value, string field) where T : struct =>
        value ?? throw MissingField(field);

    /// <exception cref="ProblemException">400 naming the missing field.</exception>
    internal static string Required(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? throw MissingField(field) : value.Trim();

    private static ProblemException MissingField(string field) =>
        new(StatusCodes.Status400BadRequest, "request.missingField", field, $"缺少必填项 {field} (the field {field} is required)");
}
