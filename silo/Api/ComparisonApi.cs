using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using VillageCollective.Grains.Comparison;
using VillageCollective.Silo.Hosting;
using VillageCollective.Silo.Storage;

namespace VillageCollective.Silo.Api;

/// <summary>
/// The comparison of every village of a township (its overseer, its county's administrator) or of a county (its administrator):
/// figures per village and year, totals and medians, classes and moves, as JSON or .xlsx; and the county's class thresholds and
/// demonstration villages, set by its administrator. Read-only for everyone else.
/// </summary>
public static class ComparisonApi
{
    /// <summary>New class thresholds, yuan.</summary>
    public sealed record ThresholdsRequest(decimal? WeakBelow, decimal? MillionFrom);

    /// <summary>Names (or un-names) a village of the county a demonstration village (示范村) of a year.</summary>
    public sealed record DemonstrationRequest(long? VillageId, int? Year, bool? Demonstration);

    /// <summary>The longest range of years one request may compare.</summary>
    public const int MaxYears = 20;

    public static IEndpointRouteBuilder MapComparisonApi(this IEndpointRouteBuilder routes)
    {
        var township = routes.MapGroup("/api/townships/{townshipId:long}").WithTags("Comparison").RequireAuthorization(TownshipPolicies.Read);
        township.MapGet("/comparison", TownshipComparison);
        township.MapGet("/comparison.xlsx", TownshipWorkbook);
        var county = routes.MapGroup("/api/counties/{countyId:long}").WithTags("Comparison").RequireAuthorization(CountyPolicies.Admin);
        county.MapGet("/comparison", CountyComparison);
        county.MapGet("/comparison.xlsx", CountyWorkbook);
        county.MapGet("/village-classes", GetThresholds);
        county.MapPut("/village-classes", SetThresholds);
        county.MapPut("/demonstration-villages", SetDemonstration);
        return routes;
    }

    /// <summary>The township's villages compared over <paramref name="from"/>–<paramref name="to"/> (default: last year).</summary>
    public static async Task<Ok<ComparisonDto>> TownshipComparison(long townshipId, int? from, int? to, ComparisonStore store, TimeProvider clock,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await CompareAsync(await store.TownshipAsync(townshipId, cancellationToken), from, to, store, clock, cancellationToken));

    /// <summary>The county's villages compared over <paramref name="from"/>–<paramref name="to"/> (default: last year).</summary>
    public static async Task<Ok<ComparisonDto>> CountyComparison(long countyId, int? from, int? to, ComparisonStore store, TimeProvider clock,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await CompareAsync(await store.CountyAsync(countyId, cancellationToken), from, to, store, clock, cancellationToken));

    /// <summary>The township's comparison as .xlsx.</summary>
    public static async Task<FileContentHttpResult> TownshipWorkbook(long townshipId, int? from, int? to, ComparisonStore store, TimeProvider clock,
        CancellationToken cancellationToken) =>
        File(await CompareAsync(await store.TownshipAsync(townshipId, cancellationToken), from, to, store, clock, cancellationToken));

    /// <summary>The county's comparison as .xlsx.</summary>
    public static async Task<FileContentHttpResult> CountyWorkbook(long countyId, int? from, int? to, ComparisonStore store, TimeProvider clock,
        CancellationToken cancellationToken) =>
        File(await CompareAsync(await store.CountyAsync(countyId, cancellationToken), from, to, store, clock, cancellationToken));

    public static async Task<Ok<ClassThresholdsDto>> GetThresholds(long countyId, ComparisonStore store, CancellationToken cancellationToken)
    {
        await store.CountyAsync(countyId, cancellationToken);
        var thresholds = await store.ThresholdsAsync(countyId, cancellationToken);
        return TypedResults.Ok(new ClassThresholdsDto(thresholds.WeakBelow.ToPlainString(), thresholds.MillionFrom.ToPlainString()));
    }

    /// <summary>Sets the county's thresholds: weak below <c>weakBelow</c>, million-yuan from <c>millionFrom</c> (yuan).</summary>
    /// <response code="400">A threshold missing, negative, with more than 2 decimals, or the million threshold below the weak one (named).</response>
    public static async Task<Ok<ClassThresholdsDto>> SetThresholds(long countyId, ThresholdsRequest request, ClaimsPrincipal user, ComparisonStore store,
        CancellationToken cancellationToken)
    {
        await store.CountyAsync(countyId, cancellationToken);
        var thresholds = new ClassThresholds(RequestFields.Money(request.WeakBelow, "weakBelow"), RequestFields.Money(request.MillionFrom, "millionFrom"));
        await store.SetThresholdsAsync(countyId, thresholds, user.Identity?.Name ?? "", cancellationToken);
        return TypedResults.Ok(new ClassThresholdsDto(thresholds.WeakBelow.ToPlainString(), thresholds.MillionFrom.ToPlainString()));
    }

    /// <summary>Names a village a demonstration village of a year (<c>demonstration</c> true) or takes the name back (false).</summary>
    /// <response code="422">The village is not in this county.</response>
    public static async Task<NoContent> SetDemonstration(long countyId, DemonstrationRequest request, ClaimsPrincipal user, ComparisonStore store,
        CancellationToken cancellationToken)
    {
        var villageId = RequestFields.Required(request.VillageId, "villageId");
        var year = Year(RequestFields.Required(request.Year, "year"), "year");
        await store.SetDemonstrationAsync(countyId, villageId, year, RequestFields.Required(request.Demonstration, "demonstration"), user.Identity?.Name ?? "",
            cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<ComparisonDto> CompareAsync(ComparisonScope scope, int? from, int? to, ComparisonStore store, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        // Last year by default: this year's books are still open until its dividend meeting.
        var last = Year(to ?? from ?? clock.Today().Year - 1, to is null && from is not null ? "from" : "to");
        var first = Year(from ?? last, "from");
        if (first > last || last - first + 1 > MaxYears)
        {
            throw new ProblemException(StatusCodes.Status400BadRequest, "comparison.years", "from",
                $"年度范围应为起始年不晚于截止年、最多{MaxYears}年 (from must not be after to, at most {MaxYears} years): {first}–{last}");
        }
        return ComparisonDto.Of(await store.CompareAsync(scope, first, last, cancellationToken));
    }

    private static int Year(int year, string field) =>
        year is >= Grains.Dividends.DistributionPlan.MinYear and <= Grains.Dividends.DistributionPlan.MaxYear
            ? year
            : throw new ProblemException(StatusCodes.Status400BadRequest, "comparison.year", field,
                $"年度应在{Grains.Dividends.DistributionPlan.MinYear}至{Grains.Dividends.DistributionPlan.MaxYear}之间 (a year between 2000 and 2100): {year}");

    private static FileContentHttpResult File(ComparisonDto comparison) =>
        TypedResults.File(ComparisonWorkbook.Write(comparison), Import.RegisterFileWriter.XlsxType,
            $"村级对比-{comparison.ScopeName}-{comparison.From}-{comparison.To}.xlsx");
}
