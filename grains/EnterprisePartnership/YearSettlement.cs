using VillageCollective.Grains.Dividends;
using VillageCollective.Grains.Money;
using VillageCollective.Grains.Shares;

namespace VillageCollective.Grains.Partnerships;

/// <summary>One party's line of a year's settlement.</summary>
/// <param name="VillageId">The village, or null for the enterprise.</param>
/// <param name="Days">Days of the year its contribution counted.</param>
/// <param name="Shares">Its shares in the partnership's register.</param>
/// <param name="DividendShares">Shares × days ÷ days in the year (cut to four decimals): what the profit share is paid on.</param>
/// <param name="Guarantee">Yuan of the guaranteed return or rent (villages only; zero for the enterprise).</param>
/// <param name="ProfitShare">Yuan of the distributed profit paid on its shares (per-share rule, to the fen).</param>
/// <param name="Owed">Yuan the enterprise owes the village for the year (zero for the enterprise's own line).</param>
/// <param name="Formula">How <paramref name="Owed"/> was reached, with the figures.</param>
public sealed record SettlementLine(long? VillageId, int Days, ShareCount Shares, ShareCount DividendShares, Yuan Guarantee, Yuan ProfitShare, Yuan Owed, string Formula);

/// <summary>
/// A year's settlement of a partnership (年度结算): from the enterprise's reported revenue and net profit, what each
/// village is owed, to the fen, with the formula. Σ lines' <see cref="SettlementLine.Owed"/> = <see cref="TotalOwed"/>;
/// Σ guarantees = <see cref="GuaranteeTotal"/>; Σ profit shares + <see cref="ProfitResidue"/> = <see cref="DistributedProfit"/>.
/// </summary>
/// <param name="Year">The settled calendar year.</param>
/// <param name="Revenue">The enterprise's reported revenue for the project, yuan.</param>
/// <param name="NetProfit">Its reported net profit, yuan (negative for a loss).</param>
/// <param name="DaysInYear">365 or 366.</param>
/// <param name="GuaranteeTotal">Yuan of rent or guarantee for the villages together, before the split.</param>
/// <param name="DistributedProfit">Yuan of net profit distributed to the shareholders (net profit × profit share %, zero on a loss).</param>
/// <param name="PerShareRate">Yuan per dividend share, to the fen (zero when nothing is distributed).</param>
/// <param name="ProfitResidue">Yuan of distributed profit left by rounding to the fen; kept by the partnership (carried forward).</param>
/// <param name="Lines">One line per party, in contract order.</param>
/// <param name="Statement">The statement's lines: the formula and the figures, in Chinese.</param>
public sealed record YearSettlement(int Year, Yuan Revenue, Yuan NetProfit, int DaysInYear, Yuan GuaranteeTotal, Yuan DistributedProfit,
    Yuan PerShareRate, Yuan ProfitResidue, IReadOnlyList<SettlementLine> Lines, IReadOnlyList<string> Statement)
{
    /// <summary>Yuan owed to all villages for the year.</summary>
    public Yuan TotalOwed => Yuan.Sum(Lines.Select(l => l.Owed));
}
