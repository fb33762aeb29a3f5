using Microsoft.AspNetCore.Identity;
using Microsoft.Playwright;
using VillageCollective.Silo.Storage;
using VillageCollective.Silo.Tests;

namespace VillageCollective.Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class PasswordChangeTests(BrowserFixture silo) : ResetTest<BrowserFixture>(silo)
{
    [Fact]
    public async Task A_new_accountant_must_change_the_initial_password_before_any_page_opens()
    {
        var hash = new PasswordHasher<Account>().HashPassword(new Account(0, "new-kuaiji", "新会计", "", "accountant", Village), "initial-1");
        await Silo.ScalarAsync<long>($"""
            INSERT INTO accounts (login, display_name, password_hash, role, village_id, must_change_password)
            VALUES ('new-kuaiji', '新会计', '{hash}', 'accountant', {Village}, true) RETURNING id
            """);
        await Silo.ScalarAsync<long>($"INSERT INTO account_roles (account_id, role, village_id) SELECT id, 'accountant', {Village} FROM accounts WHERE login = 'new-kuaiji' RETURNING account_id");
        var page = await Silo.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByLabel("用户名").FillAsync("new-kuaiji");
        await page.GetByLabel("密码").FillAsync("initial-1");
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await Assertions.Expect(page.Locator("#password-form")).ToBeVisibleAsync();

        await page.GotoAsync("/#/register"); // refused: back to the password page
        await Assertions.Expect(page.Locator("#password-form")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#register-table")).ToHaveCountAsync(0);

        await page.GetByLabel("当前密码").FillAsync("initial-1");
        await page.GetByLabel("新密码（至少 8 位）").FillAsync("a-better-one-2025");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();

        await Assertions.Expect(page.Locator("#stat-households")).ToHaveTextAsync("294");
    }
}
