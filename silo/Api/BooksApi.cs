using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using VillageCollective.Grains.Books;
using VillageCollective.Grains.Money;
using VillageCollective.Grains.Village;
using VillageCollective.Silo.Hosting;
using VillageCollective.Silo.Storage;

namespace VillageCollective.Silo.Api;

/// <summary>A village's books per fiscal year: entries, reversals, opening balance, and the statement 收益及收益分配表.</summary>
public static class BooksApi
{
    /// <summary>A new entry: date (yyyy-MM-dd, in the year), category code, counterparty, document number, amount in yuan (&gt; 0).</summary>
    public sealed record AddEntryRequest(DateOnly? Date, string? Category, string? Counterparty, string? DocumentNumber, decimal? Amount);

    /// <summary>Undo an entry: the reason is required; the date defaults to today, or the year's last day for a past year (it must lie in the entry's year).</summary>
    public sealed record ReverseEntryRequest(string? Reason, DateOnly? Date);

    /// <summary>The year's opening undistributed income (null: carried from the previous year) and other transfers in, yuan.</summary>
    public sealed record SetYearRequest(decimal? OpeningUndistributed, decimal? OtherTransfersIn);

    public static IEndpointRouteBuilder MapBooksApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/villages/{villageId:long}/years/{year:int}").WithTags("Books");
        group.MapGet("/statement", GetStatement).RequireAuthorization(VillagePolicies.Read);
        group.MapPut("/", SetYear).RequireAuthorization(VillagePolicies.Write);
        group.MapGet("/entries", ListEntries).RequireAuthorization(VillagePolicies.Read);
        group.MapGet("/books.xlsx", GetWorkbook).RequireAuthorization(VillagePolicies.Read);
        group.MapPost("/entries", AddEntry).RequireAuthorization(VillagePolicies.Write);
        group.MapPost("/entries/{entryId:long}/reverse", ReverseEntry).RequireAuthorization(VillagePolicies.Write);
        return routes;
    }

    public static async Task<Ok<StatementDto>> GetStatement(long villageId, int year, ClaimsPrincipal user, BooksStore books, CancellationToken cancellationToken)
    {
        return TypedResults.Ok(StatementDto.From(await books.ReadYearAsync(villageId, year, cancellationToken)));
    }

    public static async Task<Ok<StatementDto>> SetYear(long villageId, int year, SetYearRequest request, ClaimsPrincipal user, BooksStore books,
        IGrainFactory grains, CancellationToken cancellationToken)
    {
        var opening = request.OpeningUndistributed is { } o ? RequestFields.Money(o, "openingUndistributed") : (Yuan?)null;
        var otherTransfersIn = RequestFields.Money(request.OtherTransfersIn ?? 0m, "otherTransfersIn");
        await grains.GetGrain<IVillageGrain>(villageId).SetBooksYearAsync(new SetBooksYear(year, opening?.Amount, otherTransfersIn.Amount));
        return TypedResults.Ok(StatementDto.From(await books.ReadYearAsync(villageId, year, cancellationToken)));
    }

    public static async Task<Ok<List<EntryDto>>> ListEntries(long villageId, int year, ClaimsPrincipal user, BooksStore books, CancellationToken cancellationToken)
    {
        return TypedResults.Ok((await books.ListEntriesAsync(villageId, year, cancellationToken)).Select(EntryDto.From).ToList());
    }

    /// <summary>The year's statement and entries as .xlsx (<see cref="BooksWorkbook"/>), named 年度账目-{village}-{year}.xlsx.</summary>
    /// <response code="404">No such village.</response>
    public static async Task<Results<FileContentHttpResult, NotFound>> GetWorkbook(long villageId, int year, BooksStore books, VillageQueries villages,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await villages.GetOverviewAsync(villageId, clock.Today(), cancellationToken) is not { } village) return TypedResults.NotFound();
        var statement = StatementDto.From(await books.ReadYearAsync(villageId, year, cancellationToken));
        var entries = await books.ListEntriesAsync(villageId, year, cancellationToken);
        return TypedResults.File(BooksWorkbook.Write(village.Name, statement, entries), Import.RegisterFileWriter.XlsxType, $"年度账目-{village.Name}-{year}.xlsx");
    }

    /// <response code="201">Booked.</response>
    /// <response code="422">A rule broken (date outside the year, amount not positive, unknown category).</response>
    public static async Task<Created<StatementDto>> AddEntry(long villageId, int year, AddEntryRequest request, ClaimsPrincipal user, BooksStore books,
        IGrainFactory grains, CancellationToken cancellationToken)
    {
        var date = RequestFields.Required(request.Date, "date");
        var category = EntryCategory.Parse(RequestFields.Required(request.Category, "category"));
        var amount = RequestFields.Money(request.Amount, "amount");
        var id = await grains.GetGrain<IVillageGrain>(villageId).PostEntryAsync(new PostEntry(date, year, category.Code,
            request.Counterparty?.Trim() ?? "", request.DocumentNumber?.Trim() ?? "", amount.Amount, VillageAccess.Actor(user)));
        return TypedResults.Created($"/api/villages/{villageId}/years/{year}/entries/{id}", StatementDto.From(await books.ReadYearAsync(villageId, year, cancellationToken)));
    }

    public static async Task<Ok<StatementDto>> ReverseEntry(long villageId, int year, long entryId, ReverseEntryRequest request, ClaimsPrincipal user,
        BooksStore books, IGrainFactory grains, TimeProvider clock, CancellationToken cancellationToken)
    {
        // By default the reversal is dated today, or the year's last day when the year is over (it stays in its year).
        var today = clock.Today();
        var on = request.Date ?? (today.Year > year ? new DateOnly(year, 12, 31) : today);
        await grains.GetGrain<IVillageGrain>(villageId).ReverseEntryAsync(new ReverseEntry(year, entryId, request.Reason ?? "", on, VillageAccess.Actor(user)));
        return TypedResults.Ok(StatementDto.From(await books.ReadYearAsync(villageId, year, cancellationToken)));
    }
}
