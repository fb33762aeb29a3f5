using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using VillageCollective.Grains;
using VillageCollective.Grains.Money;
using VillageCollective.Grains.Partnerships;
using VillageCollective.Silo.Hosting;
using VillageCollective.Silo.Storage.Partnerships;

namespace VillageCollective.Silo.Api;

/// <summary>
/// Village–enterprise partnerships (村企联营) and pooled enclave projects (飞地抱团). A contract concerns several villages,
/// so the county administrator keeps them (enterprises, contracts, settlements, payments: county.admin under
/// /api/counties/{countyId}); each party village sees its own contracts read-only (village.read).
/// </summary>
public static class PartnershipsApi
{
    public sealed record EnterpriseRequest(string? Name, string? CreditCode, string? Contact);

    /// <summary>A party: village id (null: the enterprise's own stake), the day it joins (default: the term's start), and its contribution:
    /// kind <c>land</c> (mu, valuePerMu) or <c>assets</c>/<c>cash</c> (value), yuan.</summary>
    public sealed record PartyRequest(long? VillageId, DateOnly? JoinedOn, string? Kind, decimal? Mu, decimal? ValuePerMu, decimal? Value);

    /// <summary>Income terms: mode <c>fixed_rent</c> (fixedRent) or <c>guarantee_plus_profit_share</c>/<c>greater_of</c>
    /// (guaranteeAmount yuan a year or guaranteePercent of the villages' contribution, and profitSharePercent 0–100).</summary>
    public sealed record TermsRequest(string? Mode, decimal? FixedRent, decimal? GuaranteeAmount, decimal? GuaranteePercent, decimal? ProfitSharePercent);

    public sealed record PartnershipRequest(long? EnterpriseId, string? Project, DateOnly? TermStart, DateOnly? TermEnd, decimal? ValuePerShare, TermsRequest? Terms,
        IReadOnlyList<InstalmentDto>? Schedule, int? LocalJobs, IReadOnlyList<PartyRequest>? Parties);

    /// <summary>The enterprise's reported figures for the year (yuan); a reason when correcting a settled year.</summary>
    public sealed record SettleRequest(int? Year, decimal? Revenue, decimal? NetProfit, string? Reason);

    public sealed record PaymentRequest(long? VillageId, int? Year, DateOnly? PaidOn, decimal? Amount, string? Note);

    /// <summary>A village's partnerships and its roll-up.</summary>
    public sealed record VillagePartnershipsDto(IReadOnlyList<PartnershipDto> Partnerships, IncomeOverviewDto? Summary);

    public static IEndpointRouteBuilder MapPartnershipsApi(this IEndpointRouteBuilder routes)
    {
        var county = routes.MapGroup("/api/counties/{countyId:long}").WithTags("Partnerships").RequireAuthorization(CountyPolicies.Admin);
        county.MapGet("/enterprises", ListEnterprises);
        county.MapPost("/enterprises", AddEnterprise);
        county.MapGet("/partnerships", ListPartnerships);
        county.MapPost("/partnerships", CreatePartnership);
        county.MapGet("/partnerships/overview", Overview);
        county.MapGet("/partnerships/{partnershipId:long}", GetPartnership);
        county.MapPost("/partnerships/{partnershipId:long}/settlements", Settle);
        county.MapPost("/partnerships/{partnershipId:long}/payments", RecordPayment);

        routes.MapGet("/api/townships/{townshipId:long}/partnerships/overview", TownshipOverview).WithTags("Partnerships").RequireAuthorization(TownshipPolicies.Read);

        var village = routes.MapGroup("/api/villages/{villageId:long}/partnerships").WithTags("Partnerships").RequireAuthorization(VillagePolicies.Read);
        village.MapGet("/", ForVillage);
        village.MapGet("/{partnershipId:long}", GetForVillage);
        return routes;
    }

