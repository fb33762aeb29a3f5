using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using VillageCollective.Grains.Money;
using VillageCollective.Silo.Hosting;
using VillageCollective.Silo.Storage;

namespace VillageCollective.Silo.Api;

/// <summary>
/// The printed payout checklist (发放清单) cut into A4 landscape pages on the server, so each page's subtotal is
/// summed in decimal yuan and written in capital numerals here, never in the browser: every page carries
/// "第 x 页 共 y 页", its lines, its subtotal; the last page also the grand total.
/// </summary>
public static class ChecklistPagesApi
{
    /// <summary>Rows on an A4 landscape page with an 11 mm signature-and-thumbprint row (see app.css).</summary>
    public const int DefaultRowsPerPage = 12;

    public sealed record ChecklistPageDto(int PageNo, int PageCount, IReadOnlyList<PayoutLineDto> Lines, string PageTotal, string PageTotalInWords);

    public sealed record ChecklistPagesDto(IReadOnlyList<ChecklistPageDto> Pages, int Households, string GrandTotal, string GrandTotalInWords);

    public static IEndpointRouteBuilder MapChecklistPagesApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/villages/{villageId:long}/dividend-runs/{runId:long}/checklist-pages", GetPages).RequireAuthorization(VillagePolicies.Read).WithTags("Dividend runs");
        routes.MapGet("/api/villages/{villageId:long}/dividend-runs/{runId:long}/checklist.xlsx", GetWorkbook).RequireAuthorization(VillagePolicies.Read).WithTags("Dividend runs");
        return routes;
    }

    /// <summary>The checklist in pages of <paramref name="rowsPerPage"/> lines (1–50, default 12).</summary>
    public static async Task<Results<Ok<ChecklistPagesDto>, NotFound>> GetPages(long villageId, long runId, int? rowsPerPage, ClaimsPrincipal user,
        DividendRunStore runs, CancellationToken cancellationToken)
    {
        var size = rowsPerPage ?? DefaultRowsPerPage;
        if (size is < 1 or > 50)
        {
            throw new ProblemException(StatusCodes.Status400BadRequest, "request.range", "rowsPerPage", "每页行数应在1到50之间 (rowsPerPage is 1 to 50)");
        }
        if (await runs.GetAsync(villageId, runId, cancellationToken) is null) return TypedResults.NotFound();
        var lines = await runs.ListLinesAsync(villageId, runId, null, cancellationToken);
        var chunks = lines.Chunk(size).ToList();
        var pages = chunks.Select((chunk, i) =>
        {
            var total = Yuan.Sum(chunk.Select(l => l.Amount));
            return new ChecklistPageDto(i + 1, chunks.Count, chunk.Select(PayoutLineDto.From).ToList(), total.ToPlainString(), CapitalNumerals.Format(total));
        }).ToList();
        var grand = Yuan.Sum(lines.Select(l => l.Amount));
        return TypedResults.Ok(new ChecklistPagesDto(pages, lines.Count, grand.ToPlainString(), CapitalNumerals.Format(grand)));
    }

    /// <summary>
    /// The checklist as .xlsx with every line's status now and the mark that set it (<see cref="ChecklistWorkbook"/>), named
    /// 发放清单-{village}-{year}.xlsx.
    /// </summary>
    /// <response code="404">The run is not this village's.</response>
    public static async Task<Results<FileContentHttpResult, NotFound>> GetWorkbook(long villageId, long runId, DividendRunStore runs, VillageQueries villages,
        Storage.DividendDay.PayoutQueries payouts, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await runs.GetAsync(villageId, runId, cancellationToken) is not { } run) return TypedResults.NotFound();
        var village = (await villages.GetOverviewAsync(villageId, clock.Today(), cancellationToken))!;
        var lines = await payouts.ListAsync(villageId, runId, null, null, cancellationToken);
        return TypedResults.File(ChecklistWorkbook.Write(village, run, lines, clock.GetUtcNow()), Import.RegisterFileWriter.XlsxType,
            $"发放清单-{village.Name}-{run.Year}.xlsx");
    }
}
