using Microsoft.AspNetCore.Http.HttpResults;
using VillageCollective.Silo.Hosting;
using VillageCollective.Silo.Storage;

namespace VillageCollective.Silo.Api;

/// <summary>
/// The public notice (公示) of a published plan, readable without a login at an unguessable address, as 农村集体经济组织法
/// Art. 46 asks: the year's statement and the plan, nothing else of the village.
/// </summary>
public static class PublicNoticeApi
{
    /// <summary>The notice: the village's name, the plan (with its preview) and the statement as this plan distributes it.</summary>
    public sealed record NoticeDto(string Village, string Township, string County, bool IsDemo, DateOnly PublishedOn, PlanDto Plan, StatementDto Statement);

    public static IEndpointRouteBuilder MapPublicNoticeApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/public/notices/{token}", GetNotice).AllowAnonymous().WithTags("Public notice");
        return routes;
    }

    public static async Task<Results<Ok<NoticeDto>, NotFound>> GetNotice(string token, PlanStore plans, PlanViews views, BooksStore books,
        VillageQueries villages, TimeProvider clock, CancellationToken cancellationToken)
    {
        var row = token.Length == 32 ? await plans.GetByNoticeTokenAsync(token, cancellationToken) : null;
        if (row is null || row.NoticePublishedOn is not { } publishedOn)
        {
            return TypedResults.NotFound();
        }
        var village = (await villages.GetOverviewAsync(row.VillageId, clock.Today(), cancellationToken))!;
        var plan = await views.ViewAsync(row, cancellationToken);
        var statement = StatementDto.ForPlan(await books.ReadYearAsync(row.VillageId, row.Plan.Year, cancellationToken), row);
        return TypedResults.Ok(new NoticeDto(village.Name, village.Township, village.County, village.IsDemo, publishedOn, plan, statement));
    }
}
