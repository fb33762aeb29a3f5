using Microsoft.Extensions.DependencyInjection;
using VillageCollective.Grains.Money;

namespace VillageCollective.Grains.Partnerships;

/// <summary>
/// The enterprise partnership grain (<see cref="IEnterprisePartnershipGrain"/>). Loads its
/// <see cref="PartnershipLedger"/> once per activation; a command decides on the cached ledger and writes through
/// <see cref="IPartnershipStorage"/> in one transaction guarded by the version it decided on. When another writer (a
/// second activation, a script, the tests) moved the version, nothing is written: the grain drops its ledger, reloads and
/// decides again, at most <see cref="Attempts"/> times; it never overwrites. A refusal decided on the cached ledger is
/// checked against the current version before it is given, so no one is refused on stale figures either.
/// </summary>
public sealed class EnterprisePartnershipGrain : Grain, IEnterprisePartnershipGrain
{
    /// <summary>Attempts of a command against other writers before it answers
    /// <see cref="PartnershipOutcome.Busy"/>.</summary>
    public const int Attempts = 4;

    private PartnershipLedger? _ledger;
    private bool _loaded;

    private IPartnershipStorage Storage => ServiceProvider.GetRequiredService<IPartnershipStorage>();

    private long PartnershipId => this.GetPrimaryKeyLong();

    /// <inheritdoc/>
    public Task<PartnershipAnswer> SettleAsync(SettleYear command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var revenue = new Yuan(command.Revenue);
        var netProfit = new Yuan(command.NetProfit);
        return WithLedgerAsync(command.CountyId, async ledger =>
        {
            var settlement = ledger.Settle(command.Year, revenue, netProfit);
            var standing = ledger.StandingIn(command.Year);
            if (standing is not null && string.IsNullOrWhiteSpace(command.Reason))
            {
                return (new PartnershipAnswer(PartnershipOutcome.YearSettled, standing.Id), true);
            }
            var write = new SettlementWrite(PartnershipId, ledger.Version, ledger.VillageIds, ledger.EnterpriseName, settlement,
                standing?.Id, command.Reason?.Trim() ?? "", command.SettledOn, command.By);
            if (await Storage.WriteSettlementAsync(write, CancellationToken.None) is not { } written)
            {
                return (null, false);
            }
            ledger.Settled(written.Id, settlement, written.Version);
            return (new PartnershipAnswer(PartnershipOutcome.Done, written.Id), true);
        });
    }

    /// <inheritdoc/>
    public Task<PartnershipAnswer> RecordPaymentAsync(RecordPartnershipPayment command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var amount = new Yuan(command.Amount);
        return WithLedgerAsync(command.CountyId, async ledger =>
        {
            ledger.CheckPayment(command.VillageId, command.Year, amount);
            var write = new PaymentWrite(PartnershipId, ledger.Version, command.VillageId, command.Year, command.PaidOn, amount,
                command.Note, command.By);
            if (await Storage.WritePaymentAsync(write, CancellationToken.None) is not { } written)
            {
                return (null, false);
            }
            ledger.PaymentRecorded(command.VillageId, command.Year, amount, written.Version);
            return (new PartnershipAnswer(PartnershipOutcome.Done, written.Id), true);
        });
    }

    private async Task<bool> MovedAsync(PartnershipLedger ledger) =>
        await Storage.VersionAsync(PartnershipId, CancellationToken.None) != ledger.Version;

    // Runs a decision on the ledger (loading it when the activation has none); a decision that found the version moved
    // (answer null, not done) drops the ledger and runs again on a fresh one.
    private async Task<PartnershipAnswer> WithLedgerAsync(long countyId,
        Func<PartnershipLedger, Task<(PartnershipAnswer? Answer, bool Done)>> decide)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            if (!_loaded)
            {
                _ledger = await Storage.LoadAsync(PartnershipId, CancellationToken.None);
                _loaded = true;
            }
            if (_ledger is null || _ledger.CountyId != countyId)
            {
                // A partnership that does not exist yet may be created later under this id: look again next time.
                _loaded = _ledger is not null;
                return new PartnershipAnswer(PartnershipOutcome.NotFound, 0);
            }
            PartnershipAnswer? answer;
            bool done;
            try
            {
                (answer, done) = await decide(_ledger);
            }
            catch (DomainException)
            {
                // A refusal decided on the cached ledger stands only if no one else wrote meanwhile.
                if (await MovedAsync(_ledger)) { _loaded = false; continue; }
                throw;
            }
            catch
            {
                // The storage failed part-way (the transaction rolled back): trust nothing cached.
                _loaded = false;
                throw;
            }
            if (done && answer!.Outcome == PartnershipOutcome.YearSettled && await MovedAsync(_ledger)) done = false;
            if (done) return answer!;
            _loaded = false;
        }
        return new PartnershipAnswer(PartnershipOutcome.Busy, 0);
    }
}
