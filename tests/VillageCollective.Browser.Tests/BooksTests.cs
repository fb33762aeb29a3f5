using Microsoft.Playwright;
using VillageCollective.Silo.Tests;

namespace VillageCollective.Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class BooksTests(BrowserFixture silo) : ResetTest<BrowserFixture>(silo)
{
    [Fact]
    public async Task The_accountant_books_an_entry_and_reverses_it_with_a_reason()
    {
        var page = await Silo.AccountantPageAsync();
        await page.GotoAsync("/#/books/2025");
        var totalIncome = page.Locator("#statement-table tr.subtotal td.num").First;
        await Assertions.Expect(totalIncome).ToHaveTextAsync("319,300.00");

        await page.GetByLabel("日期").FillAsync("2025-11-20");
        await page.GetByLabel("科目").SelectOptionAsync("investment_income");
        await page.GetByLabel("往来单位").FillAsync("木垒县某农业科技有限公司");
        await page.GetByLabel("凭证号").FillAsync("记-2025-090");
        await page.GetByLabel("金额（元）").FillAsync("1000.50");
        await page.GetByRole(AriaRole.Button, new() { Name = "记账" }).ClickAsync();
        await Assertions.Expect(totalIncome).ToHaveTextAsync("320,300.50");
        await BrowserFixture.ScreenshotAsync(page, "13-books");

        page.Dialog += async (_, dialog) => await dialog.AcceptAsync("重复记账");
        await page.Locator("#entries-table tbody tr").Last.GetByRole(AriaRole.Button, new() { Name = "冲销" }).ClickAsync();

        await Assertions.Expect(totalIncome).ToHaveTextAsync("319,300.00");
        await Assertions.Expect(page.Locator("#entries-table tbody tr").Last).ToContainTextAsync("重复记账");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "导出 Excel" }).ClickAsync());
        Assert.Equal("年度账目-白杨河村-2025.xlsx", download.SuggestedFilename);
        var statement = VillageCollective.Silo.Import.SheetReader.Read(await File.ReadAllBytesAsync((await download.PathAsync())!)).Rows;
        Assert.Contains(statement, r => r.Length > 1 && r[0] == "收入合计" && r[1] == "319300.00");
    }
}
