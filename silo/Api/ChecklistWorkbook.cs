using VillageCollective.Grains.DividendDay;
using VillageCollective.Grains.Money;
using VillageCollective.Silo.Import;
using VillageCollective.Silo.Storage;
using VillageCollective.Silo.Storage.DividendDay;

namespace VillageCollective.Silo.Api;

/// <summary>
/// A run's payout checklist (发放清单) as an .xlsx workbook (DocumentFormat.OpenXml, as <see cref="ComparisonWorkbook"/>), for the
/// village's archive and the township's audit: a title and the run's rate; a row per line in line order with its status now
/// and the mark that set it (cashier, table, time in China time, recipient, relation, reason or bank batch; IDs masked); the
/// 合计 row (Σ households, members, shares, yuan, and the total in capital numerals); then 已发放 and 未领取 (households, yuan).
/// Amounts, shares and counts are numbers, so Excel sums them; every sum here is decimal yuan, to the fen.
/// </summary>
public static class ChecklistWorkbook
{
    /// <summary>The checklist's Chinese column headers, in order.</summary>
    public static readonly string[] Headers =
        ["序号", "户号", "户主", "人数", "股数", "金额（元）", "金额（大写）", "状态", "经办人", "桌号", "经办时间", "领款人", "与户主关系", "备注"];

    /// <summary>The workbook's bytes.</summary>
    /// <param name="village">The village (its name heads the sheet).</param>
    /// <param name="run">The run: year, rate, total.</param>
    /// <param name="lines">Every line of the run with its status, in line order.</param>
    /// <param name="exportedAt">When it is written (an instant; shown in China time).</param>
    public static byte[] Write(VillageOverview village, RunSummary run, IReadOnlyList<CheckLineRow> lines, DateTimeOffset exportedAt)
    {
        var total = Yuan.Sum(lines.Select(l => l.Amount));
        var progress = PayoutProgress.Of([.. lines.GroupBy(l => l.Status).Select(g => new StatusTotal(g.Key, g.Count(), Yuan.Sum(g.Select(l => l.Amount))))]);
        List<object?[]> rows =
        [
            [$"{village.Name}{run.Year}年度股份分红发放清单"],
            [$"第 {run.PlanVersion} 版分配方案；每股 {run.PerShareRate.ToPlainString()} 元；共 {lines.Count} 户；导出时间 {ChinaTime(exportedAt)}"],
            [],
            [.. Headers],
        ];
        foreach (var line in lines)
        {
            var last = line.Status == PayoutStatus.Pending ? null : line.Last;
            rows.Add([line.LineNo, line.HouseholdNumber, line.HeadName, line.MemberCount, line.Shares.Value, line.Amount.Amount, CapitalNumerals.Format(line.Amount),
                PayoutStatuses.Label(line.Status), last?.Cashier, last?.TableNo, last is null ? null : ChinaTime(last.At), last?.RecipientName, last?.Relation,
                last?.Reason ?? (last?.BatchReference is { } batch ? $"转账批次 {batch}" : null)]);
        }
        rows.Add(["合计", null, $"{lines.Count} 户", lines.Sum(l => l.MemberCount), lines.Sum(l => l.Shares.Value), total.Amount, CapitalNumerals.Format(total)]);
        rows.Add([]);
        rows.Add(["已发放", null, $"{progress.HouseholdsPaid} 户", null, null, progress.AmountPaid.Amount, CapitalNumerals.Format(progress.AmountPaid)]);
        rows.Add(["未领取", null, $"{progress.HouseholdsOwed} 户", null, null, progress.AmountOwed.Amount, CapitalNumerals.Format(progress.AmountOwed)]);

        return XlsxSheet.Workbook(("发放清单", rows));
    }

    private static string ChinaTime(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, Hosting.ChinaClock.Zone).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
}
