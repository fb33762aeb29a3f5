using VillageCollective.Grains.Money;

namespace VillageCollective.Grains.Partnerships;

/// <summary>
/// Where the partnership grain reads and writes its partnership (PostgreSQL, implemented by the silo). Each write is one
/// transaction that first locks the partnership's row (and the party villages, in id order) and compares its version
/// with <c>ExpectedVersion</c>: on a mismatch it writes nothing and answers null, and the grain reloads.
/// </summary>
public interface IPartnershipStorage
{
    /// <summary>The partnership as the grain keeps it, or null when there is none.</summary>
    Task<PartnershipLedger?> LoadAsync(long partnershipId, CancellationToken cancellationToken);

    /// <summary>The partnership row's version now (null when there is none): a refusal decided on a cached ledger is
    /// checked against it.</summary>
    Task<long?> VersionAsync(long partnershipId, CancellationToken cancellationToken);

    /// <summary>Stores a settlement and posts each village's amount owed as 投资收益 dated 31 December; when it
    /// supersedes another, reverses that one's entries first. Null when the version moved.</summary>
    Task<PartnershipWritten?> WriteSettlementAsync(SettlementWrite write, CancellationToken cancellationToken);

    /// <summary>Stores a payment. Null when the version moved.</summary>
    Task<PartnershipWritten?> WritePaymentAsync(PaymentWrite write, CancellationToken cancellationToken);
}

/// <summary>A settlement to store.</summary>
/// <param name="PartnershipId">The partnership.</param>
/// <param name="ExpectedVersion">The version the grain decided on.</param>
/// <param name="VillageIds">The party villages (locked in id order, all or none).</param>
/// <param name="EnterpriseName">The counterparty of the villages' entries.</param>
/// <param name="Settlement">The calculated settlement.</param>
/// <param name="Supersedes">The standing settlement of the year it replaces, if any.</param>
/// <param name="Reason">Why it is settled again ("" the first time).</param>
/// <param name="SettledOn">The day of the settlement.</param>
/// <param name="By">Who settles.</param>
public sealed record SettlementWrite(long PartnershipId, long ExpectedVersion, IReadOnlyList<long> VillageIds,
    string EnterpriseName, YearSettlement Settlement, long? Supersedes, string Reason, DateOnly SettledOn, string By);

/// <summary>A payment to store.</summary>
public sealed record PaymentWrite(long PartnershipId, long ExpectedVersion, long VillageId, int Year, DateOnly PaidOn, Yuan Amount,
    string Note, string By);

/// <summary>What a write stored: the new row's id and the partnership's version after it.</summary>
public readonly record struct PartnershipWritten(long Id, long Version);
