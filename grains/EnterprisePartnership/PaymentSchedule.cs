using System.Globalization;
using VillageCollective.Grains.Money;

namespace VillageCollective.Grains.Partnerships;

/// <summary>One instalment of a year's payment: a day of the year after the settled year and the percent of what is owed due by then.</summary>
/// <param name="Month">1–12.</param>
/// <param name="Day">A day that exists in that month (29 February falls back to the 28th in a common year).</param>
/// <param name="Percent">Percent of the year's amount owed, above 0.</param>
public readonly record struct Instalment(int Month, int Day, decimal Percent);

/// <summary>
/// When a settled year's money is due: instalments in the calendar year after the settled year (the year's profit is known
/// only when the year is over), their percentages adding up to exactly 100. The amount of each instalment is the owed
/// amount split by <see cref="PooledSplit"/> (largest remainder, to the fen), so the instalments add up to the amount owed.
/// </summary>
public sealed record PaymentSchedule
{
    /// <summary>Creates a schedule.</summary>
    /// <param name="instalments">At least one; dates in order, unique; percentages above 0 and adding up to 100.</param>
    /// <exception cref="DomainException"><c>schedule.invalid</c> (field <c>schedule</c>): none, a date that does not exist,
    /// dates not in order, a percentage not above 0, or percentages not adding up to 100.</exception>
    public PaymentSchedule(IReadOnlyList<Instalment> instalments)
    {
        ArgumentNullException.ThrowIfNull(instalments);
        if (instalments.Count == 0)
        {
            throw Refused("付款计划至少一期 (the schedule needs at least one instalment)");
        }

        for (var i = 0; i < instalments.Count; i++)
        {
            var (month, day, percent) = instalments[i];
            if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(2024, month))
            {
                throw Refused($"第{i + 1}期日期{month}月{day}日不存在 (instalment {i + 1}: no such date)");
            }

            if (percent <= 0)
            {
                throw Refused($"第{i + 1}期比例必须大于零 (instalment {i + 1}: the percentage must be positive)");
            }

            if (i > 0 && (month, day).CompareTo((instalments[i - 1].Month, instalments[i - 1].Day)) <= 0)
            {
                throw Refused("付款日期须按先后排列 (instalments must be in date order)");
            }
        }

        var total = instalments.Sum(i => i.Percent);
        if (total != 100m)
        {
            throw Refused($"各期比例合计应为100%，现为{total.ToString("0.####", CultureInfo.InvariantCulture)}% (the percentages must add up to 100)");
        }

        Instalments = instalments.ToArray();
    }

    /// <summary>All due on 31 March of the following year.</summary>
    public static PaymentSchedule Default { get; } = new([new Instalment(3, 31, 100m)]);

    /// <summary>The instalments in date order.</summary>
    public IReadOnlyList<Instalment> Instalments { get; }

    /// <summary>The instalments of <paramref name="settledYear"/>'s amount: due date and yuan, adding up to <paramref name="owed"/> exactly.</summary>
    /// <param name="owed">Yuan owed for the year, not negative.</param>
    /// <param name="settledYear">The settled year; instalments fall due in the year after.</param>
    public IReadOnlyList<(DateOnly Due, Yuan Amount)> Due(Yuan owed, int settledYear)
    {
        var parts = PooledSplit.Split(owed, Instalments.Select((x, i) => new PooledSplit.Weight(i, x.Percent)).ToList());
        return Instalments.Select((x, i) => (DueDate(x, settledYear + 1), parts[i].Amount)).ToList();
    }

    /// <summary>Yuan of <paramref name="owed"/> that has fallen due on or before <paramref name="asOf"/>.</summary>
    /// <param name="owed">Yuan owed for the year.</param>
    /// <param name="settledYear">The settled year.</param>
    /// <param name="asOf">A date (China Standard Time).</param>
    public Yuan DueBy(Yuan owed, int settledYear, DateOnly asOf) =>
        Yuan.Sum(Due(owed, settledYear).Where(d => d.Due <= asOf).Select(d => d.Amount));

    /// <summary>The schedule in words, e.g. <c>次年3月31日前付100%</c>.</summary>
    public string Describe() => string.Join("；", Instalments.Select(i => $"次年{i.Month}月{i.Day}日前付{IncomeTerms.Percent(i.Percent)}"));

    private static DateOnly DueDate(Instalment instalment, int year) =>
        new(year, instalment.Month, Math.Min(instalment.Day, DateTime.DaysInMonth(year, instalment.Month)));

    private static DomainException Refused(string message) => new("schedule.invalid", "schedule", message);
}
