using System.Globalization;
using System.Net;
using VillageCollective.Silo.Import;

namespace VillageCollective.Silo.Tests.DividendDay;

[Collection(SiloCollection.Name)]
public sealed class ChecklistWorkbookTests(SiloFixture silo) : ResetTest<SiloFixture>(silo)
{
    [Fact]
    public async Task The_checklist_exports_to_xlsx_with_each_lines_status_the_total_in_capital_numerals_and_what_is_still_owed()
    {
        var meeting = await Meeting.StartAsync(Silo, Village);
        var cashier = await Silo.CashierAsync();
        (await meeting.MarkAsync(cashier, 1, await meeting.PaidToHeadAsync(1, tableNo: 2), "c")).EnsureSuccessStatusCode();
        (await meeting.MarkAsync(cashier, 2, new { tableNo = 1, status = "deferred", reason = "户主外出务工" }, "d")).EnsureSuccessStatusCode();
        var first = await Silo.ScalarAsync<decimal>($"SELECT amount FROM payout_lines WHERE run_id = {meeting.Run} AND line_no = 1");
        var accountant = await Silo.AccountantAsync();

        var response = await accountant.GetAsync($"/api/villages/{Village}/dividend-runs/{meeting.Run}/checklist.xlsx");
        var missing = await accountant.GetAsync($"/api/villages/{Village}/dividend-runs/{meeting.Run + 1000}/checklist.xlsx");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(RegisterFileWriter.XlsxType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var rows = SheetReader.Read(await response.Content.ReadAsByteArrayAsync()).Rows.Where(r => r.Any(c => c.Length > 0)).ToList(); // the blank row left out
        string At(string[] row, string header) => row.ElementAtOrDefault(Array.IndexOf(rows[2], header)) ?? "";
        decimal Yuan(string[] row) => decimal.Parse(At(row, "金额（元）"), CultureInfo.InvariantCulture);

        Assert.Equal("白杨河村2025年度股份分红发放清单", rows[0][0]);
        Assert.Equal(ChecklistWorkbookHeaders, rows[2]);
        var line1 = rows.Single(r => r[0] == "1");
        Assert.Equal(("已领（本户）", "baiyanghe-chuna", "2", first), (At(line1, "状态"), At(line1, "经办人"), At(line1, "桌号"), Yuan(line1)));
        var line2 = rows.Single(r => r[0] == "2");
        Assert.Equal(("暂缓发放", "户主外出务工"), (At(line2, "状态"), At(line2, "备注")));
        Assert.Equal("待发放", At(rows.Single(r => r[0] == "3"), "状态"));
        Assert.Equal(294, rows.Count(r => int.TryParse(r[0], out _)));
        var total = rows.Single(r => r[0] == "合计");
        Assert.Equal((186_164m, "人民币壹拾捌万陆仟壹佰陆拾肆元整", "846.2"), (Yuan(total), At(total, "金额（大写）"), At(total, "股数")));
        Assert.Equal("294 户", At(total, "户主"));
        Assert.Equal(("1 户", first), (At(rows.Single(r => r[0] == "已发放"), "户主"), Yuan(rows.Single(r => r[0] == "已发放"))));
        Assert.Equal(("293 户", 186_164m - first), (At(rows.Single(r => r[0] == "未领取"), "户主"), Yuan(rows.Single(r => r[0] == "未领取"))));
    }

    private static readonly string[] ChecklistWorkbookHeaders =
        ["序号", "户号", "户主", "人数", "股数", "金额（元）", "金额（大写）", "状态", "经办人", "桌号", "经办时间", "领款人", "与户主关系", "备注"];
}
