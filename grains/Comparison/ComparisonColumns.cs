namespace VillageCollective.Grains.Comparison;

/// <summary>The kind of a figure, which says how it is shown and summed: yuan (2 decimals), shares (up to 4), a count, a percentage.</summary>
public enum FigureUnit
{
    /// <summary>Yuan to the fen.</summary>
    Yuan,

    /// <summary>Shares, up to 4 decimals.</summary>
    Shares,

    /// <summary>Households or members.</summary>
    Count,

    /// <summary>A percentage, 2 decimals.</summary>
    Percent,
}

/// <summary>One column of the comparison: a machine key, the Chinese label, its unit, and whether a group's total is the sum.</summary>
/// <param name="Key">camelCase key, e.g. <c>operatingIncome</c>.</param>
/// <param name="Label">The Chinese label, e.g. 经营性收入.</param>
/// <param name="Unit">How it is shown and summed.</param>
/// <param name="Additive">True when a township's or county's total is the sum over its villages.</param>
/// <param name="Value">The figure of a village's year; null where it does not apply.</param>
public sealed record ComparisonColumn(string Key, string Label, FigureUnit Unit, bool Additive, Func<VillageYearFigures, decimal?> Value);

/// <summary>The columns of the comparison, in the table's order (issue 7's list).</summary>
public static class ComparisonColumns
{
    /// <summary>Every column, in order.</summary>
    public static IReadOnlyList<ComparisonColumn> All { get; } =
    [
        new("members", "成员", FigureUnit.Count, true, f => f.Members),
        new("households", "户数", FigureUnit.Count, true, f => f.Households),
        new("shares", "总股数", FigureUnit.Shares, true, f => f.Shares),
        new("operatingIncome", "经营性收入", FigureUnit.Yuan, true, f => f.HasBooks ? f.OperatingIncome.Amount : null),
        new("totalIncome", "总收入", FigureUnit.Yuan, true, f => f.HasBooks ? f.TotalIncome.Amount : null),
        new("netIncome", "本年收益", FigureUnit.Yuan, true, f => f.HasBooks ? f.NetIncome.Amount : null),
        new("distributable", "可分配收益", FigureUnit.Yuan, true, f => f.HasBooks ? f.Distributable.Amount : null),
        new("reserve", "公积公益金", FigureUnit.Yuan, true, f => f.Reserve?.Amount),
        new("membersPool", "成员分配", FigureUnit.Yuan, true, f => f.MembersPool?.Amount),
        new("perShareDividend", "每股分红", FigureUnit.Yuan, false, f => f.PerShareDividend?.Amount),
        new("perMemberDividend", "人均分红", FigureUnit.Yuan, false, f => f.PerMemberDividend?.Amount),
        new("totalPaid", "分红总额", FigureUnit.Yuan, true, f => f.TotalPaid?.Amount),
        new("paidOnDividendDay", "大会当日发放", FigureUnit.Yuan, true, f => f.PaidOnDividendDay?.Amount),
        new("paidOnDividendDayPercent", "当日发放占比%", FigureUnit.Percent, false, f => f.PaidOnDividendDayPercent),
        new("jointVentureIncome", "联营收益", FigureUnit.Yuan, true, f => f.HasBooks ? f.JointVentureIncome.Amount : null),
        new("jointVenturePercent", "联营收益占比%", FigureUnit.Percent, false, f => f.JointVenturePercent),
        new("operatingIncomeGrowthPercent", "经营性收入增长%", FigureUnit.Percent, false, f => f.OperatingIncomeGrowthPercent),
    ];

    /// <summary>A figure rounded as its unit is shown: yuan and percentages to 2 decimals (四舍五入), shares to 4, counts to 1 (a median of two may be x.5).</summary>
    public static decimal Round(FigureUnit unit, decimal value) => unit switch
    {
        FigureUnit.Shares => Math.Round(value, 4, Money.Yuan.Rounding),
        FigureUnit.Count => Math.Round(value, 1, Money.Yuan.Rounding),
        _ => Math.Round(value, 2, Money.Yuan.Rounding),
    };
}

/// <summary>A township's or county's totals and medians over its villages in one year, by column key.</summary>
/// <param name="Villages">How many villages the group holds that year.</param>
/// <param name="Totals">
/// Σ of the additive columns. The rates are the group's own, of its sums (as a 合计 row of a statistics table shows them):
/// 当日发放占比 and 联营收益占比 of the summed amounts; 人均分红 and 每股分红 = Σ paid ÷ Σ members or Σ shares of the villages
/// that ran a dividend, to the fen (四舍五入); 经营性收入增长 of the sums over the villages with 经营性收入 the year before.
/// Null where the group has nothing to base it on.
/// </param>
/// <param name="Medians">The median of every column over the villages where it applies (rounded as shown); null when none.</param>
public sealed record GroupSummary(int Villages, IReadOnlyDictionary<string, decimal?> Totals, IReadOnlyDictionary<string, decimal?> Medians)
{
    /// <summary>The totals and medians of <paramref name="villages"/> (one year's figures each).</summary>
    public static GroupSummary Of(IReadOnlyCollection<VillageYearFigures> villages)
    {
        ArgumentNullException.ThrowIfNull(villages);
        var totals = new Dictionary<string, decimal?>();
        var medians = new Dictionary<string, decimal?>();
        foreach (var column in ComparisonColumns.All)
        {
            var values = villages.Select(column.Value).Where(v => v is not null).Select(v => v!.Value).ToList();
            totals[column.Key] = column.Additive && values.Count > 0 ? values.Sum() : null;
            medians[column.Key] = Median.Of(values) is { } m ? ComparisonColumns.Round(column.Unit, m) : null;
        }
        decimal Sum(string key) => totals[key] ?? 0m;
        totals["paidOnDividendDayPercent"] = totals["totalPaid"] is null ? null : VillageYearFigures.Percent(Sum("paidOnDividendDay"), Sum("totalPaid"));
        totals["jointVenturePercent"] = totals["totalIncome"] is null ? null : VillageYearFigures.Percent(Sum("jointVentureIncome"), Sum("totalIncome"));
        var paying = villages.Where(v => v.TotalPaid is not null).ToList();
        var paid = paying.Sum(v => v.TotalPaid!.Value.Amount);
        var (payingMembers, payingShares) = (paying.Sum(v => v.Members), paying.Sum(v => v.Shares));
        totals["perMemberDividend"] = payingMembers > 0 ? Money.Yuan.RoundToFen(paid / payingMembers).Amount : null;
        totals["perShareDividend"] = payingShares > 0 ? Money.Yuan.RoundToFen(paid / payingShares).Amount : null;
        var grown = villages.Where(v => v.PreviousOperatingIncome is { } before && before > Money.Yuan.Zero).ToList();
        totals["operatingIncomeGrowthPercent"] = grown.Count == 0 ? null : VillageYearFigures.Percent(
            grown.Sum(v => v.OperatingIncome.Amount - v.PreviousOperatingIncome!.Value.Amount), grown.Sum(v => v.PreviousOperatingIncome!.Value.Amount));
        return new GroupSummary(villages.Count, totals, medians);
    }
}
