using VillageCollective.Grains.Money;
using VillageCollective.Grains.Shares;

namespace VillageCollective.Grains.Dividends;

/// <summary>
/// The outcome of a dividend run (分红计算): the per-share rate, one payout line per household with shares, and what
/// is left over. Nothing disappears: <c>Pool = TotalPaid + Residue</c> to the fen, and the residue carries forward to
/// <see cref="ResidueCarriedTo"/> (domain.md, "Rounding and money").
/// </summary>
/// <remarks>
/// The constructor checks that the figures add up, so a result read back from storage is checked the same way as
/// one just computed. Lines are copied; equality compares them one by one. Properties are get-only.
/// </remarks>
/// <param name="PerShareRate">Yuan per share, greater than zero.</param>
/// <param name="TotalShares">Shares over the whole register; equals the sum of the lines' shares.</param>
/// <param name="Pool">Yuan set aside for the members (the plan's members' pool).</param>
/// <param name="Lines">One line per household with shares, in register order.</param>
/// <param name="TotalPaid">Yuan paid, the sum of the lines' amounts.</param>
/// <param name="Residue">Yuan not paid (<c>Pool − TotalPaid</c>), never negative.</param>
/// <exception cref="InvalidOperationException">The figures do not add up: a line's amount is not
/// round(shares × rate, fen), a line has no shares, a household appears twice, the lines' shares or amounts differ from
/// <paramref name="TotalShares"/> or <paramref name="TotalPaid"/>, the residue is negative, or
/// Pool ≠ TotalPaid + Residue. That is a broken invariant (a bug or corrupt data), not a user error.</exception>
/// <exception cref="ArgumentNullException"><paramref name="Lines"/> is null.</exception>
public sealed record DividendRunResult(
    Yuan PerShareRate, ShareCount TotalShares, Yuan Pool, IReadOnlyList<PayoutLine> Lines, Yuan TotalPaid, Yuan Residue)
{
    /// <summary>Where the residue goes: the sub-account 未分配收益 (undistributed income), which carries forward to next
    /// year (农村集体经济组织会计制度; domain.md, "Accounting" and "Rounding and money").</summary>
    public const string ResidueCarriedTo = "未分配收益";

    /// <summary>Yuan per share.</summary>
    public Yuan PerShareRate { get; } = PerShareRate;

    /// <summary>Shares over the whole register.</summary>
    public ShareCount TotalShares { get; } = TotalShares;

    /// <summary>Yuan set aside for the members.</summary>
    public Yuan Pool { get; } = Pool;

    /// <summary>The payout lines, in register order.</summary>
    public IReadOnlyList<PayoutLine> Lines { get; } = Verified(PerShareRate, TotalShares, Pool, Lines, TotalPaid, Residue);

    /// <summary>Yuan paid in total.</summary>
    public Yuan TotalPaid { get; } = TotalPaid;

    /// <summary>Yuan left over, carried to <see cref="ResidueCarriedTo"/>.</summary>
    public Yuan Residue { get; } = Residue;

    /// <summary>Whether both results have the same figures and the same lines in the same order.</summary>
    /// <param name="other">Another result.</param>
    public bool Equals(DividendRunResult? other) =>
        other is not null
        && PerShareRate == other.PerShareRate && TotalShares == other.TotalShares && Pool == other.Pool
        && TotalPaid == other.TotalPaid && Residue == other.Residue && Lines.SequenceEqual(other.Lines);

    /// <summary>A hash over the figures and the number of lines.</summary>
    public override int GetHashCode() => HashCode.Combine(PerShareRate, TotalShares, Pool, TotalPaid, Residue, Lines.Count);

    private static IReadOnlyList<PayoutLine> Verified(
        Yuan rate, ShareCount totalShares, Yuan pool, IReadOnlyList<PayoutLine> lines, Yuan totalPaid, Yuan residue)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var copy = lines.ToArray();
        if (rate <= Yuan.Zero)
        {
            throw Broken($"the per-share rate {rate} is not positive");
        }

        var households = new HashSet<long>();
        foreach (var line in copy)
        {
            if (line.Shares == ShareCount.Zero)
            {
                throw Broken($"household {line.HouseholdId} has a line without shares");
            }

            if (!households.Add(line.HouseholdId))
            {
                throw Broken($"household {line.HouseholdId} has two lines");
            }

            if (line.Amount != Yuan.RoundToFen(line.Shares.Value * rate.Amount))
            {
                throw Broken($"household {line.HouseholdId} gets {line.Amount}, not round({line.Shares} × {rate})");
            }
        }

        if (ShareCount.Sum(copy.Select(l => l.Shares)) != totalShares)
        {
            throw Broken($"the lines' shares do not add up to {totalShares}");
        }

        if (Yuan.Sum(copy.Select(l => l.Amount)) != totalPaid)
        {
            throw Broken($"the lines' amounts do not add up to {totalPaid}");
        }

        if (residue < Yuan.Zero || totalPaid + residue != pool)
        {
            throw Broken($"pool {pool} ≠ paid {totalPaid} + residue {residue}, or the residue is negative");
        }

        return Array.AsReadOnly(copy);
    }

    private static InvalidOperationException Broken(string what) =>
        new($"Dividend run invariant broken: {what}.");
}
