using VillageCollective.Grains.Shares;

namespace VillageCollective.Grains.Dividends;

/// <summary>One row of the share register as the dividend run reads it: a household and its shares on the record date.</summary>
/// <param name="HouseholdId">The household's identity (the caller's key, e.g. a database id); unique within a register.</param>
/// <param name="Shares">The household's shares.</param>
public readonly record struct HouseholdShares(long HouseholdId, ShareCount Shares);
