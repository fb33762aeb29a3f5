namespace VillageCollective.Grains.Comparison;

/// <summary>A village whose class changed from one year to the next (e.g. lifted out of 薄弱村).</summary>
/// <param name="VillageId">The village.</param>
/// <param name="Year">The year of the new class.</param>
/// <param name="From">The class of the year before.</param>
/// <param name="To">The class of <paramref name="Year"/>.</param>
public sealed record ClassMove(long VillageId, int Year, VillageClass From, VillageClass To);

/// <summary>Counts per class and the moves between classes, from each village's class by year.</summary>
public static class ClassMoves
{
    /// <summary>
    /// The moves whose new year lies in <paramref name="fromYear"/>–<paramref name="toYear"/>: a village counts as moved in year y when it
    /// has a class in y − 1 and in y and they differ (a year without books has no class, so it breaks the comparison).
    /// </summary>
    /// <param name="classes">Per village, its class per year.</param>
    /// <param name="fromYear">The first year shown.</param>
    /// <param name="toYear">The last year shown.</param>
    public static List<ClassMove> Between(IReadOnlyDictionary<long, IReadOnlyDictionary<int, VillageClass>> classes, int fromYear, int toYear)
    {
        ArgumentNullException.ThrowIfNull(classes);
        var moves = new List<ClassMove>();
        foreach (var (village, byYear) in classes)
        {
            for (var year = fromYear; year <= toYear; year++)
            {
                if (byYear.TryGetValue(year - 1, out var before) && byYear.TryGetValue(year, out var now) && before != now)
                {
                    moves.Add(new ClassMove(village, year, before, now));
                }
            }
        }
        return [.. moves.OrderBy(m => m.Year).ThenBy(m => m.VillageId)];
    }
}
