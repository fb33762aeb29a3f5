using System.Globalization;

namespace VillageCollective.Grains.Shares;

/// <summary>
/// A number of shares (股), never negative, to at most four decimal places: shares are quantified to
/// persons and certified to households and can be fractional, e.g. Baiyanghe's 846.2 shares
/// (domain.md, "Shares" and "Rounding and money").
/// </summary>
public readonly record struct ShareCount : IComparable<ShareCount>
{
    /// <summary>The number of decimal places a share count may carry.</summary>
    public const int MaxDecimals = 4;

    /// <summary>Creates a share count.</summary>
    /// <param name="value">Shares, at least 0, at most four decimal places.</param>
    /// <exception cref="DomainException"><c>shares.negative</c> (field <c>shares</c>): below zero;
    /// <c>shares.too_precise</c> (field <c>shares</c>): more than four decimal places.</exception>
    public ShareCount(decimal value)
    {
        if (value < 0)
        {
            throw new DomainException("shares.negative", "shares",
                $"股数不能为负 (shares cannot be negative): {value.ToString(CultureInfo.InvariantCulture)}");
        }

        if (value != Math.Round(value, MaxDecimals))
        {
            throw new DomainException("shares.too_precise", "shares",
                $"股数最多保留4位小数 (shares allow at most 4 decimal places): {value.ToString(CultureInfo.InvariantCulture)}");
        }

        // Drop trailing zeros (0.2500 → 0.25) so the value stores and prints the same however it was typed.
        Value = value / 1.0000000000000000000000000000m;
    }

    /// <summary>No shares.</summary>
    public static ShareCount Zero => new(0m);

    /// <summary>The number of shares, without trailing zeros.</summary>
    public decimal Value { get; }

    /// <summary>Sum of share counts; zero for none.</summary>
    /// <param name="shares">Share counts.</param>
    public static ShareCount Sum(IEnumerable<ShareCount> shares)
    {
        ArgumentNullException.ThrowIfNull(shares);
        var total = 0m;
        foreach (var count in shares)
        {
            total += count.Value;
        }

        return new ShareCount(total);
    }

    /// <summary>Adds two share counts.</summary>
    /// <param name="left">Shares.</param>
    /// <param name="right">Shares.</param>
    public static ShareCount operator +(ShareCount left, ShareCount right) => new(left.Value + right.Value);

    /// <summary>Subtracts one share count from another.</summary>
    /// <param name="left">Shares.</param>
    /// <param name="right">Shares.</param>
    /// <exception cref="DomainException"><c>shares.negative</c> (field <c>shares</c>): <paramref name="right"/> exceeds <paramref name="left"/>.</exception>
    public static ShareCount operator -(ShareCount left, ShareCount right) => new(left.Value - right.Value);

    /// <summary>Whether <paramref name="left"/> is fewer shares than <paramref name="right"/>.</summary>
    /// <param name="left">Shares.</param>
    /// <param name="right">Shares.</param>
    public static bool operator <(ShareCount left, ShareCount right) => left.Value < right.Value;

    /// <summary>Whether <paramref name="left"/> is more shares than <paramref name="right"/>.</summary>
    /// <param name="left">Shares.</param>
    /// <param name="right">Shares.</param>
    public static bool operator >(ShareCount left, ShareCount right) => left.Value > right.Value;

    /// <summary>Whether <paramref name="left"/> is at most <paramref name="right"/>.</summary>
    /// <param name="left">Shares.</param>
    /// <param name="right">Shares.</param>
    public static bool operator <=(ShareCount left, ShareCount right) => left.Value <= right.Value;

    /// <summary>Whether <paramref name="left"/> is at least <paramref name="right"/>.</summary>
    /// <param name="left">Shares.</param>
    /// <param name="right">Shares.</param>
    public static bool operator >=(ShareCount left, ShareCount right) => left.Value >= right.Value;

    /// <summary>Orders share counts by value.</summary>
    /// <param name="other">Shares.</param>
    /// <returns>Negative, zero or positive as this count is less than, equal to or greater than <paramref name="other"/>.</returns>
    public int CompareTo(ShareCount other) => Value.CompareTo(other.Value);

    /// <summary>The count in invariant culture without trailing zeros: 846.2 → <c>846.2</c>, 1 → <c>1</c>, 0.2500 → <c>0.25</c>.</summary>
    public override string ToString() => Value.ToString("0.####", CultureInfo.InvariantCulture);
}
