using FsCheck;
using FsCheck.Fluent;
using VillageCollective.Grains.Dividends;
using VillageCollective.Grains.Money;
using VillageCollective.Grains.Shares;

namespace VillageCollective.Grains.Tests.Support;

/// Generators for dividend runs: registers of 1–500 households with 0–50 shares of 0–4 decimals, pools up to
/// 10,000,000.00 yuan, and pools placed right at or just below what a rate pays, where rounding decides.
internal static class Registers
{
    public static Gen<ShareCount> Shares { get; } =
        Gen.Frequency(
            (1, Gen.Constant(ShareCount.Zero)),
            (9, from decimals in Gen.Choose(0, 4)
                from whole in Gen.Choose(0, 49)
                from fraction in Gen.Choose(0, Pow10(decimals) - 1)
                from top in Gen.Frequency((50, Gen.Constant(false)), (1, Gen.Constant(true)))
                select new ShareCount(top ? 50m : whole + ((decimal)fraction / Pow10(decimals)))));

    public static Gen<IReadOnlyList<HouseholdShares>> Register { get; } =
        from count in Gen.Choose(1, 500)
        from shares in Gen.ArrayOf(Shares, count)
        from firstId in Gen.Choose(1, 1_000_000)
        select (IReadOnlyList<HouseholdShares>)[.. shares.Select((s, i) => new HouseholdShares(firstId + (7L * i), s))];

    /// 0–10,000,000.00 yuan, with small pools often enough to meet the refusals.
    public static Gen<Yuan> Pool { get; } =
        Gen.Frequency(
            (4, Gen.Choose(0, 1_000_000_000).Select(fen => Yuan.FromFen(fen))),
            (1, Gen.Choose(0, 10_000).Select(fen => Yuan.FromFen(fen))));

    /// What the rules say a household gets, written out independently of the calculator.
    public static decimal Amount(ShareCount shares, decimal rate) =>
        Math.Round(shares.Value * rate, 2, MidpointRounding.AwayFromZero);

    public static decimal Paid(IReadOnlyList<HouseholdShares> register, decimal rate) =>
        register.Sum(row => Amount(row.Shares, rate));

    /// A pool a few fen either side of what <paramref name="rate"/> pays, clamped at zero.
    public static Gen<Yuan> PoolNear(IReadOnlyList<HouseholdShares> register, decimal rate) =>
        Gen.Choose(-3, 3).Select(fen => new Yuan(Math.Max(0m, Paid(register, rate) + (fen / 100m))));

    private static int Pow10(int power) => (int)Math.Pow(10, power);
}
