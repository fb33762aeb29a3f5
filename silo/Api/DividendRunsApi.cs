using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using VillageCollective.Grains.Village;
using VillageCollective.Silo.Storage;
using VillageCollective.Silo.Storage.DividendDay;

namespace VillageCollective.Silo.Api;

/// <summary>Dividend runs (分红计算) and their payout checklists (发放清单).</summary>
public static class DividendRunsApi
{
    /// <summary>Which approved plan to run: its year and version.</summary>
    public sealed record StartRunRequest(int? Year, int? PlanVersion);

    public const string IdempotencyHeader = "Idempotency-Key";

    public static IEndpointRouteBuilder MapDividendRunsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/villages/{villageId:long}/dividend-runs").WithTags("Dividend runs");
        group.MapPost("/", StartRun).RequireAuthorization(VillagePolicies.Write);
        group.MapGet("/", ListRuns).RequireAuthorization(VillagePolicies.Read);
        group.MapGet("/{runId:long}", GetRun).RequireAuthorization(VillagePolicies.Read);
        group.MapGet("/{runId:long}/lines", ListLines).RequireAuthorization(VillagePolicies.Read);
        return routes;
    }

    /// <summary>
    /// Runs the dividend of an approved plan: one payout line per household with shares on the record date.
    /// Idempotent: the same <c>Idempotency-Key</c> returns the first run (200); the same plan version returns its
    /// run whatever the key (200); the same key with another body is a 409.
    /// </summary>
    /// <response code="201">The run was created now.</response>
    /// <response code="200">The run already existed for this key or plan version.</response>
    public static async Task<Results<Created<RunDto>, Ok<RunDto>>> StartRun(long villageId, StartRunRequest request,
        [FromHeader(Name = IdempotencyHeader)] string? idempotencyKey, ClaimsPrincipal user, IGrainFactory grains, DividendRunStore runs,
        PayoutQueries payouts, CancellationToken cancellationToken)
    {
        var key = RequestFields.Required(idempotencyKey, IdempotencyHeader);
        if (key.Length > 200)
        {
            throw new ProblemException(StatusCodes.Status400BadRequest, "request.tooLong", IdempotencyHeader, "请求编号最长200个字符 (Idempotency-Key is at most 200 characters)");
        }
        var outcome = await grains.GetGrain<IVillageGrain>(villageId).StartRunAsync(RequestFields.Required(request.Year, "year"),
            RequestFields.Required(request.PlanVersion, "planVersion"), key, VillageAccess.Actor(user));
        var run = (await DtosAsync(villageId, outcome.RunId, runs, payouts, cancellationToken)).Single();
        return outcome.Created
            ? TypedResults.Created($"/api/villages/{villageId}/dividend-runs/{run.Id}", run)
            : TypedResults.Ok(run);
    }

    /// <summary>The village's runs, newest first, each with how much of it is handed out and still owed.</summary>
    public static async Task<Ok<List<RunDto>>> ListRuns(long villageId, ClaimsPrincipal user, DividendRunStore runs, PayoutQueries payouts,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await DtosAsync(villageId, null, runs, payouts, cancellationToken));

    public static async Task<Results<Ok<RunDto>, NotFound>> GetRun(long villageId, long runId, ClaimsPrincipal user, DividendRunStore runs, PayoutQueries payouts,
        CancellationToken cancellationToken) =>
        (await DtosAsync(villageId, runId, runs, payouts, cancellationToken)).SingleOrDefault() is { } run ? TypedResults.Ok(run) : TypedResults.NotFound();

    // The village's runs (or one) with their payout progress; a run without lines has nothing handed out and nothing owed.
    private static async Task<List<RunDto>> DtosAsync(long villageId, long? runId, DividendRunStore runs, PayoutQueries payouts, CancellationToken cancellationToken)
    {
        var progress = await payouts.ProgressByRunAsync(villageId, runId, cancellationToken);
        var none = new PayoutProgress(0, Grains.Money.Yuan.Zero, 0, Grains.Money.Yuan.Zero);
        return [.. (await runs.ListAsync(villageId, runId, cancellationToken)).Select(r => RunDto.From(r, progress.GetValueOrDefault(r.Id, none)))];
    }

    /// <summary>The payout checklist; <paramref name="search"/> is a household number or part of the head's name.</summary>
    public static async Task<Results<Ok<List<PayoutLineDto>>, NotFound>> ListLines(long villageId, long runId, string? search, ClaimsPrincipal user,
        DividendRunStore runs, CancellationToken cancellationToken)
    {
        if (await runs.GetAsync(villageId, runId, cancellationToken) is null)
        {
            return TypedResults.NotFound();
        }
        return TypedResults.Ok((await runs.ListLinesAsync(villageId, runId, search, cancellationToken)).Select(PayoutLineDto.From).ToList());
    }
}
