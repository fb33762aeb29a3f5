using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.Playwright;
using VillageCollective.Silo.Tests;

namespace VillageCollective.Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class ComparisonTests(BrowserFixture silo) : ResetTest<BrowserFixture>(silo)
{
    // Two more villages of 白杨河乡 with 2025 books: 东湾村 below Baiyanghe's 285,000.00 operating income, 西沟村 above it.
    private async Task TwoMoreVillagesAsync()
    {
        var township = await Silo.ScalarAsync<long>($"SELECT township_id FROM villages WHERE id = {Village}");
        foreach (var (code, name, income) in new[] { ("t-dongwan", "东湾村", 99_999.99m), ("t-xigou", "西沟村", 1_000_000.00m) })
        {
            await Silo.ScalarAsync<long>($"""
                WITH v AS (INSERT INTO villages (code, name, township, county, township_id) VALUES ('{code}', '{name}', '白杨河乡', '木垒县', {township}) RETURNING id)
                INSERT INTO book_entries (village_id, year, entry_date, category, counterparty, document_no, amount, entered_by)
                SELECT id, 2025, '2025-06-30', 'operating_income', '测试', '记-1', {income.ToString(CultureInfo.InvariantCulture)}, 'test' FROM v RETURNING village_id
                """);
        }
    }

    private static Task<int> SeriesAsync(IPage page, string chart) =>
        page.EvaluateAsync<int>($$"""
            async () => {
              const echarts = await import('/vendor/echarts.esm.min.js');
              const instance = echarts.getInstanceByDom(document.querySelector('{{chart}}'));
              return instance ? instance.getOption().series.length : 0;
            }
            """);

    [Fact]
    public async Task The_county_administrator_sorts_the_comparison_sees_the_charts_exports_it_and_drills_down_to_the_statement()
    {
        await TwoMoreVillagesAsync();
        var accountant = await Silo.AccountantAsync();
        (await accountant.StartRunAsync(Village, 2025, 1, "run")).EnsureSuccessStatusCode();
        var page = await Silo.LoggedInPageAsync("mulei-xian", 1280, 900);

        // The landing page: the county's villages, sorted by operating income, highest first. Header and scope by name.
        await Assertions.Expect(page.Locator("#who")).ToHaveTextAsync("木垒县农经站管理员（演示） · 木垒县 县管理员");
        await Assertions.Expect(page.GetByLabel("范围").Locator("option")).ToHaveTextAsync(["木垒县（全县）"]);
        var names = page.Locator("#comparison-table tbody tr td:nth-child(3) a");
        await Assertions.Expect(names).ToHaveTextAsync(["西沟村", "白杨河村", "东湾村"]);
        await page.Locator("#comparison-table th[data-sort=operatingIncome]").ClickAsync();
        await Assertions.Expect(names).ToHaveTextAsync(["东湾村", "白杨河村", "西沟村"]);
        await page.GetByLabel("分类").SelectOptionAsync("weak");
        await Assertions.Expect(names).ToHaveTextAsync(["东湾村"]);
        await page.GetByLabel("分类").SelectOptionAsync("");
        await Assertions.Expect(page.Locator("#comparison-table tfoot")).ToContainTextAsync("1,384,999.99"); // 1,000,000.00 + 285,000.00 + 99,999.99

        // Charts: one bar series of per-share dividends, a line per village, three stacked classes.
        await Assertions.Expect(page.Locator("#chart-dividend canvas")).ToHaveCountAsync(1);
        Assert.Equal(1, await SeriesAsync(page, "#chart-dividend"));
        Assert.Equal(3, await SeriesAsync(page, "#chart-income"));
        Assert.Equal(3, await SeriesAsync(page, "#chart-classes"));
        await BrowserFixture.ScreenshotAsync(page, "30-comparison");

        // The export: an .xlsx whose first sheet has the Chinese headers and the villages.
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "导出 Excel" }).ClickAsync());
        var path = Path.Combine(Path.GetTempPath(), $"comparison-{Guid.NewGuid():N}.xlsx");
        await download.SaveAsAsync(path);
        using (var document = SpreadsheetDocument.Open(path, false))
        {
            var texts = document.WorkbookPart!.WorksheetParts.First().Worksheet.Descendants<Cell>()
                .Select(c => c.InlineString?.Text?.Text ?? c.CellValue?.Text ?? "").ToList();
            Assert.Contains("经营性收入", texts);
            Assert.Contains("西沟村", texts);
            Assert.Contains(texts, t => t.StartsWith("合计", StringComparison.Ordinal));
        }
        File.Delete(path);

        // Drill down: Baiyanghe's net income opens its 2025 statement, read-only.
        await page.Locator("#comparison-table tbody tr", new() { HasTextString = "白杨河村" }).GetByRole(AriaRole.Link, new() { Name = "223,300.00" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("#/books/2025$"));
        await Assertions.Expect(page.Locator("#statement-table")).ToContainTextAsync("235,750.00");
    }
}