    public static async Task<Ok<List<EnterpriseDto>>> ListEnterprises(long countyId, PartnershipStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok((await store.EnterprisesAsync(countyId, cancellationToken)).Select(EnterpriseDto.From).ToList());

    /// <response code="409">The county has an enterprise with this credit code.</response>
    /// <response code="422">A blank name or a credit code whose check character is wrong (field named).</response>
    public static async Task<Created<EnterpriseDto>> AddEnterprise(long countyId, EnterpriseRequest request, PartnershipStore store, CancellationToken cancellationToken)
    {
        var enterprise = new Enterprise(RequestFields.Required(request.Name, "name"), new UnifiedSocialCreditCode(RequestFields.Required(request.CreditCode, "creditCode")),
            request.Contact ?? "");
        var id = await store.AddEnterpriseAsync(countyId, enterprise, false, cancellationToken);
        return TypedResults.Created($"/api/counties/{countyId}/enterprises", new EnterpriseDto(id, enterprise.Name, enterprise.CreditCode.Value, enterprise.Contact));
    }

    public static async Task<Ok<List<PartnershipDto>>> ListPartnerships(long countyId, PartnershipStore store, TimeProvider clock, CancellationToken cancellationToken) =>
        TypedResults.Ok((await store.ForCountyAsync(countyId, cancellationToken)).Select(r => PartnershipDto.From(r, clock.Today())).ToList());

    public static async Task<Ok<PartnershipsOverviewDto>> Overview(long countyId, PartnershipStore store, TimeProvider clock, CancellationToken cancellationToken) =>
        TypedResults.Ok(PartnershipOverview.Build(await store.ForCountyAsync(countyId, cancellationToken), clock.Today()));

    /// <summary>
    /// The township's partnerships at a glance for its overseer (乡镇农经站) or its county's administrator: the township's
    /// own villages and the township's row (contracts, contributions, income by year as guarantee versus profit share, local
    /// jobs, arrears, yuan); villages of other townships in a pooled project are left out.
    /// </summary>
    public static async Task<Ok<PartnershipsOverviewDto>> TownshipOverview(long townshipId, PartnershipStore store, TimeProvider clock, CancellationToken cancellationToken)
    {
        var overview = PartnershipOverview.Build(await store.ForTownshipAsync(townshipId, cancellationToken), clock.Today());
        var (villages, name) = await store.TownshipAsync(townshipId, cancellationToken);
        return TypedResults.Ok(new PartnershipsOverviewDto(overview.Villages.Where(v => villages.Contains(v.VillageId!.Value)).ToList(),
            overview.Townships.Where(t => t.Name == name).ToList()));
    }

    public static async Task<Results<Ok<PartnershipDto>, NotFound>> GetPartnership(long countyId, long partnershipId, PartnershipStore store, TimeProvider clock,
        CancellationToken cancellationToken) =>
        await store.GetAsync(countyId, partnershipId, cancellationToken) is { } record ? TypedResults.Ok(PartnershipDto.From(record, clock.Today())) : TypedResults.NotFound();

    /// <response code="201">Recorded; the body is the contract with its share register.</response>
    /// <response code="409">A duplicate: the same enterprise, villages and project over an overlapping term.</response>
    /// <response code="422">A rule broken (contribution not positive, profit share outside 0–100%, term end before start, a bad schedule…), field named.</response>
    public static async Task<Created<PartnershipDto>> CreatePartnership(long countyId, PartnershipRequest request, ClaimsPrincipal user, PartnershipStore store,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var contract = ContractOf(request);
        var id = await store.CreateAsync(countyId, contract, VillageAccess.Actor(user), false, cancellationToken);
        var record = (await store.GetAsync(countyId, id, cancellationToken))!;
        return TypedResults.Created($"/api/counties/{countyId}/partnerships/{id}", PartnershipDto.From(record, clock.Today()));
    }

    /// <response code="201">Settled and posted as 投资收益 into each village's books; the body is the contract with the new settlement first.</response>
    /// <response code="409">The year is settled already and no reason for a correction was given.</response>
    public static async Task<Created<PartnershipDto>> Settle(long countyId, long partnershipId, SettleRequest request, ClaimsPrincipal user, IGrainFactory grains,
        PartnershipStore store, TimeProvider clock, CancellationToken cancellationToken)
    {
        var year = RequestFields.Required(request.Year, "year");
        var command = new SettleYear(countyId, year, RequestFields.Money(request.Revenue, "revenue").Amount, RequestFields.Money(request.NetProfit, "netProfit").Amount,
            request.Reason, clock.Today(), VillageAccess.Actor(user));
        Refused(await grains.GetGrain<IEnterprisePartnershipGrain>(partnershipId).SettleAsync(command), year);
        return await CreatedAsync(countyId, partnershipId, store, clock, cancellationToken);
    }

    /// <response code="201">Recorded.</response>
    /// <response code="422">Not a party, the year not settled, or more than is still owed (overpayment is refused, not kept as credit).</response>
    public static async Task<Created<PartnershipDto>> RecordPayment(long countyId, long partnershipId, PaymentRequest request, ClaimsPrincipal user,
        IGrainFactory grains, PartnershipStore store, TimeProvider clock, CancellationToken cancellationToken)
    {
        var year = RequestFields.Required(request.Year, "year");
        var command = new RecordPartnershipPayment(countyId, RequestFields.Required(request.VillageId, "villageId"), year, request.PaidOn ?? clock.Today(),
            RequestFields.Money(request.Amount, "amount").Amount, request.Note?.Trim() ?? "", VillageAccess.Actor(user));
        Refused(await grains.GetGrain<IEnterprisePartnershipGrain>(partnershipId).RecordPaymentAsync(command), year);
        return await CreatedAsync(countyId, partnershipId, store, clock, cancellationToken);
    }

    // The grain's refusals that are not a broken rule, as HTTP problems.
    private static void Refused(PartnershipAnswer answer, int year)
    {
        switch (answer.Outcome)
        {
            case PartnershipOutcome.NotFound:
                throw ProblemException.NotFound("partnershipId", "联营项目");
            case PartnershipOutcome.YearSettled:
                throw new ProblemException(StatusCodes.Status409Conflict, "settlement.exists", "reason",
                    $"{year}年已结算；更正须写明原因，原分录将冲销 (the year is settled; a correction needs a reason, and the old entries are reversed)");
            case PartnershipOutcome.Busy:
                throw new ProblemException(StatusCodes.Status409Conflict, "partnership.busy", "",
                    "联营项目正被他人修改，请重试 (the partnership is being changed by someone else; try again)");
        }
    }

    // The partnership as it stands after the grain's write: the command's 201 body.
    private static async Task<Created<PartnershipDto>> CreatedAsync(long countyId, long partnershipId, PartnershipStore store, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var record = (await store.GetAsync(countyId, partnershipId, cancellationToken))!;
        return TypedResults.Created($"/api/counties/{countyId}/partnerships/{partnershipId}", PartnershipDto.From(record, clock.Today()));
    }

    public static async Task<Ok<VillagePartnershipsDto>> ForVillage(long villageId, PartnershipStore store, TimeProvider clock, CancellationToken cancellationToken)
    {
        var records = await store.ForVillageAsync(villageId, cancellationToken);
        var overview = PartnershipOverview.Build(records, clock.Today());
        return TypedResults.Ok(new VillagePartnershipsDto(records.Select(r => PartnershipDto.From(r, clock.Today())).ToList(),
            overview.Villages.FirstOrDefault(v => v.VillageId == villageId)));
    }

    public static async Task<Results<Ok<PartnershipDto>, NotFound>> GetForVillage(long villageId, long partnershipId, PartnershipStore store, TimeProvider clock,
        CancellationToken cancellationToken) =>
        (await store.ForVillageAsync(villageId, cancellationToken)).FirstOrDefault(r => r.Id == partnershipId) is { } record
            ? TypedResults.Ok(PartnershipDto.From(record, clock.Today()))
            : TypedResults.NotFound();

    /// <summary>Builds and checks the contract; a rule broken in a party names the party's index in the field (<c>parties[1].contribution</c>).</summary>
    public static PartnershipContract ContractOf(PartnershipRequest request)
    {
        var start = RequestFields.Required(request.TermStart, "termStart");
        var parties = (request.Parties ?? []).Select((p, i) => Party(p, i, start)).ToList();
        var termsRequest = RequestFields.Required(request.Terms, "terms");
        var mode = PartnershipCodes.Mode(termsRequest.Mode);
        var terms = mode == IncomeMode.FixedRent
            ? IncomeTerms.Rent(RequestFields.Money(termsRequest.FixedRent, "terms.fixedRent"))
            : IncomeTerms.Guaranteed(mode, termsRequest.GuaranteeAmount is { } a ? RequestFields.Money(a, "terms.guaranteeAmount") : null, termsRequest.GuaranteePercent,
                termsRequest.ProfitSharePercent ?? 0m);
        var schedule = request.Schedule is { Count: > 0 } s ? new PaymentSchedule(s.Select(i => new Instalment(i.Month, i.Day, i.Percent)).ToList()) : PaymentSchedule.Default;
        return new PartnershipContract(RequestFields.Required(request.EnterpriseId, "enterpriseId"), RequestFields.Required(request.Project, "project"), start,
            RequestFields.Required(request.TermEnd, "termEnd"), RequestFields.Money(request.ValuePerShare ?? 1m, "valuePerShare"), parties, terms, schedule,
            request.LocalJobs ?? 0);
    }

    private static PartnershipParty Party(PartyRequest request, int index, DateOnly termStart)
    {
        var kind = PartnershipCodes.Kind(request.Kind, $"parties[{index}].kind");
        try
        {
            var contribution = kind == ContributionKind.Land
                ? Contribution.Land(RequestFields.Required(request.Mu, "mu"), RequestFields.Money(request.ValuePerMu, "valuePerMu"))
                : kind == ContributionKind.Assets ? Contribution.Assets(RequestFields.Money(request.Value, "value")) : Contribution.Cash(RequestFields.Money(request.Value, "value"));
            return new PartnershipParty(request.VillageId, request.JoinedOn ?? termStart, contribution);
        }
        catch (DomainException e)
        {
            // The grains name the contribution's parts (contribution.mu); the request names them mu, valuePerMu, value.
            var field = e.Field == "contribution" ? (kind == ContributionKind.Land ? "mu" : "value") : e.Field.Replace("contribution.", "", StringComparison.Ordinal);
            throw new DomainException(e.Code, $"parties[{index}].{field}", e.Message);
        }
        catch (ProblemException e)
        {
            throw new ProblemException(e.Status, e.Code, $"parties[{index}].{e.Field}", e.Message);
        }
    }
}
