namespace VillageCollective.Grains.Dividends;

/// <summary>
/// The per-share rate is derived from the members' pool: pool ÷ total shares, rounded down to <paramref name="Unit"/>,
/// then lowered by one unit at a time while rounding each household to the fen would pay more than the pool
/// (domain.md, "Rounding and money").
/// </summary>
/// <param name="Unit">The unit the rate is rounded down to.</param>
/// <exception cref="ArgumentNullException"><paramref name="Unit"/> is null.</exception>
public sealed record DerivedRate(RoundingUnit Unit) : RateRule
{
    /// <summary>The unit the rate is rounded down to.</summary>
    public RoundingUnit Unit { get; } = Unit ?? throw new ArgumentNullException(nameof(Unit));
}
