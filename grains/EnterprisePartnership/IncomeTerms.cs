using System.Globalization;
using VillageCollective.Grains.Money;

namespace VillageCollective.Grains.Partnerships;

/// <summary>How the villages' yearly income from a partnership is reckoned.</summary>
public enum IncomeMode
{
    /// <summary>A fixed annual rent (固定租金) to the villages, whatever the profit.</summary>
    FixedRent,

    /// <summary>A guaranteed return (保底收益) plus a share of the distributed net profit (盈余分红), e.g. 510 yuan a mu + 30%.</summary>
    GuaranteePlusProfitShare,

    /// <summary>The greater of the guaranteed return and the profit share (保底与分红取其高).</summary>
    GreaterOfGuaranteeAndProfitShare,
}

/// <summary>
/// A contract's income terms (domain.md, "Joint-venture terms in practice"). Amounts are yuan a year for the villages
/// together; a percentage is of the villages' contribution value (guarantee) or of the year's net profit (profit share).
/// </summary>
public sealed record IncomeTerms
{
    private IncomeTerms(IncomeMode mode, Yuan? fixedRent, Yuan? guaranteeAmount, decimal? guaranteePercent, decimal profitSharePercent)
    {
        Mode = mode;
        FixedRent = fixedRent;
        GuaranteeAmount = guaranteeAmount;
        GuaranteePercent = guaranteePercent;
        ProfitSharePercent = profitSharePercent;
    }

    /// <summary>Which rule applies.</summary>
    public IncomeMode Mode { get; }

    /// <summary>The annual rent in yuan (<see cref="IncomeMode.FixedRent"/> only).</summary>
    public Yuan? FixedRent { get; }

    /// <summary>The guaranteed return as yuan a year for the villages together, or null when given as a percentage.</summary>
    public Yuan? GuaranteeAmount { get; }

    /// <summary>The guaranteed return as percent a year of the villages' contribution value (e.g. 8 for 8%), or null.</summary>
    public decimal? GuaranteePercent { get; }

    /// <summary>Percent (0–100) of the year's net profit distributed to the partnership's shareholders (盈余分红); 0 for rent.</summary>
    public decimal ProfitSharePercent { get; }

    /// <summary>A fixed annual rent.</summary>
    /// <param name="rent">Yuan a year, greater than zero.</param>
    /// <exception cref="DomainException"><c>terms.notPositive</c> (field <c>terms.fixedRent</c>).</exception>
    public static IncomeTerms Rent(Yuan rent) => rent > Yuan.Zero
        ? new IncomeTerms(IncomeMode.FixedRent, rent, null, null, 0m)
        : throw new DomainException("terms.notPositive", "terms.fixedRent", $"固定租金必须大于零 (the rent must be positive): {rent}");

    /// <summary>A guarantee (an amount or a percentage, exactly one) with a profit share, added or the greater of the two.</summary>
    /// <param name="mode"><see cref="IncomeMode.GuaranteePlusProfitShare"/> or <see cref="IncomeMode.GreaterOfGuaranteeAndProfitShare"/>.</param>
    /// <param name="guaranteeAmount">Yuan a year (≥ 0), or null.</param>
    /// <param name="guaranteePercent">Percent a year of the villages' contribution (0–100), or null.</param>
    /// <param name="profitSharePercent">Percent of net profit distributed, 0–100.</param>
    /// <exception cref="DomainException"><c>terms.profitShare</c> (field <c>terms.profitSharePercent</c>): below 0 or above 100;
    /// <c>terms.guarantee</c> (field <c>terms.guarantee</c>): neither or both of amount and percent, a negative amount, a percent
    /// outside 0–100, or (greater-of) a zero guarantee; <c>terms.mode</c> (field <c>terms.mode</c>): the rent mode.</exception>
    public static IncomeTerms Guaranteed(IncomeMode mode, Yuan? guaranteeAmount, decimal? guaranteePercent, decimal profitSharePercent)
    {
        if (mode == IncomeMode.FixedRent)
        {
            throw new DomainException("terms.mode", "terms.mode", "固定租金请用租金条款 (a fixed rent takes the rent terms)");
        }

        if (profitSharePercent is < 0 or > 100)
        {
            throw new DomainException("terms.profitShare", "terms.profitSharePercent",
                $"盈余分红比例应在0%至100%之间 (the profit share must be 0–100%): {profitSharePercent.ToString(CultureInfo.InvariantCulture)}%");
        }

        if ((guaranteeAmount is null) == (guaranteePercent is null))
        {
            throw new DomainException("terms.guarantee", "terms.guarantee",
                "保底收益须填写金额或比例之一 (give the guarantee as either an amount or a percentage)");
        }

        if (guaranteeAmount < Yuan.Zero || guaranteePercent is < 0 or > 100)
        {
            throw new DomainException("terms.guarantee", "terms.guarantee", "保底收益不能为负，比例不超过100% (the guarantee cannot be negative or above 100%)");
        }

        if (mode == IncomeMode.GreaterOfGuaranteeAndProfitShare && (guaranteeAmount == Yuan.Zero || guaranteePercent == 0))
        {
            throw new DomainException("terms.guarantee", "terms.guarantee", "“取其高”须有保底收益 (the greater-of rule needs a guarantee above zero)");
        }

        return new IncomeTerms(mode, null, guaranteeAmount, guaranteePercent is { } p ? p / 1.0000m : null, profitSharePercent / 1.0000m);
    }

    /// <summary>The terms in words, e.g. <c>保底：村出资额的8%/年 + 盈余分红30%</c>.</summary>
    public string Describe()
    {
        var guarantee = GuaranteeAmount is { } a ? $"保底{a}元/年" : $"保底：村出资额的{Percent(GuaranteePercent ?? 0)}/年";
        return Mode switch
        {
            IncomeMode.FixedRent => $"固定租金{FixedRent}元/年",
            IncomeMode.GuaranteePlusProfitShare => $"{guarantee} + 盈余分红{Percent(ProfitSharePercent)}",
            _ => $"{guarantee}与盈余分红{Percent(ProfitSharePercent)}取其高",
        };
    }

    internal static string Percent(decimal percent) => percent.ToString("0.####", CultureInfo.InvariantCulture) + "%";
}
