using VillageCollective.Grains.Money;

namespace VillageCollective.Grains.Dividends;

/// <summary>The member assembly fixes the per-share rate (农村集体经济组织法 Art. 26: the assembly approves the plan).</summary>
/// <param name="PerShare">Yuan per share, greater than zero, to the fen.</param>
/// <exception cref="DomainException"><c>plan.rateNotPositive</c> (field <c>perShareRate</c>): not greater than zero.</exception>
public sealed record FixedRate(Yuan PerShare) : RateRule
{
    /// <summary>Yuan per share, greater than zero.</summary>
    public Yuan PerShare { get; } = PerShare > Yuan.Zero
        ? PerShare
        : throw new DomainException("plan.rateNotPositive", "perShareRate",
            $"每股分红必须大于0 (the per-share rate must be greater than 0 yuan): {PerShare}");
}
