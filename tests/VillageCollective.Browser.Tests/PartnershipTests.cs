using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using VillageCollective.Silo.Tests;

namespace VillageCollective.Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class PartnershipTests(BrowserFixture silo) : ResetTest<BrowserFixture>(silo)
{
    [Fact]
    public async Task The_county_administrator_creates_a_contract_and_settles_a_year_which_the_village_sees_as_investment_income()
    {
        await Silo.Services.GetRequiredService<VillageCollective.Silo.Demo.DemoLoader>().LoadPartnershipsAsync(CancellationToken.None);
        var admin = await Silo.LoggedInPageAsync("mulei-xian", 1280, 1000);
        await admin.Locator("#nav-partnerships").ClickAsync();
        await Assertions.Expect(admin.Locator("#township-overview")).ToContainTextAsync("东城镇"); // the pooled demo
        await BrowserFixture.ScreenshotAsync(admin, "29-partnerships");

        var enterprise = admin.Locator("#enterprise-form");
        await enterprise.GetByLabel("企业名称").FillAsync("木垒县某辣椒加工有限公司");
        await enterprise.GetByLabel("统一社会信用代码").FillAsync("91350100M000100Y43");
        await enterprise.GetByRole(AriaRole.Button, new() { Name = "登记企业" }).ClickAsync();
        var contract = admin.Locator("#contract-form");
        await Assertions.Expect(contract.Locator("select[name=enterpriseId]")).ToContainTextAsync("木垒县某辣椒加工有限公司");
        await contract.Locator("select[name=enterpriseId]").SelectOptionAsync(new SelectOptionValue { Label = "木垒县某辣椒加工有限公司" });

        // Land at 510 yuan a mu plus 30% of net profit (domain.md): 300 mu for the village, 847,000 cash from the enterprise.
        await contract.GetByLabel("项目名称").FillAsync("辣椒烘干厂");
        await contract.GetByLabel("合同起始日").FillAsync("2026-01-01");
        await contract.GetByLabel("合同终止日").FillAsync("2035-12-31");
        await contract.GetByLabel("本地就业人数").FillAsync("50");
        await contract.GetByLabel("收益方式").SelectOptionAsync("guarantee_plus_profit_share");
        await contract.GetByLabel("保底金额（元/年）").FillAsync("153000");
        await contract.GetByLabel("盈余分红比例（%）").FillAsync("30");
        var village = contract.Locator(".party").Nth(0);
        await village.Locator("select[name=villageId]").SelectOptionAsync(new SelectOptionValue { Label = "白杨河乡 · 白杨河村" });
        await village.Locator("select[name=kind]").SelectOptionAsync("land");
        await village.Locator("input[name=mu]").FillAsync("300");
        await village.Locator("input[name=valuePerMu]").FillAsync("510");
        var firm = contract.Locator(".party").Nth(1);
        await firm.Locator("select[name=kind]").SelectOptionAsync("cash");
        await firm.Locator("input[name=value]").FillAsync("847000");
        await contract.GetByRole(AriaRole.Button, new() { Name = "保存合同" }).ClickAsync();

        await Assertions.Expect(admin.Locator("#partnership-register")).ToContainTextAsync("153000");
        await admin.GetByLabel("企业报告的营业收入（元）").FillAsync("8000000");
        await admin.GetByLabel("企业报告的净利润（元）").FillAsync("1000000");
        await admin.Locator("#settle-form input[name=year]").FillAsync("2026");
        await admin.GetByRole(AriaRole.Button, new() { Name = "结算并记入各村投资收益" }).ClickAsync();
        // 153,000 guaranteed + 153,000 shares × 0.30 a share (300,000 over 1,000,000 shares) = 198,900.00.
        await Assertions.Expect(admin.Locator(".settlement-lines")).ToContainTextAsync("198,900.00");
        await admin.GetByRole(AriaRole.Link, new() { Name = "打印结算单" }).ClickAsync();
        await Assertions.Expect(admin.Locator("#statement-lines")).ToContainTextAsync("人民币壹拾玖万捌仟玖佰元整");
        await Assertions.Expect(admin.Locator(".settlement-statement")).ToContainTextAsync("木垒县某辣椒加工有限公司（统一社会信用代码 91350100M000100Y43）");
        await Assertions.Expect(admin.Locator("#statement-formula")).ToContainTextAsync("净利润1,000,000.00元 × 30%");
        await BrowserFixture.ScreenshotAsync(admin, "30-partnership-statement");

        var accountant = await Silo.AccountantPageAsync();
        await accountant.GotoAsync("/#/books/2026");
        await Assertions.Expect(accountant.Locator("#statement-table")).ToContainTextAsync("投资收益");
        await Assertions.Expect(accountant.Locator("#statement-table")).ToContainTextAsync("198,900.00");
        await accountant.GotoAsync("/#/partnerships");
        await Assertions.Expect(accountant.Locator("#partnerships-table")).ToContainTextAsync("辣椒烘干厂");
    }
}
