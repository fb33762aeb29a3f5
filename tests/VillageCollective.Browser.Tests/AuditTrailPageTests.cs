using System.Text.Json;
using Microsoft.Playwright;
using VillageCollective.Silo.Tests;

namespace VillageCollective.Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class AuditTrailPageTests(BrowserFixture silo) : ResetTest<BrowserFixture>(silo)
{
    [Fact]
    public async Task The_township_overseer_reads_a_villages_audit_trail_filters_it_opens_a_change_and_checks_the_chain()
    {
        // Changes to read: the accountant computes the 2025 run and opens its meeting.
        var accountant = await Silo.AccountantPageAsync();
        var run = await BrowserFixture.ApiPostAsync(accountant, $"/api/villages/{Village}/dividend-runs", new { year = 2025, planVersion = 1 },
            new() { ["Idempotency-Key"] = "audit-page" });
        Assert.True(run.Ok, await run.TextAsync());
        var runId = JsonDocument.Parse(await run.TextAsync()).RootElement.GetProperty("id").GetInt64();
        Assert.True((await BrowserFixture.ApiPostAsync(accountant, $"/api/villages/{Village}/dividend-runs/{runId}/meeting/open")).Ok);

        var page = await Silo.LoggedInPageAsync("baiyanghe-xiang", 1280, 900);
        await page.Locator("#comparison-table").WaitForAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "村列表" }).ClickAsync();
        await page.Locator("#villages-table").GetByRole(AriaRole.Link, new() { Name = "白杨河村" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "操作日志" }).ClickAsync();

        // Newest first: the meeting was opened by the accountant after the run was computed.
        var rows = page.Locator("#audit-table tbody tr");
        await Assertions.Expect(rows.First).ToContainTextAsync("baiyanghe-kuaiji");
        await Assertions.Expect(page.Locator("#audit-table tbody tr[data-table='dividend_runs']")).ToContainTextAsync("新增");

        // One statement inserted the demo's 1,017 members: one row, its count, its details with the IDs masked.
        await page.GetByLabel("对象").SelectOptionAsync("members");
        await Assertions.Expect(page.Locator("#audit-table tbody tr:not([data-table='members'])")).ToHaveCountAsync(0);
        var members = page.Locator("#audit-table tbody tr[data-table='members']").Filter(new() { HasText = "1017 行" });
        await Assertions.Expect(members).ToHaveCountAsync(1);
        await members.Locator("summary").ClickAsync();
        await Assertions.Expect(members.Locator("pre")).ToContainTextAsync("********");
        Assert.DoesNotMatch(@"\d{17}[\dX]", await members.Locator("pre").TextContentAsync() ?? "");

        await page.GetByRole(AriaRole.Button, new() { Name = "校验完整性" }).ClickAsync();
        await Assertions.Expect(page.Locator("#audit-verification")).ToContainTextAsync("完整：已校验");
        await BrowserFixture.ScreenshotAsync(page, "40-audit");
    }
}
