namespace VillageCollective.Grains.Comparison;

/// <summary>The median of a set of figures (中位数): the middle one, or the mean of the two middle ones, exact.</summary>
public static class Median
{
    /// <summary>The median of <paramref name="values"/>; null when there are none. An even count gives the exact mean of the two
    /// middle values (the caller rounds money to the fen).</summary>
    public static decimal? Of(IEnumerable<decimal> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return null;
        }
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2m;
    }
}
