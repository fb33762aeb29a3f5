using VillageCollective.Grains.Money;

namespace VillageCollective.Grains.Partnerships;

/// <summary>
/// Splits an amount among parties in proportion to their weights, to the fen, by the largest-remainder method
/// (最大余额法): each part is first rounded down to the fen, then the fen left over go one each to the parts with the
/// largest remainders (ties: the earlier party). The parts add up to the total exactly; no fen is lost or invented.
/// </summary>
public static class PooledSplit
{
    /// <summary>One party's weight: a key (a village id) and a non-negative weight (e.g. yuan × days contributed).</summary>
    /// <param name="Key">The caller's key for the party.</param>
    /// <param name="Value">The weight, not negative.</param>
    public readonly record struct Weight(long Key, decimal Value);

    /// <summary>One party's part.</summary>
    /// <param name="Key">The party's key, as given.</param>
    /// <param name="Amount">Yuan, to the fen.</param>
    public readonly record struct Part(long Key, Yuan Amount);

    /// <summary>Splits <paramref name="total"/> by <paramref name="weights"/>; parts in the weights' order.</summary>
    /// <param name="total">Yuan to split, not negative.</param>
    /// <param name="weights">At least one, none negative, keys unique; a total above zero needs a weight above zero.</param>
    /// <returns>One part per weight, adding up to <paramref name="total"/>.</returns>
    /// <exception cref="DomainException"><c>split.invalid</c> (field <c>weights</c>): no weights, a negative weight, a key
    /// twice, a negative total, or a positive total with all weights zero.</exception>
    public static IReadOnlyList<Part> Split(Yuan total, IReadOnlyList<Weight> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Count == 0 || weights.Any(w => w.Value < 0) || weights.Select(w => w.Key).Distinct().Count() != weights.Count || total < Yuan.Zero)
        {
            throw new DomainException("split.invalid", "weights", "分配权重无效 (the weights must be one per party and not negative, the total not negative)");
        }

        var sum = weights.Sum(w => w.Value);
        if (sum == 0)
        {
            return total == Yuan.Zero
                ? weights.Select(w => new Part(w.Key, Yuan.Zero)).ToList()
                : throw new DomainException("split.invalid", "weights", "权重合计为零，无法分配 (all weights are zero: nothing to split by)");
        }

        var fen = total.Fen;
        var floors = new long[weights.Count];
        var remainders = new decimal[weights.Count];
        for (var i = 0; i < weights.Count; i++)
        {
            // fen × weight ÷ sum in decimal: exact enough for any real amount (28 significant digits).
            var exact = fen * weights[i].Value / sum;
            floors[i] = (long)decimal.Floor(exact);
            remainders[i] = exact - floors[i];
        }

        var left = fen - floors.Sum();
        if (left < 0 || left > weights.Count)
        {
            throw new InvalidOperationException($"Pooled split broken: {left} fen left over for {weights.Count} parts.");
        }

        foreach (var i in Enumerable.Range(0, weights.Count).OrderByDescending(i => remainders[i]).ThenBy(i => i).Take(checked((int)left)))
        {
            floors[i]++;
        }

        return weights.Select((w, i) => new Part(w.Key, Yuan.FromFen(floors[i]))).ToList();
    }
}
