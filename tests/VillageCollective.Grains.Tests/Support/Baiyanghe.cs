using VillageCollective.Grains.Dividends;
using VillageCollective.Grains.Shares;

namespace VillageCollective.Grains.Tests.Support;

/// Baiyanghe village (白杨河村, 木垒县), 2025 (domain.md): 294 households, 846.2 shares, 220 yuan a share,
/// 186,164 yuan paid. The split over households is ours; the totals are the village's.
internal static class Baiyanghe
{
    public static IReadOnlyList<HouseholdShares> Register { get; } =
    [
        .. Enumerable.Range(1, 250).Select(i => new HouseholdShares(i, new ShareCount(3m))),
        .. Enumerable.Range(251, 43).Select(i => new HouseholdShares(i, new ShareCount(2.2m))),
        new HouseholdShares(294, new ShareCount(1.6m)),
    ];
}
