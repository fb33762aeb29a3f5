using System.Globalization;
using VillageCollective.Silo.Import;

namespace VillageCollective.Silo.Api;

/// <summary>
/// The comparison as an .xlsx workbook (DocumentFormat.OpenXml, as <see cref="RegisterFileWriter"/>): sheet 村级对比 with a row per
/// village and year, then each year's totals (合计) and medians (中位数) rows; sheet 分类 with the counts per class and the moves.
/// Headers in Chinese; figures as numbers so Excel sums and sorts them.
/// </summary>
public static class ComparisonWorkbook
{
    public static byte[] Write(ComparisonDto comparison)
    {
        var header = new object?[] { "年度", "乡镇", "村", "村代码", "分类", "示范村" }.Concat(comparison.Columns.Select(c => (object?)c.Label)).ToArray();
        var table = new List<object?[]> { header };
        foreach (var row in comparison.Rows.OrderBy(r => r.Year).ThenBy(r => r.Township, StringComparer.Ordinal).ThenBy(r => r.Name, StringComparer.Ordinal))
        {
            table.Add([row.Year, row.Township, row.Name + (row.IsDemo ? "（演示）" : ""), row.Code, row.ClassLabel ?? "无账", row.Demonstration ? "是" : "",
                .. comparison.Columns.Select(c => Number(row.Figures[c.Key]))]);
        }
        foreach (var summary in comparison.Summaries)
        {
            table.Add([summary.Year, summary.Level == "township" ? summary.Name : comparison.ScopeName, $"合计（{summary.Villages}个村）", "", "", "",
                .. comparison.Columns.Select(c => Number(summary.Totals[c.Key]))]);
            table.Add([summary.Year, summary.Level == "township" ? summary.Name : comparison.ScopeName, "中位数", "", "", "",
                .. comparison.Columns.Select(c => Number(summary.Medians[c.Key]))]);
        }
        table.Add([]);
        table.Add(["说明", ComparisonDto.OperatingIncomeLegend]);
        table.Add(["分类标准", $"薄弱村：经营性收入低于{comparison.Thresholds.WeakBelow}元；百万元村：不低于{comparison.Thresholds.MillionFrom}元"]);

        var classes = new List<object?[]> { new object?[] { "年度", "薄弱村", "一般村", "百万元村", "无账", "示范村" } };
        classes.AddRange(comparison.Classes.Select(c => new object?[] { c.Year, c.Weak, c.Ordinary, c.Million, c.WithoutBooks, c.Demonstration }));
        classes.Add([]);
        classes.Add(["年度", "乡镇", "村", "上年分类", "本年分类"]);
        classes.AddRange(comparison.Moves.Select(m => new object?[] { m.Year, m.Township, m.Name, m.FromLabel, m.ToLabel }));

        return XlsxSheet.Workbook(("村级对比", table), ("分类", classes));
    }

    private static decimal? Number(string? value) => value is null ? null : decimal.Parse(value, CultureInfo.InvariantCulture);
}
