using System.Globalization;

namespace VillageCollective.Grains.Money;

/// <summary>
/// An amount of money in yuan (元), exact to the fen (分, 0.01 yuan), as the accounting rules
/// of the collective economic organisations require (domain.md, "Accounting" and "Rounding and money").
/// </summary>
/// <remarks>
/// The amount may be negative: this type is an amount, and the rules that use it decide its sign
/// (a members' pool is never negative, a residue never negative). The scale is normalised to
/// exactly two decimal places, so <c>220m</c> and <c>220.00m</c> are equal and print the same.
/// </remarks>
public readonly record struct Yuan : IComparable<Yuan>
{
    /// <summary>
    /// The rounding used for money: 四舍五入 (half away from zero), the usual Chinese accounting
    /// rounding (domain.md, "Rounding and money"). Banker's rounding would surprise the village.
    /// </summary>
    public const MidpointRounding Rounding = MidpointRounding.AwayFromZero;

    /// <summary>Creates an amount of money.</summary>
    /// <param name="amount">The amount in yuan, with at most two decimal places (fen).</param>
    /// <exception cref="DomainException"><c>yuan.too_precise</c> (field <c>amount</c>): more than two decimal places.</exception>
    public Yuan(decimal amount)
    {
        if (amount != Math.Round(amount, 2))
        {
            throw new DomainException("yuan.too_precise", "amount",
                $"金额最多保留2位小数（到分） (amounts allow at most 2 decimal places, to the fen): {amount.ToString(CultureInfo.InvariantCulture)}");
        }

        // Round(…, 2) drops surplus trailing zeros, adding 0.00m raises the scale to 2: 220 → 220.00.
        Amount = Math.Round(amount, 2) + 0.00m;
    }

    /// <summary>Zero yuan.</summary>
    public static Yuan Zero => new(0m);

    /// <summary>The amount in yuan, with exactly two decimal places.</summary>
    public decimal Amount { get; }

    /// <summary>The amount in fen (1 yuan = 100 fen).</summary>
    /// <exception cref="OverflowException">The amount does not fit a 64-bit count of fen.</exception>
    public long Fen => checked((long)(Amount * 100m));

    /// <summary>An amount given in fen.</summary>
    /// <param name="fen">The amount in fen (0.01 yuan).</param>
    public static Yuan FromFen(long fen) => new(fen / 100m);

    /// <summary>
    /// Rounds any decimal number of yuan to the fen with <see cref="Rounding"/> (四舍五入), e.g. a
    /// household's shares × the per-share rate (domain.md, "Rounding and money").
    /// </summary>
    /// <param name="value">An amount in yuan, at any precision.</param>
    public static Yuan RoundToFen(decimal value) => new(Math.Round(value, 2, Rounding));

    /// <summary>Sum of amounts; zero for none.</summary>
    /// <param name="amounts">Amounts in yuan.</param>
    /// <exception cref="OverflowException">The sum exceeds the range of <see cref="decimal"/>.</exception>
    public static Yuan Sum(IEnumerable<Yuan> amounts)
    {
        ArgumentNullException.ThrowIfNull(amounts);
        var total = 0m;
        foreach (var amount in amounts)
        {
            total += amount.Amount;
        }

        return new Yuan(total);
    }

    /// <summary>Adds two amounts.</summary>
    /// <param name="left">An amount in yuan.</param>
    /// <param name="right">An amount in yuan.</param>
    public static Yuan operator +(Yuan left, Yuan right) => new(left.Amount + right.Amount);

    /// <summary>Subtracts one amount from another; the result may be negative.</summary>
    /// <param name="left">An amount in yuan.</param>
    /// <param name="right">An amount in yuan.</param>
    public static Yuan operator -(Yuan left, Yuan right) => new(left.Amount - right.Amount);

    /// <summary>Whether <paramref name="left"/> is less than <paramref name="right"/>.</summary>
    /// <param name="left">An amount in yuan.</param>
    /// <param name="right">An amount in yuan.</param>
    public static bool operator <(Yuan left, Yuan right) => left.Amount < right.Amount;

    /// <summary>Whether <paramref name="left"/> is greater than <paramref name="right"/>.</summary>
    /// <param name="left">An amount in yuan.</param>
    /// <param name="right">An amount in yuan.</param>
    public static bool operator >(Yuan left, Yuan right) => left.Amount > right.Amount;

    /// <summary>Whether <paramref name="left"/> is less than or equal to <paramref name="right"/>.</summary>
    /// <param name="left">An amount in yuan.</param>
    /// <param name="right">An amount in yuan.</param>
    public static bool operator <=(Yuan left, Yuan right) => left.Amount <= right.Amount;

    /// <summary>Whether <paramref name="left"/> is greater than or equal to <paramref name="right"/>.</summary>
    /// <param name="left">An amount in yuan.</param>
    /// <param name="right">An amount in yuan.</param>
    public static bool operator >=(Yuan left, Yuan right) => left.Amount >= right.Amount;

    /// <summary>Orders amounts by value.</summary>
    /// <param name="other">An amount in yuan.</param>
    /// <returns>Negative, zero or positive as this amount is less than, equal to or greater than <paramref name="other"/>.</returns>
    public int CompareTo(Yuan other) => Amount.CompareTo(other.Amount);

    /// <summary>The amount with thousands separators and two decimals, invariant culture: <c>186,164.00</c>.</summary>
    public override string ToString() => Amount.ToString("N2", CultureInfo.InvariantCulture);

    /// <summary>The amount with two decimals and no separators, invariant culture: <c>186164.00</c> (for CSV and storage).</summary>
    public string ToPlainString() => Amount.ToString("F2", CultureInfo.InvariantCulture);
}
