namespace VillageCollective.Grains.Partnerships;

/// <summary>
/// The enterprise partnership grain (key: the partnership's id, <c>partnerships.id</c>): the one writer of a partnership
/// once it exists: its settlements (posting 投资收益 into every party village's books, all or none) and the payments
/// received (design.md §2). It keeps the contract, its share register and the standing settlements and payments in memory,
/// loaded once per activation; each command is one transaction guarded by the partnership's version.
/// </summary>
[Alias("vc.IEnterprisePartnershipGrain")]
public interface IEnterprisePartnershipGrain : IGrainWithIntegerKey
{
    /// <summary>Settles a year, or settles it again with a reason (the old settlement superseded, its entries reversed).</summary>
    /// <exception cref="DomainException">The settlement's rules (<see cref="SettlementCalculator.Settle"/>).</exception>
    [Alias("settle")]
    Task<PartnershipAnswer> SettleAsync(SettleYear command);

    /// <summary>Records a payment received for a village's settled year.</summary>
    /// <exception cref="DomainException"><c>payment.notParty</c> (field <c>villageId</c>), <c>payment.notPositive</c> and
    /// <c>payment.exceedsOwed</c> (field <c>amount</c>), <c>payment.notSettled</c> (field <c>year</c>).</exception>
    [Alias("recordPayment")]
    Task<PartnershipAnswer> RecordPaymentAsync(RecordPartnershipPayment command);
}
