using Microsoft.Playwright;
using VillageCollective.Silo.Tests;

namespace VillageCollective.Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class CountyAdminTests(BrowserFixture silo) : ResetTest<BrowserFixture>(silo)
{
    [Fact]
    public async Task The_county_administrator_creates_a_cashier_who_is_refused_other_pages_until_the_password_is_changed()
    {
        var admin = await Silo.LoggedInPageAsync("mulei-xian");
        await admin.Locator("#nav-county").ClickAsync();

        await admin.Locator("#account-form").GetByLabel("用户名").FillAsync("baiyanghe-chuna-2");
        await admin.Locator("#account-form").GetByLabel("姓名").FillAsync("第二出纳");
        await admin.GetByLabel("初始密码（至少 8 位）").FillAsync("initial-2025");
        await admin.GetByLabel("角色").SelectOptionAsync("cashier");
        await admin.GetByRole(AriaRole.Button, new() { Name = "创建账号" }).ClickAsync();
        await Assertions.Expect(admin.Locator("#accounts-table")).ToContainTextAsync("baiyanghe-chuna-2");
        await Assertions.Expect(admin.Locator("#accounts-table")).ToContainTextAsync("待修改初始密码");
        await BrowserFixture.ScreenshotAsync(admin, "20-county");

        var cashier = await Silo.NewPageAsync();
        await cashier.GotoAsync("/");
        await cashier.GetByLabel("用户名").FillAsync("baiyanghe-chuna-2");
        await cashier.GetByLabel("密码").FillAsync("initial-2025");
        await cashier.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await Assertions.Expect(cashier.Locator("#password-form")).ToBeVisibleAsync();
    }
}
