using VillageCollective.Grains.Money;

namespace VillageCollective.Grains.Books;

/// <summary>
/// The upper half of the statement 收益及收益分配表 for one fiscal year, computed from the year's entries,
/// to the fen: income by category − costs by category = 本年收益 (net income); 本年收益 + 年初未分配收益
/// (opening undistributed income) + 其他转入 (other transfers in) = 可分配收益 (distributable income).
/// Source: 农村集体经济组织会计制度, 收益及收益分配表 (domain.md "Accounting").
/// </summary>
public sealed class IncomeStatement
{
    private IncomeStatement(int year, IReadOnlyDictionary<EntryCategory, Yuan> byCategory, Yuan openingUndistributed, Yuan otherTransfersIn)
    {
        Year = year;
        ByCategory = byCategory;
        OpeningUndistributed = openingUndistributed;
        OtherTransfersIn = otherTransfersIn;
        TotalIncome = Yuan.Sum(byCategory.Where(c => c.Key.IsIncome).Select(c => c.Value));
        TotalCost = Yuan.Sum(byCategory.Where(c => !c.Key.IsIncome).Select(c => c.Value));
        NetIncome = TotalIncome - TotalCost;
        Distributable = NetIncome + OpeningUndistributed + OtherTransfersIn;
    }

    /// <summary>The fiscal year.</summary>
    public int Year { get; }

    /// <summary>Yuan per category (every category present, zero when nothing was booked), reversals netted.</summary>
    public IReadOnlyDictionary<EntryCategory, Yuan> ByCategory { get; }

    /// <summary>Σ income categories, yuan.</summary>
    public Yuan TotalIncome { get; }

    /// <summary>Σ cost categories, yuan.</summary>
    public Yuan TotalCost { get; }

    /// <summary>本年收益: income − costs, yuan; negative for a loss.</summary>
    public Yuan NetIncome { get; }

    /// <summary>年初未分配收益: the previous year's closing undistributed income, yuan.</summary>
    public Yuan OpeningUndistributed { get; }

    /// <summary>其他转入: other transfers in, yuan.</summary>
    public Yuan OtherTransfersIn { get; }

    /// <summary>可分配收益: net income + opening undistributed + other transfers in, yuan.</summary>
    public Yuan Distributable { get; }

    /// <summary>Computes the statement of <paramref name="year"/> from its entries.</summary>
    /// <exception cref="DomainException"><c>entry.year</c> (field <c>year</c>): an entry of another year.</exception>
    public static IncomeStatement Compute(int year, Yuan openingUndistributed, Yuan otherTransfersIn, IEnumerable<BookEntry> entries)
    {
        var byCategory = EntryCategory.All.ToDictionary(c => c, _ => Yuan.Zero);
        foreach (var entry in entries)
        {
            if (entry.Year != year)
            {
                throw new DomainException("entry.year", "year", $"分录属于{entry.Year}年度，不属于{year}年度 (an entry of {entry.Year} in the books of {year})");
            }
            byCategory[entry.Category] += entry.Amount;
        }
        return new IncomeStatement(year, byCategory, openingUndistributed, otherTransfersIn);
    }

    /// <summary>
    /// The statement of <paramref name="year"/> from its entries already summed per category (reversals netted), yuan; a category
    /// not given is zero. The same arithmetic as <see cref="Compute"/>, for reading many villages' books in one query.
    /// </summary>
    public static IncomeStatement FromTotals(int year, Yuan openingUndistributed, Yuan otherTransfersIn, IReadOnlyDictionary<EntryCategory, Yuan> totals)
    {
        ArgumentNullException.ThrowIfNull(totals);
        var byCategory = EntryCategory.All.ToDictionary(c => c, c => totals.GetValueOrDefault(c, Yuan.Zero));
        return new IncomeStatement(year, byCategory, openingUndistributed, otherTransfersIn);
    }
}
