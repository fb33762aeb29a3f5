using VillageCollective.Grains.Money;
using VillageCollective.Grains.Shares;

namespace VillageCollective.Grains.Dividends;

/// <summary>One line of the payout checklist (发放清单): what a household receives.</summary>
/// <param name="HouseholdId">The household's identity, as in <see cref="HouseholdShares"/>.</param>
/// <param name="Shares">The household's shares, greater than zero.</param>
/// <param name="Amount">Yuan paid: shares × the per-share rate, rounded to the fen (四舍五入, <see cref="Yuan.RoundToFen"/>).</param>
public readonly record struct PayoutLine(long HouseholdId, ShareCount Shares, Yuan Amount);
