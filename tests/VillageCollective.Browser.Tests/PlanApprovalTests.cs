using Microsoft.Playwright;
using VillageCollective.Silo.Tests;

namespace VillageCollective.Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class PlanApprovalTests(BrowserFixture silo) : ResetTest<BrowserFixture>(silo)
{
    [Fact]
    public async Task The_accountant_drafts_two_plans_compares_them_publishes_one_records_the_vote_and_runs_it()
    {
        var page = await Silo.AccountantPageAsync();

        await DraftAsync(page, pool: "180000", rateMode: null, perShare: null);
        await DraftAsync(page, pool: "200000", rateMode: "fixed", perShare: "230");
        await page.Locator("#nav").GetByRole(AriaRole.Link, new() { Name = "分配方案" }).ClickAsync();
        await page.GetByLabel("对比第 2 版").CheckAsync();
        await page.GetByLabel("对比第 3 版").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "对比所选方案" }).ClickAsync();

        var rates = page.Locator("#compare-table tbody tr").Nth(2).Locator("td.num");
        await Assertions.Expect(rates).ToHaveTextAsync(["212.00", "230.00"]);
        await BrowserFixture.ScreenshotAsync(page, "10-compare");

        await page.GetByRole(AriaRole.Link, new() { Name = "2025 第 3 版" }).ClickAsync();
        await page.GetByLabel("公示日期").FillAsync("2025-11-10");
        await page.GetByRole(AriaRole.Button, new() { Name = "发布公示" }).ClickAsync();
        await Assertions.Expect(page.Locator("#plan-status")).ToHaveTextAsync("公示中");

        var noticeUrl = await page.Locator("#notice-link").GetAttributeAsync("href");
        var notice = await Silo.NewPageAsync(); // another browser, not logged in
        await notice.GotoAsync(noticeUrl!);
        await Assertions.Expect(notice.Locator("h1")).ToContainTextAsync("2025 年度收益分配方案公示");
        await Assertions.Expect(notice.Locator("#statement-table")).ToContainTextAsync("235,750.00");
        await BrowserFixture.ScreenshotAsync(notice, "11-notice");

        await page.GetByLabel("大会日期").FillAsync("2025-11-25");
        await page.GetByLabel("应到人数").FillAsync("31");
        await page.GetByLabel("实到人数").FillAsync("19");
        await page.GetByLabel("赞成").FillAsync("19");
        await page.GetByRole(AriaRole.Button, new() { Name = "记录表决结果" }).ClickAsync();
        await Assertions.Expect(page.Locator("#decision-form .error")).ToContainTextAsync("三分之二");

        await page.GetByLabel("实到人数").FillAsync("28");
        await page.GetByLabel("赞成").FillAsync("27");
        await page.GetByRole(AriaRole.Button, new() { Name = "记录表决结果" }).ClickAsync();
        await Assertions.Expect(page.Locator("#plan-status")).ToHaveTextAsync("已批准");
        await BrowserFixture.ScreenshotAsync(page, "12-approved");

        await page.GetByRole(AriaRole.Button, new() { Name = "运行分红" }).ClickAsync();
        await Assertions.Expect(page.Locator("#checklist-total")).ToHaveTextAsync("194,626.00"); // 846.2 × 230
    }

    private static async Task DraftAsync(IPage page, string pool, string? rateMode, string? perShare)
    {
        await page.Locator("#nav").GetByRole(AriaRole.Link, new() { Name = "分配方案" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "新建方案" }).ClickAsync();
        await page.GetByLabel("年度").FillAsync("2025");
        await page.GetByLabel("成员分配额（元）").FillAsync(pool);
        if (rateMode is not null) await page.GetByLabel("每股分红方式").SelectOptionAsync(rateMode);
        if (perShare is not null) await page.GetByLabel("每股金额（元）").FillAsync(perShare);
        await page.GetByRole(AriaRole.Button, new() { Name = "保存草稿" }).ClickAsync();
        await Assertions.Expect(page.Locator("#plan-status")).ToHaveTextAsync("草稿");
    }
}
