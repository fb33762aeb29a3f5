using VillageCollective.Grains.Money;

namespace VillageCollective.Grains.Dividends;

/// <summary>
/// How the reserve and welfare fund (公积公益金) is set aside first (农村集体经济组织法 Art. 42): a percentage
/// of the distributable income, or a fixed amount.
/// </summary>
public abstract record ReserveRule
{
    private protected ReserveRule()
    {
    }

    /// <summary>The reserve in yuan for a distributable income, rounded to the fen (四舍五入).</summary>
    public abstract Yuan AmountFor(Yuan distributable);
}

/// <summary>The reserve is <paramref name="Percent"/>% of the distributable income (0–100, at most two decimals).</summary>
/// <exception cref="DomainException"><c>plan.reservePercent</c> (field <c>reservePercent</c>): outside 0–100 or too precise.</exception>
public sealed record ReservePercent(decimal Percent) : ReserveRule
{
    /// <summary>The percentage, 0–100.</summary>
    public decimal Percent { get; } = Percent is >= 0m and <= 100m && Percent == Math.Round(Percent, 2)
        ? Percent
        : throw new DomainException("plan.reservePercent", "reservePercent", $"公积公益金提取比例应在0至100之间，最多两位小数 (the reserve percentage is 0–100 with at most 2 decimals): {Percent}");

    /// <inheritdoc />
    public override Yuan AmountFor(Yuan distributable) =>
        distributable <= Yuan.Zero ? Yuan.Zero : Yuan.RoundToFen(distributable.Amount * Percent / 100m);
}

/// <summary>The reserve is a fixed amount in yuan, not negative.</summary>
/// <exception cref="DomainException"><c>plan.reserveNegative</c> (field <c>reserveAmount</c>).</exception>
public sealed record ReserveAmount(Yuan Amount) : ReserveRule
{
    /// <summary>The amount, yuan.</summary>
    public Yuan Amount { get; } = Amount >= Yuan.Zero
        ? Amount
        : throw new DomainException("plan.reserveNegative", "reserveAmount", $"公积公益金不能为负 (the reserve cannot be negative): {Amount}");

    /// <inheritdoc />
    public override Yuan AmountFor(Yuan distributable) => Amount;
}
