namespace VillageCollective.Grains.Dividends;

/// <summary>
/// How a distribution plan sets the per-share rate (每股分红): either the member assembly fixes it
/// (<see cref="FixedRate"/>, e.g. 220 yuan a share at Baiyanghe) or it is derived from the members' pool,
/// rounded down to a unit (<see cref="DerivedRate"/>). Only these two kinds exist.
/// </summary>
public abstract record RateRule
{
    // Closed hierarchy: only FixedRate and DerivedRate, in this assembly, derive from it.
    private protected RateRule()
    {
    }
}
