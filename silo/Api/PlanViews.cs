using VillageCollective.Grains;
using VillageCollective.Grains.Dividends;
using VillageCollective.Silo.Hosting;
using VillageCollective.Silo.Storage;

namespace VillageCollective.Silo.Api;

/// <summary>
/// Builds what a plan page shows: the plan's lines against the year's statement, what it would pay on its record date,
/// and which rule it breaks now (books and registers change after a draft is saved).
/// </summary>
public sealed class PlanViews(BooksStore books, VillageQueries villages)
{
    public async Task<PlanDto> ViewAsync(PlanRow row, CancellationToken cancellationToken)
    {
        var ledger = await books.ReadYearAsync(row.VillageId, row.Plan.Year, cancellationToken);
        var register = await villages.ListHouseholdsAsync(row.VillageId, row.Plan.RecordDate, null, cancellationToken);
        string? problem = null;
        try
        {
            row.Distribution.ApplyTo(ledger.Statement, ledger.MinimumReservePercent);
        }
        catch (DomainException refused)
        {
            problem = refused.Message;
        }
        PlanPreviewDto preview;
        try
        {
            preview = PlanPreviewDto.From(DividendCalculator.Compute(row.Plan, register.Select(r => new HouseholdShares(r.HouseholdId, r.Shares)).ToList()), register);
        }
        catch (DomainException refused)
        {
            preview = PlanPreviewDto.Refused(refused.Message);
            problem ??= refused.Message;
        }
        var residue = ledger.ApprovedPlan?.Id == row.Id ? ledger.RunResidue : null;
        return PlanDto.From(row, DistributionDto.From(row, row.Distribution.Outcome(ledger.Statement), residue), preview, problem);
    }
}
