using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using VillageCollective.Silo.Hosting;
using VillageCollective.Silo.Storage;

namespace VillageCollective.Silo.Api;

/// <summary>Villages, their register totals and households.</summary>
public static class VillagesApi
{
    public static IEndpointRouteBuilder MapVillagesApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/villages").WithTags("Villages");
        group.MapGet("/", ListVillages);
        group.MapGet("/{villageId:long}", GetVillage).RequireAuthorization(VillagePolicies.Read);
        group.MapGet("/{villageId:long}/households", ListHouseholds).RequireAuthorization(VillagePolicies.Read);
        group.MapGet("/{villageId:long}/households/{number:int}", GetHousehold).RequireAuthorization(VillagePolicies.Read);
        group.MapGet("/{villageId:long}/households/{number:int}/payouts", ListHouseholdPayouts).RequireAuthorization(VillagePolicies.Read);
        group.MapPost("/{villageId:long}/members/{memberId:long}/reveal-resident-id", RevealResidentId).RequireAuthorization(VillagePolicies.Write);
        return routes;
    }

    /// <summary>The villages this account may see (its own, its township's, its county's), with totals as of today.</summary>
    public static async Task<Ok<List<VillageDto>>> ListVillages(ClaimsPrincipal user, VillageQueries queries, TimeProvider clock, CancellationToken cancellationToken)
    {
        var grants = RoleGrant.Of(user);
        var ids = await queries.VillagesInScopeAsync(grants.Where(g => g.VillageId is not null).Select(g => g.VillageId!.Value).ToArray(),
            grants.Where(g => g.TownshipId is not null).Select(g => g.TownshipId!.Value).ToArray(),
            grants.Where(g => g.CountyId is not null).Select(g => g.CountyId!.Value).ToArray(), cancellationToken);
        var overviews = await queries.GetOverviewsAsync([.. ids], clock.Today(), cancellationToken);
        return TypedResults.Ok(overviews.Select(VillageDto.From).ToList());
    }

    /// <summary>The village's totals: households, members, shares as of <paramref name="asOf"/> (default today).</summary>
    public static async Task<Results<Ok<VillageDto>, NotFound>> GetVillage(long villageId, DateOnly? asOf, ClaimsPrincipal user,
        VillageQueries queries, TimeProvider clock, CancellationToken cancellationToken)
    {
        var overview = await queries.GetOverviewAsync(villageId, asOf ?? clock.Today(), cancellationToken);
        return overview is null ? TypedResults.NotFound() : TypedResults.Ok(VillageDto.From(overview));
    }

    /// <summary>The register as of a date; <paramref name="search"/> is a household number or part of a name.</summary>
    public static async Task<Ok<List<HouseholdDto>>> ListHouseholds(long villageId, string? search, DateOnly? asOf, ClaimsPrincipal user,
        VillageQueries queries, TimeProvider clock, CancellationToken cancellationToken)
    {
        var rows = await queries.ListHouseholdsAsync(villageId, asOf ?? clock.Today(), search, cancellationToken);
        return TypedResults.Ok(rows.Select(HouseholdDto.From).ToList());
    }

    /// <summary>The household's dividends, newest year first, each with its status and the event that set it (resident IDs masked).</summary>
    /// <response code="404">The village has no household of that number.</response>
    public static async Task<Results<Ok<List<HouseholdPayoutDto>>, NotFound>> ListHouseholdPayouts(long villageId, int number,
        Storage.DividendDay.PayoutQueries payouts, CancellationToken cancellationToken) =>
        await payouts.HouseholdPayoutsAsync(villageId, number, cancellationToken) is { } rows
            ? TypedResults.Ok(rows.Select(HouseholdPayoutDto.From).ToList())
            : TypedResults.NotFound();

    /// <summary>The full resident ID of one member, for the village's accountant only; the request is audited.</summary>
    public sealed record RevealedResidentId(long MemberId, string ResidentId);

    /// <summary>Shows a member's full resident ID to the village's accountant; the audit trail records who asked, when, from where.</summary>
    public static async Task<Results<Ok<RevealedResidentId>, NotFound>> RevealResidentId(long villageId, long memberId, PersonalData personalData,
        CancellationToken cancellationToken)
    {
        var id = await personalData.RevealResidentIdAsync(villageId, memberId, cancellationToken);
        return id is null ? TypedResults.NotFound() : TypedResults.Ok(new RevealedResidentId(memberId, id));
    }

    /// <summary>One household by its number (户号), with its members.</summary>
    public static async Task<Results<Ok<HouseholdDetailDto>, NotFound>> GetHousehold(long villageId, int number, ClaimsPrincipal user,
        VillageQueries queries, RegisterQueries register, Npgsql.NpgsqlDataSource db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var household = (await queries.ListHouseholdsAsync(villageId, clock.Today(), number.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken))
            .FirstOrDefault(h => h.Number == number);
        if (household is null)
        {
            return TypedResults.NotFound();
        }
        var members = await queries.ListMembersAsync(villageId, number, cancellationToken);
        var particulars = (await register.HouseholdAsync(villageId, number, cancellationToken))!;
        var holdings = await register.HoldingsAsync(villageId, household.HouseholdId, clock.Today(), cancellationToken);
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var certificates = await CertificateStore.ListAsync(connection, household.HouseholdId, cancellationToken);
        return TypedResults.Ok(new HouseholdDetailDto(HouseholdDto.From(household), members, particulars.VillageGroup, particulars.Address,
            particulars.EndedOn, particulars.EndedReason, holdings.Where(h => h.Shares != 0m).Select(h => new HoldingDto(h.Code, h.Name, MovementDto.Shares(h.Shares))).ToList(),
            certificates.Select(CertificateDto.From).OrderBy(c => c.VoidedOn is not null).ThenByDescending(c => c.Number).ToList()));
    }
}
