using VillageCollective.Grains.Shares;

namespace VillageCollective.Grains.Partnerships;

/// <summary>
/// A party to a partnership and its stake: a village (by id) or the enterprise (<see cref="VillageId"/> null), the day it
/// joined, and its contribution, which becomes shares (入股) at the contract's value per share.
/// </summary>
/// <param name="VillageId">The village's id, or null for the enterprise.</param>
/// <param name="JoinedOn">The first day its contribution counts (a date, China Standard Time).</param>
/// <param name="Contribution">What it brings, valued in yuan.</param>
public sealed record PartnershipParty(long? VillageId, DateOnly JoinedOn, Contribution Contribution)
{
    /// <summary>The contribution, never null.</summary>
    public Contribution Contribution { get; } = Contribution ?? throw new ArgumentNullException(nameof(Contribution));

    /// <summary>Whether this party is the enterprise.</summary>
    public bool IsEnterprise => VillageId is null;

    /// <summary>
    /// Shares for the contribution: value ÷ <paramref name="valuePerShare"/>, cut (not rounded) to four decimals so a
    /// party never holds more than it paid for.
    /// </summary>
    /// <param name="valuePerShare">Yuan per share, greater than zero.</param>
    public ShareCount SharesAt(Money.Yuan valuePerShare) => CutToShares(Contribution.Value.Amount / valuePerShare.Amount);

    /// <summary>A number of shares cut (toward zero) to the four decimals a share count carries: 0.003125 → 0.0031.</summary>
    /// <param name="shares">Shares at any precision, not negative.</param>
    public static ShareCount CutToShares(decimal shares) => new(decimal.Truncate(shares * 10_000m) / 10_000m);
}
