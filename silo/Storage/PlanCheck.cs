using Npgsql;
using VillageCollective.Grains.Dividends;

namespace VillageCollective.Silo.Storage;

/// <summary>
/// Checks a plan where it meets the rest of the village: against the year's books (the charter's reserve, no
/// distribution out of a loss, no more than the distributable income) and against the register as of its record
/// date (a rate that pays more than the pool). Run inside each step's transaction, under the village's lock.
/// </summary>
public static class PlanCheck
{
    /// <exception cref="Grains.DomainException">The rule the plan breaks, with its field.</exception>
    public static async Task<(DistributionOutcome Outcome, DividendRunResult Dividend)> CheckAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        long villageId, DistributionPlan plan, IncomeDistribution distribution, CancellationToken cancellationToken)
    {
        var ledger = await Ledger.ReadYearAsync(connection, transaction, villageId, plan.Year, cancellationToken);
        var outcome = distribution.ApplyTo(ledger.Statement, ledger.MinimumReservePercent);
        var register = await RegisterReader.ReadAsync(connection, transaction, villageId, plan.RecordDate, null, cancellationToken);
        var dividend = DividendCalculator.Compute(plan, register.Select(r => new HouseholdShares(r.HouseholdId, r.Shares)).ToList());
        return (outcome, dividend);
    }
}
