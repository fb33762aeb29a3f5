using System.Globalization;
using VillageCollective.Grains.Money;

namespace VillageCollective.Grains.Partnerships;

/// <summary>What a party brings to a partnership (村出资源、企出实力; domain.md, "Village–enterprise joint operation").</summary>
public enum ContributionKind
{
    /// <summary>Land (土地), in mu at a value per mu.</summary>
    Land,

    /// <summary>Assets (资产: buildings, equipment, idle assets) at an appraised value.</summary>
    Assets,

    /// <summary>Cash (资金) in yuan.</summary>
    Cash,
}

/// <summary>
/// One party's contribution to a partnership, valued in yuan: land (mu × value per mu, rounded to the fen 四舍五入),
/// assets at their appraised value, or cash.
/// </summary>
public sealed record Contribution
{
    private Contribution(ContributionKind kind, decimal? mu, Yuan? valuePerMu, Yuan value)
    {
        Kind = kind;
        Mu = mu;
        ValuePerMu = valuePerMu;
        Value = value > Yuan.Zero
            ? value
            : throw new DomainException("contribution.notPositive", "contribution",
                $"出资额必须大于零 (a contribution must be worth more than zero): {value}");
    }

    /// <summary>Land, cash or assets.</summary>
    public ContributionKind Kind { get; }

    /// <summary>Land area in mu (亩), for land only.</summary>
    public decimal? Mu { get; }

    /// <summary>Value per mu in yuan, for land only.</summary>
    public Yuan? ValuePerMu { get; }

    /// <summary>The contribution's value in yuan, greater than zero.</summary>
    public Yuan Value { get; }

    /// <summary>Land: <paramref name="mu"/> mu at <paramref name="valuePerMu"/> yuan a mu; value = round(mu × value per mu, fen).</summary>
    /// <param name="mu">Area in mu, greater than zero, at most four decimals.</param>
    /// <param name="valuePerMu">Yuan per mu, greater than zero.</param>
    /// <exception cref="DomainException"><c>contribution.notPositive</c> (field <c>contribution.mu</c>, <c>contribution.valuePerMu</c> or
    /// <c>contribution</c>): an area, a price or the value not above zero; <c>contribution.muTooPrecise</c> (field <c>contribution.mu</c>).</exception>
    public static Contribution Land(decimal mu, Yuan valuePerMu)
    {
        if (mu <= 0)
        {
            throw new DomainException("contribution.notPositive", "contribution.mu",
                $"土地面积必须大于零亩 (the land must be more than 0 mu): {mu.ToString(CultureInfo.InvariantCulture)}");
        }

        if (mu != Math.Round(mu, 4))
        {
            throw new DomainException("contribution.muTooPrecise", "contribution.mu", "亩数最多保留4位小数 (mu allow at most 4 decimals)");
        }

        if (valuePerMu <= Yuan.Zero)
        {
            throw new DomainException("contribution.notPositive", "contribution.valuePerMu",
                $"每亩作价必须大于零 (the value per mu must be positive): {valuePerMu}");
        }

        return new Contribution(ContributionKind.Land, mu / 1.0000m, valuePerMu, Yuan.RoundToFen(mu * valuePerMu.Amount));
    }

    /// <summary>Assets at their appraised value (评估作价).</summary>
    /// <param name="appraisedValue">Yuan, greater than zero.</param>
    /// <exception cref="DomainException"><c>contribution.notPositive</c> (field <c>contribution</c>).</exception>
    public static Contribution Assets(Yuan appraisedValue) => new(ContributionKind.Assets, null, null, appraisedValue);

    /// <summary>Cash in yuan.</summary>
    /// <param name="amount">Yuan, greater than zero.</param>
    /// <exception cref="DomainException"><c>contribution.notPositive</c> (field <c>contribution</c>).</exception>
    public static Contribution Cash(Yuan amount) => new(ContributionKind.Cash, null, null, amount);

    /// <summary>How the value was reached, e.g. <c>土地 300亩 × 510.00元/亩 = 153,000.00元</c>.</summary>
    public string Describe() => Kind switch
    {
        ContributionKind.Land => $"土地 {Mu!.Value.ToString("0.####", CultureInfo.InvariantCulture)}亩 × {ValuePerMu}元/亩 = {Value}元",
        ContributionKind.Assets => $"资产评估作价 {Value}元",
        _ => $"现金 {Value}元",
    };
}
