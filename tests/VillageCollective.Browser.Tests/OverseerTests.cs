using Microsoft.Playwright;
using VillageCollective.Silo.Tests;

namespace VillageCollective.Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class OverseerTests(BrowserFixture silo) : ResetTest<BrowserFixture>(silo)
{
    [Fact]
    public async Task The_township_overseer_picks_the_village_and_reads_its_books_without_any_control_to_change_them()
    {
        var page = await Silo.LoggedInPageAsync("baiyanghe-xiang");

        await page.Locator("#comparison-table").WaitForAsync(); // an overseer lands on the comparison
        await page.GetByRole(AriaRole.Link, new() { Name = "村列表" }).ClickAsync();
        await page.Locator("#villages-table").GetByRole(AriaRole.Link, new() { Name = "白杨河村" }).ClickAsync();
        await Assertions.Expect(page.Locator("#stat-shares")).ToHaveTextAsync("846.2");
        await page.GotoAsync("/#/books/2025");

        await Assertions.Expect(page.Locator("#statement-table")).ToContainTextAsync("235,750.00");
        await Assertions.Expect(page.Locator("#entry-form")).ToBeHiddenAsync();
        await page.GotoAsync("/#/plans");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "新建方案" })).ToBeHiddenAsync();
    }
}
