using System.Globalization;
using Microsoft.Playwright;
using VillageCollective.Silo.Demo;
using VillageCollective.Silo.Tests;

namespace VillageCollective.Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class RegisterMovementTests(BrowserFixture silo) : ResetTest<BrowserFixture>(silo)
{
    private async Task<IPage> LoggedInAsync()
    {
        var page = await Silo.NewPageAsync(1024, 1400);
        await page.GotoAsync("/");
        await page.GetByLabel("用户名").FillAsync(DemoLoader.Logins[0].Login);
        await page.GetByLabel("密码").FillAsync(DemoLoader.Logins[0].Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await Assertions.Expect(page.Locator("#stat-households")).ToHaveTextAsync("294");
        return page;
    }

    private static async Task<decimal> SharesShown(IPage page) =>
        decimal.Parse(await page.Locator("#household-shares").InnerTextAsync(), CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_accountant_transfers_half_a_share_and_the_household_page_shows_the_new_holding_and_the_movement()
    {
        var page = await LoggedInAsync();
        await page.GotoAsync("/#/household/1");
        var before = await SharesShown(page);
        var form = page.Locator("#transfer-form");

        await form.GetByLabel("转入户号").FillAsync("2");
        await form.GetByLabel("股数").FillAsync("0.5");
        await form.GetByLabel("变动原因").FillAsync("社内转让（测试）");
        await BrowserFixture.ScreenshotAsync(page, "10-transfer-form");
        await form.GetByRole(AriaRole.Button, new() { Name = "登记转让" }).ClickAsync();

        await Assertions.Expect(page.Locator("#household-shares")).ToHaveTextAsync((before - 0.5m).ToString("0.####", CultureInfo.InvariantCulture));
        var last = page.Locator("#statement-table tbody tr").Last;
        await Assertions.Expect(last).ToContainTextAsync("转让");
        await Assertions.Expect(last).ToContainTextAsync("-0.5");
        await BrowserFixture.ScreenshotAsync(page, "11-after-transfer");
    }

    [Fact]
    public async Task A_wrong_transfer_is_corrected_by_a_reversal_that_keeps_the_original_line()
    {
        var page = await LoggedInAsync();
        await page.GotoAsync("/#/household/1");
        var before = await SharesShown(page);
        var form = page.Locator("#transfer-form");
        await form.GetByLabel("转入户号").FillAsync("2");
        await form.GetByLabel("股数").FillAsync("1");
        await form.GetByLabel("变动原因").FillAsync("误录转让");
        await form.GetByRole(AriaRole.Button, new() { Name = "登记转让" }).ClickAsync();
        await Assertions.Expect(page.Locator("#household-shares")).ToHaveTextAsync((before - 1m).ToString("0.####", CultureInfo.InvariantCulture));

        page.Dialog += async (_, dialog) => await dialog.AcceptAsync("录入错误，冲销");
        await page.Locator("#statement-table tbody tr").Last.GetByRole(AriaRole.Button, new() { Name = "冲销" }).ClickAsync();

        await Assertions.Expect(page.Locator("#household-shares")).ToHaveTextAsync(before.ToString("0.####", CultureInfo.InvariantCulture));
        var rows = page.Locator("#statement-table tbody tr");
        await Assertions.Expect(rows.Last).ToContainTextAsync("冲销");
        await Assertions.Expect(rows.Nth(await rows.CountAsync() - 2)).ToContainTextAsync("已冲销");
        await BrowserFixture.ScreenshotAsync(page, "16-reversal");
    }

    [Fact]
    public async Task A_members_phone_and_payout_account_are_saved_and_the_account_is_shown_masked()
    {
        var page = await LoggedInAsync();
        await page.GotoAsync("/#/household/1");
        var form = page.Locator("#member-form");

        await form.GetByLabel("电话").FillAsync("13900000000");
        await form.GetByLabel("发放账户").FillAsync("6228480123456789012");
        await form.GetByRole(AriaRole.Button, new() { Name = "保存成员信息" }).ClickAsync();

        var head = page.Locator("#members-table tbody tr").First;
        await Assertions.Expect(head).ToContainTextAsync("***************9012");
        await Assertions.Expect(head).ToContainTextAsync("13900000000");
        await Assertions.Expect(head).Not.ToContainTextAsync("6228480123456789012");
    }

    [Fact]
    public async Task A_transfer_of_more_than_the_household_holds_shows_the_refusal_and_changes_nothing()
    {
        var page = await LoggedInAsync();
        await page.GotoAsync("/#/household/1");
        var before = await SharesShown(page);
        var form = page.Locator("#transfer-form");

        await form.GetByLabel("转入户号").FillAsync("2");
        await form.GetByLabel("股数").FillAsync("99");
        await form.GetByLabel("变动原因").FillAsync("超额转让");
        await form.GetByRole(AriaRole.Button, new() { Name = "登记转让" }).ClickAsync();

        await Assertions.Expect(form.Locator(".error")).ToContainTextAsync("负数");
        Assert.Equal(before, await SharesShown(page));
    }

    [Fact]
    public async Task The_accountant_splits_a_household_and_lands_on_the_new_household_with_its_member_and_shares()
    {
        var number = await Silo.ScalarAsync<int>("""
            SELECT h.number FROM households h WHERE (SELECT count(*) FROM members m WHERE m.household_id = h.id) >= 3 ORDER BY h.number LIMIT 1
            """);
        var mover = await Silo.ScalarAsync<string>($"""
            SELECT m.name FROM members m JOIN households h ON h.id = m.household_id
            WHERE h.number = {number} AND m.relation <> '户主' ORDER BY m.birth_date, m.id LIMIT 1
            """);
        var page = await LoggedInAsync();
        await page.GotoAsync($"/#/household/{number}");
        var before = await SharesShown(page);
        var form = page.Locator("#split-form");

        await form.GetByLabel(mover + "（", new() { Exact = false }).First.CheckAsync();
        await form.GetByLabel(mover + "与新户主关系").FillAsync("户主");
        await form.GetByLabel("分出基本股股数").FillAsync("0.5");
        await form.GetByLabel("变动原因").FillAsync("子女成家分户（测试）");
        await BrowserFixture.ScreenshotAsync(page, "12-split-form");
        await form.GetByRole(AriaRole.Button, new() { Name = "登记分户" }).ClickAsync();

        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("第 295 户");
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync(mover);
        await Assertions.Expect(page.Locator("#household-shares")).ToHaveTextAsync("0.5");
        await Assertions.Expect(page.Locator("#statement-table tbody tr")).ToContainTextAsync("分户");
        await BrowserFixture.ScreenshotAsync(page, "13-new-household");
        await page.GotoAsync($"/#/household/{number}");
        await Assertions.Expect(page.Locator("#household-shares")).ToHaveTextAsync((before - 0.5m).ToString("0.####", CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_file_with_errors_shows_every_row_column_and_rule_and_imports_nothing()
    {
        var page = await LoggedInAsync();
        await page.GotoAsync("/#/register-files");
        var csv = "户号,户主,姓名,身份证号,与户主关系,股种,股数\r\n1001,张三,张三,11010519491231002X,户主,基本股,1.25\r\n1002,李四,李四,110105194912310021,子,基本股,1\r\n";

        await page.Locator("#import-file").SetInputFilesAsync(new FilePayload { Name = "台账.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(csv) });
        await page.GetByLabel("折股量化日期").FillAsync("2017-12-31");
        await page.GetByRole(AriaRole.Button, new() { Name = "导入" }).ClickAsync();

        var rows = page.Locator("#import-error-table tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator("#import-error-table")).ToContainTextAsync("shares.tooPrecise");
        await Assertions.Expect(page.Locator("#import-error-table")).ToContainTextAsync("residentId.checkCharacter");
        await Assertions.Expect(page.Locator("#import-error-table")).ToContainTextAsync("household.noHead");
        await BrowserFixture.ScreenshotAsync(page, "14-import-errors");
        Assert.Equal(294L, await Silo.ScalarAsync<long>("SELECT count(*) FROM households"));
    }
}

[Collection(BrowserCollection.Name)]
public sealed class CertificateTests(BrowserFixture silo) : ResetTest<BrowserFixture>(silo)
{
    [Fact]
    public async Task Certificates_are_issued_from_the_register_and_a_households_certificate_prints_its_number()
    {
        var page = await Silo.NewPageAsync(1024, 1400);
        await page.GotoAsync("/");
        await page.GetByLabel("用户名").FillAsync(DemoLoader.Logins[0].Login);
        await page.GetByLabel("密码").FillAsync(DemoLoader.Logins[0].Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.Locator("#nav").GetByRole(AriaRole.Link, new() { Name = "股权台账" }).ClickAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "为未发证户发放股权证书" }).ClickAsync();
        await Assertions.Expect(page.Locator("#issue-status")).ToHaveTextAsync("已发放 294 本");
        await page.GotoAsync("/#/household/3/certificate");

        await Assertions.Expect(page.Locator("#certificate-number")).ToHaveTextAsync("baiyanghe-00003");
        await Assertions.Expect(page.Locator(".certificate h1")).ToContainTextAsync("股权证书");
        await BrowserFixture.ScreenshotAsync(page, "15-certificate");
    }
}

[Collection(BrowserCollection.Name)]
public sealed class CharterPageTests(BrowserFixture silo) : ResetTest<BrowserFixture>(silo)
{
    [Fact]
    public async Task The_accountant_adds_a_share_class_and_it_is_offered_on_the_household_page()
    {
        var page = await Silo.NewPageAsync(1024, 1200);
        await page.GotoAsync("/");
        await page.GetByLabel("用户名").FillAsync(DemoLoader.Logins[0].Login);
        await page.GetByLabel("密码").FillAsync(DemoLoader.Logins[0].Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.Locator("#nav").GetByRole(AriaRole.Link, new() { Name = "章程设置" }).ClickAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "增加股种" }).ClickAsync();
        await page.GetByLabel("股种代码").Last.FillAsync("age");
        await page.GetByLabel("股种名称").Last.FillAsync("农龄股");
        await page.Locator("#charter-form").GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Assertions.Expect(page.Locator("#charter-form .ok")).ToHaveTextAsync("已保存");
        await BrowserFixture.ScreenshotAsync(page, "17-charter");

        await page.GotoAsync("/#/household/1");
        await Assertions.Expect(page.Locator("#transfer-form select[name=shareClass] option")).ToHaveTextAsync(["基本股", "农龄股"]);
        Assert.Equal(2L, await Silo.ScalarAsync<long>("SELECT count(*) FROM share_classes"));
    }
}
