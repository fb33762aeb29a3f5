using System.Text.Json;
using Microsoft.Playwright;
using VillageCollective.Silo.Demo;
using VillageCollective.Silo.Search;
using VillageCollective.Silo.Tests;

namespace VillageCollective.Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class DividendDayTests(BrowserFixture silo) : ResetTest<BrowserFixture>(silo)
{
    private Task<IPage> LoginAsync(int login, int width = 1024, int height = 768) => Silo.LoggedInPageAsync(DemoLoader.Logins[login].Login, width, height);

    /// <summary>Starts the 2025 run through the API with the accountant's cookies and CSRF token; returns its id.</summary>
    private async Task<long> StartRunAsync(IPage accountant)
    {
        var response = await BrowserFixture.ApiPostAsync(accountant, $"/api/villages/{Village}/dividend-runs", new { year = 2025, planVersion = 1 },
            new() { ["Idempotency-Key"] = "browser-run" });
        Assert.True(response.Ok, await response.TextAsync());
        return JsonDocument.Parse(await response.TextAsync()).RootElement.GetProperty("id").GetInt64();
    }

    [Fact]
    public async Task A_cashier_on_a_tablet_finds_a_household_by_pinyin_initials_pays_it_and_the_hall_board_shows_it_within_a_second()
    {
        var accountant = await LoginAsync(0, 1280, 800);
        var runId = await StartRunAsync(accountant);
        await accountant.GotoAsync($"/#/runs/{runId}/meeting");
        await accountant.GetByRole(AriaRole.Button, new() { Name = "开始分红大会" }).ClickAsync();
        await Assertions.Expect(accountant.Locator("#meeting-status")).ToHaveTextAsync("进行中");
        await accountant.GotoAsync($"/#/runs/{runId}/board");
        await Assertions.Expect(accountant.Locator("#board-households")).ToHaveTextAsync("0 / 294");

        var head = await Silo.ScalarAsync<string>("SELECT head_name FROM households WHERE number = 40");
        var headId = await Silo.ScalarAsync<string>("SELECT m.resident_id FROM members m JOIN households h ON h.id = m.household_id WHERE h.number = 40 AND m.relation = '户主'");
        var cashier = await LoginAsync(1, 800, 1280);
        await cashier.GotoAsync($"/#/runs/{runId}/meeting");
        await cashier.Locator("#meeting-search").FillAsync(PinyinInitials.Of(head));
        var card = cashier.Locator(".line-card[data-household='40']");
        await Assertions.Expect(card.Locator(".head")).ToHaveTextAsync(head);
        await card.GetByRole(AriaRole.Button, new() { Name = "本户领取" }).ClickAsync();
        await card.GetByLabel("核对身份证号").FillAsync(headId);
        await BrowserFixture.ScreenshotAsync(cashier, "10-meeting-mark");
        await card.GetByRole(AriaRole.Button, new() { Name = "确认已领" }).ClickAsync();

        await Assertions.Expect(accountant.Locator("#board-households")).ToHaveTextAsync("1 / 294", new() { Timeout = 1000 });
        await Assertions.Expect(cashier.Locator(".line-card[data-household='40'] .status-badge")).ToHaveTextAsync("已领（本户）");
        var amount = await Silo.ScalarAsync<decimal>("SELECT amount FROM payout_lines WHERE household_number = 40");
        await Assertions.Expect(accountant.Locator("#board-amount")).ToHaveTextAsync(amount.ToString("#,##0.00", System.Globalization.CultureInfo.InvariantCulture));
        await BrowserFixture.ScreenshotAsync(cashier, "11-meeting-paid");
        await BrowserFixture.ScreenshotAsync(accountant, "12-board");

        // After the meeting the accountant's village page still shows what is owed, and leads to the checklist.
        var owed = (186_164m - amount).ToString("#,##0.00", System.Globalization.CultureInfo.InvariantCulture);
        await accountant.GotoAsync("/#/village");
        await Assertions.Expect(accountant.Locator("#owed li")).ToHaveTextAsync($"2025 年度：293 户 · {owed} 元");
        await BrowserFixture.ScreenshotAsync(accountant, "13-village-owed");
        await accountant.Locator("#owed a").ClickAsync();
        await Assertions.Expect(accountant.Locator("#meeting-status")).ToHaveTextAsync("进行中");
        await accountant.GotoAsync("/#/runs");
        await Assertions.Expect(accountant.Locator("td.owed")).ToHaveTextAsync($"293 户 · {owed} 元");
        await BrowserFixture.ScreenshotAsync(accountant, "14-runs-owed");

        // The household's page answers "was my 2025 dividend paid?": the year, the amount, the status and who paid it where.
        await accountant.GotoAsync("/#/household/40");
        var year = accountant.Locator("#payouts-table tbody tr[data-status='paid_in_cash']");
        await Assertions.Expect(year).ToContainTextAsync("2025 年度");
        await Assertions.Expect(year).ToContainTextAsync(amount.ToString("#,##0.00", System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(year).ToContainTextAsync("已领（本户）");
        await Assertions.Expect(year).ToContainTextAsync("（第1桌）");
        await year.ScrollIntoViewIfNeededAsync();
        await BrowserFixture.ScreenshotAsync(accountant, "15-household-dividends");
    }

    [Fact]
    public async Task A_wrong_ID_number_is_shown_on_the_card_and_an_undo_needs_a_reason()
    {
        var accountant = await LoginAsync(0);
        var runId = await StartRunAsync(accountant);
        Assert.True((await BrowserFixture.ApiPostAsync(accountant, $"/api/villages/{Village}/dividend-runs/{runId}/meeting/open")).Ok);
        var cashier = await LoginAsync(1, 800, 1280);
        await cashier.GotoAsync($"/#/runs/{runId}/meeting");
        await cashier.Locator("#meeting-search").FillAsync("7");
        var card = cashier.Locator(".line-card[data-household='7']");
        await card.GetByRole(AriaRole.Button, new() { Name = "本户领取" }).ClickAsync();
        await card.GetByLabel("核对身份证号").FillAsync("11010519491231002X");
        await card.GetByRole(AriaRole.Button, new() { Name = "确认已领" }).ClickAsync();
        await Assertions.Expect(card.Locator(".error")).ToContainTextAsync("不是本户成员");

        await card.GetByRole(AriaRole.Button, new() { Name = "取消" }).ClickAsync();
        await card.GetByRole(AriaRole.Button, new() { Name = "暂缓" }).ClickAsync();
        await card.GetByRole(AriaRole.Button, new() { Name = "确认暂缓" }).ClickAsync();
        await Assertions.Expect(card.Locator(".status-badge")).ToHaveTextAsync("暂缓发放");
        await card.GetByRole(AriaRole.Button, new() { Name = "撤销" }).ClickAsync();
        await card.GetByRole(AriaRole.Button, new() { Name = "确认撤销" }).ClickAsync();
        await Assertions.Expect(card.Locator(".error")).ToContainTextAsync("reason");
        await card.GetByLabel("撤销原因").FillAsync("点错户");
        await card.GetByRole(AriaRole.Button, new() { Name = "确认撤销" }).ClickAsync();
        await Assertions.Expect(card.Locator(".status-badge")).ToHaveTextAsync("待发放");
    }

    [Fact]
    public async Task The_printed_checklist_has_25_pages_with_subtotals_and_the_grand_total_in_capital_numerals()
    {
        var accountant = await LoginAsync(0);
        var runId = await StartRunAsync(accountant);

        await accountant.GotoAsync($"/#/runs/{runId}");

        await Assertions.Expect(accountant.Locator(".checklist-page")).ToHaveCountAsync(25);
        await Assertions.Expect(accountant.Locator(".page-no").Last).ToHaveTextAsync("第 25 页 共 25 页");
        await Assertions.Expect(accountant.Locator(".page-total")).ToHaveCountAsync(25);
        await Assertions.Expect(accountant.Locator("#checklist-total-words")).ToHaveTextAsync("人民币壹拾捌万陆仟壹佰陆拾肆元整");
        await Assertions.Expect(accountant.Locator(".checklist-page").First.Locator("th.thumb")).ToHaveTextAsync("手印");
        var download = await accountant.RunAndWaitForDownloadAsync(() => accountant.GetByRole(AriaRole.Link, new() { Name = "导出 Excel（含发放状态）" }).ClickAsync());
        Assert.Equal("发放清单-白杨河村-2025.xlsx", download.SuggestedFilename);
        var sheet = VillageCollective.Silo.Import.SheetReader.Read(await File.ReadAllBytesAsync((await download.PathAsync())!));
        Assert.Equal(294, sheet.Rows.Count(r => r.Length > 7 && r[7] == "待发放"));
        var folder = Environment.GetEnvironmentVariable("VC_SCREENSHOTS");
        if (!string.IsNullOrEmpty(folder))
        {
            await accountant.EmulateMediaAsync(new() { Media = Media.Print });
            await accountant.PdfAsync(new() { Path = Path.Combine(folder, "13-checklist.pdf"), PreferCSSPageSize = true, PrintBackground = true });
        }
    }

    [Fact]
    public async Task The_accountant_closes_the_meeting_with_the_cash_of_one_table_and_reads_the_difference()
    {
        var accountant = await LoginAsync(0);
        var runId = await StartRunAsync(accountant);
        Assert.True((await BrowserFixture.ApiPostAsync(accountant, $"/api/villages/{Village}/dividend-runs/{runId}/meeting/open")).Ok);

        await accountant.GotoAsync($"/#/runs/{runId}/closing");
        await accountant.Locator("#cash-issued [name='cashIssued']").First.FillAsync("1000.50");
        await accountant.GetByRole(AriaRole.Button, new() { Name = "结束大会并核对现金" }).ClickAsync();

        await Assertions.Expect(accountant.Locator("#closing-status")).ToHaveTextAsync("已结束");
        await Assertions.Expect(accountant.Locator("#cash-difference")).ToHaveTextAsync("1,000.50");
        await Assertions.Expect(accountant.Locator("#reopen-meeting")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(accountant, "14-closing");
    }
}
