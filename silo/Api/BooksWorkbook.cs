using System.Globalization;
using VillageCollective.Silo.Import;
using VillageCollective.Silo.Storage;

namespace VillageCollective.Silo.Api;

/// <summary>
/// A year's books as an .xlsx workbook (DocumentFormat.OpenXml, as <see cref="ComparisonWorkbook"/>): sheet 收益及收益分配表 with
/// the statement's lines in the order the books page and the public notice show them (<c>client-web/js/statement.js</c>), and
/// sheet 账目明细 with every entry (reversals negative, with the entry they undo and why) and the income and cost totals, which
/// equal the statement's. Amounts are numbers in yuan, so Excel sums them.
/// </summary>
public static class BooksWorkbook
{
    /// <summary>The workbook's bytes for <paramref name="village"/>'s year <paramref name="statement"/> and its <paramref name="entries"/>.</summary>
    public static byte[] Write(string village, StatementDto statement, IReadOnlyList<EntryRow> entries)
    {
        List<object?[]> lines =
        [
            [$"{village}{statement.Year}年度收益及收益分配表"],
            ["项目", "金额（元）"],
            .. statement.Lines.Where(l => l.IsIncome).Select(l => Line(l.Name, l.Amount)),
            Line("收入合计", statement.TotalIncome),
            .. statement.Lines.Where(l => !l.IsIncome).Select(l => Line($"减：{l.Name}", l.Amount)),
            Line("支出合计", statement.TotalCost),
            Line("本年收益", statement.NetIncome),
            Line(statement.OpeningCarried ? "加：年初未分配收益（上年结转）" : "加：年初未分配收益", statement.OpeningUndistributed),
            Line("加：其他转入", statement.OtherTransfersIn),
            Line("可分配收益", statement.Distributable),
        ];
        if (statement.Distribution is { } d)
        {
            lines.AddRange([Line("减：提取公积公益金", d.Reserve), Line("减：提取应付福利费", d.WelfareFund), Line("减：外来投资分利", d.OutsideInvestors),
                Line("减：成员分配", d.MembersPool), Line("减：其他", d.Other)]);
            if (d.RunResidue is { } residue) lines.Add(Line("加：分红尾差转回", residue));
            if (Yuan(d.UnclaimedReturned) != 0m) lines.Add(Line("加：逾期未领分红转回", d.UnclaimedReturned));
        }
        lines.Add(Line("年末未分配收益", statement.ClosingUndistributed));

        List<object?[]> ledger = [["编号", "日期", "科目", "收支", "往来单位", "凭证号", "金额（元）", "冲销第几号", "原因", "录入人", "录入时间"]];
        ledger.AddRange(entries.Select(e => new object?[]
        {
            e.Id, e.Entry.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), e.Entry.Category.Name, e.Entry.Category.IsIncome ? "收入" : "支出",
            e.Entry.Counterparty, e.Entry.DocumentNumber, e.Entry.Amount.Amount, e.ReversesId, e.Reason, e.EnteredBy,
            TimeZoneInfo.ConvertTime(e.EnteredAt, Hosting.ChinaClock.Zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        }));
        ledger.Add([]);
        ledger.Add(["收入合计", null, null, null, null, null, entries.Where(e => e.Entry.Category.IsIncome).Sum(e => e.Entry.Amount.Amount)]);
        ledger.Add(["支出合计", null, null, null, null, null, entries.Where(e => !e.Entry.Category.IsIncome).Sum(e => e.Entry.Amount.Amount)]);

        return XlsxSheet.Workbook(("收益及收益分配表", lines), ("账目明细", ledger));
    }

    private static decimal Yuan(string amount) => decimal.Parse(amount, CultureInfo.InvariantCulture);

    private static object?[] Line(string label, string amount) => [label, Yuan(amount)];
}
