using Microsoft.Playwright;
using VillageCollective.Silo.Demo;
using VillageCollective.Silo.Tests;

namespace VillageCollective.Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class DividendFlowTests(BrowserFixture silo) : ResetTest<BrowserFixture>(silo)
{
    [Fact]
    public async Task The_accountant_logs_in_runs_the_dividend_and_reads_186164_yuan_on_the_checklist()
    {
        var page = await Silo.NewPageAsync();
        await page.GotoAsync("/");

        await page.GetByLabel("用户名").FillAsync(DemoLoader.Logins[0].Login);
        await page.GetByLabel("密码").FillAsync(DemoLoader.Logins[0].Password);
        await BrowserFixture.ScreenshotAsync(page, "01-login");
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();

        await Assertions.Expect(page.Locator("#stat-households")).ToHaveTextAsync("294");
        await Assertions.Expect(page.Locator("#stat-members")).ToHaveTextAsync("1017");
        await Assertions.Expect(page.Locator("#stat-shares")).ToHaveTextAsync("846.2");
        await BrowserFixture.ScreenshotAsync(page, "02-village");

        await page.GetByRole(AriaRole.Link, new() { Name = "分配方案" }).First.ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "2025 年度" }).ClickAsync();
        await Assertions.Expect(page.Locator("#preview-rate")).ToHaveTextAsync("220.00 元");
        await BrowserFixture.ScreenshotAsync(page, "03-plan");

        await page.GetByRole(AriaRole.Button, new() { Name = "运行分红" }).ClickAsync();

        await Assertions.Expect(page.Locator("#checklist-total")).ToHaveTextAsync("186,164.00");
        await Assertions.Expect(page.Locator("#checklist-total-words")).ToHaveTextAsync("人民币壹拾捌万陆仟壹佰陆拾肆元整");
        await Assertions.Expect(page.Locator(".checklist-table tbody tr.line")).ToHaveCountAsync(294);
        await BrowserFixture.ScreenshotAsync(page, "04-checklist");

        // Printed on A4: every page repeats the header row, and the grand total prints.
        var pdf = await page.PdfAsync(new PagePdfOptions { PreferCSSPageSize = true });
        Assert.True(pdf.Length > 10_000);
        await BrowserFixture.SaveAsync("04-checklist.pdf", pdf);
    }

    [Fact]
    public async Task The_register_finds_a_household_by_its_number()
    {
        var page = await Silo.AccountantPageAsync();
        await page.Locator("#nav").GetByRole(AriaRole.Link, new() { Name = "股权台账" }).ClickAsync();
        await Assertions.Expect(page.Locator("#register-count")).ToHaveTextAsync("294 户");

        await page.Locator("#register-search").FillAsync("120");

        await Assertions.Expect(page.Locator("#register-count")).ToHaveTextAsync("1 户");
        await Assertions.Expect(page.Locator("#register-table tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#register-table tbody td").First).ToHaveTextAsync("120");
        await BrowserFixture.ScreenshotAsync(page, "05-register-search");
    }
}
