using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace VillageCollective.Silo.Tests;

[Collection(SiloCollection.Name)]
public sealed class BooksAndPlanTests(SiloFixture silo) : ResetTest<SiloFixture>(silo)
{

    private static object Draft(int year = 2025, decimal pool = 186_500m, object? reservePercent = null, string rateMode = "derived", decimal? perShareRate = null) =>
        new { year, membersPool = pool, rateMode, roundingUnit = rateMode == "derived" ? "yuan" : null, perShareRate, reservePercent,
            recordDate = $"{year}-11-30", meetingDate = $"{year}-12-01" };

    [Fact]
    public async Task The_2025_statement_adds_up_and_its_closing_balance_opens_2026_after_the_run()
    {
        var client = await Silo.AccountantAsync();

        var before = await client.GetJsonAsync($"/api/villages/{Village}/years/2025/statement");
        (await client.StartRunAsync(Village, 2025, 1, "close-2025")).EnsureSuccessStatusCode();
        var after = await client.GetJsonAsync($"/api/villages/{Village}/years/2025/statement");
        var next = await client.GetJsonAsync($"/api/villages/{Village}/years/2026/statement");

        Assert.Equal("319300.00", before.Str("totalIncome"));
        Assert.Equal("96000.00", before.Str("totalCost"));
        Assert.Equal("223300.00", before.Str("netIncome"));
        Assert.Equal("235750.00", before.Str("distributable"));
        var distribution = before.GetProperty("distribution");
        Assert.Equal("35362.50", distribution.Str("reserve"));
        Assert.Equal("186500.00", distribution.Str("membersPool"));
        Assert.Equal("5887.50", before.Str("closingUndistributed"));
        Assert.Equal("336.00", after.GetProperty("distribution").Str("runResidue"));
        Assert.Equal("6223.50", after.Str("closingUndistributed"));
        Assert.True(next.GetProperty("openingCarried").GetBoolean());
        Assert.Equal("6223.50", next.Str("openingUndistributed"));
        Assert.Equal("6223.50", next.Str("distributable"));
    }

    [Fact]
    public async Task A_loss_carries_through_2026_into_2027_and_an_entered_opening_balance_overrides_the_carry()
    {
        var client = await Silo.AccountantAsync();
        (await client.PostAsJsonAsync($"/api/villages/{Village}/years/2026/entries",
            new { date = "2026-05-01", category = "management_cost", counterparty = "", documentNumber = "记-2026-001", amount = 7_000m })).EnsureSuccessStatusCode();

        var carried = await client.GetJsonAsync($"/api/villages/{Village}/years/2027/statement");
        var set = await client.PutAsJsonAsync($"/api/villages/{Village}/years/2027", new { openingUndistributed = 100m, otherTransfersIn = 20.5m });
        var entered = await set.JsonAsync();

        // 2025 closes at 5,887.50 (no run yet); 2026 loses 7,000.00 → −1,112.50 opens 2027.
        Assert.Equal("-1112.50", carried.Str("openingUndistributed"));
        Assert.True(carried.GetProperty("openingCarried").GetBoolean());
        Assert.False(entered.GetProperty("openingCarried").GetBoolean());
        Assert.Equal("120.50", entered.Str("distributable"));
    }

    [Fact]
    public async Task An_entry_is_booked_and_reversed_with_a_reason_and_the_statement_follows()
    {
        var client = await Silo.AccountantAsync();
        var booked = await client.PostAsJsonAsync($"/api/villages/{Village}/years/2025/entries",
            new { date = "2025-11-20", category = "investment_income", counterparty = "某企业", documentNumber = "记-2025-090", amount = 1234.56m });
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        Assert.Equal("320534.56", (await booked.JsonAsync()).Str("totalIncome"));
        var entryId = (await client.GetJsonAsync($"/api/villages/{Village}/years/2025/entries")).EnumerateArray().Last().GetProperty("id").GetInt64();
        var withEntry = await client.GetJsonAsync($"/api/villages/{Village}/years/2025/statement");
        // The approved plan is locked: its 15% reserve stays 35,362.50; the new income goes to the closing balance.
        Assert.Equal("35362.50", withEntry.GetProperty("distribution").Str("reserve"));
        Assert.Equal("7122.06", withEntry.Str("closingUndistributed"));

        var reversed = await client.PostAsJsonAsync($"/api/villages/{Village}/years/2025/entries/{entryId}/reverse", new { reason = "重复记账", date = "2025-11-21" });
        var again = await client.PostAsJsonAsync($"/api/villages/{Village}/years/2025/entries/{entryId}/reverse", new { reason = "再次", date = "2025-11-21" });

        Assert.Equal("319300.00", (await reversed.JsonAsync()).Str("totalIncome"));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var entries = (await client.GetJsonAsync($"/api/villages/{Village}/years/2025/entries")).EnumerateArray().ToList();
        Assert.Equal("-1234.56", entries.Last().Str("amount"));
        Assert.Equal(entryId, entries.Last().GetProperty("reversesId").GetInt64());
    }

    [Fact]
    public async Task The_years_books_export_to_xlsx_with_the_statement_and_every_entry_whose_totals_match_it()
    {
        var client = await Silo.AccountantAsync();
        (await client.PostAsJsonAsync($"/api/villages/{Village}/years/2025/entries",
            new { date = "2025-11-20", category = "investment_income", counterparty = "某企业", documentNumber = "记-2025-090", amount = 1234.56m })).EnsureSuccessStatusCode();
        var entryId = (await client.GetJsonAsync($"/api/villages/{Village}/years/2025/entries")).EnumerateArray().Last().GetProperty("id").GetInt64();
        (await client.PostAsJsonAsync($"/api/villages/{Village}/years/2025/entries/{entryId}/reverse", new { reason = "重复记账", date = "2025-11-21" })).EnsureSuccessStatusCode();

        var response = await client.GetAsync($"/api/villages/{Village}/years/2025/books.xlsx");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("年度账目-白杨河村-2025.xlsx", response.Content.Headers.ContentDisposition?.FileNameStar);
        using var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false);
        var sheets = document.WorkbookPart!.Workbook.Descendants<DocumentFormat.OpenXml.Spreadsheet.Sheet>()
            .Select(s => (s.Name!.Value!, Rows((DocumentFormat.OpenXml.Packaging.WorksheetPart)document.WorkbookPart.GetPartById(s.Id!)))).ToDictionary();
        var statement = sheets["收益及收益分配表"];
        decimal Line(string label) => decimal.Parse(statement.Single(r => r.FirstOrDefault() == label)[1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal((319_300m, 96_000m, 223_300m, 235_750m, 35_362.50m, 186_500m, 5_887.50m),
            (Line("收入合计"), Line("支出合计"), Line("本年收益"), Line("可分配收益"), Line("减：提取公积公益金"), Line("减：成员分配"), Line("年末未分配收益")));
        var ledger = sheets["账目明细"];
        Assert.Equal(["编号", "日期", "科目", "收支", "往来单位", "凭证号", "金额（元）", "冲销第几号", "原因", "录入人", "录入时间"], ledger[0]);
        var reversal = ledger.Single(r => r.Length > 7 && r[7] == entryId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(("-1234.56", "重复记账", "投资收益"), (reversal[6], reversal[8], reversal[2]));
        // The entry and its reversal cancel out: the ledger's totals are the statement's.
        decimal Total(string label) => decimal.Parse(ledger.Single(r => r.FirstOrDefault() == label)[6], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal((319_300m, 96_000m), (Total("收入合计"), Total("支出合计")));
    }

    // A sheet's rows as text, cells in column order (a missing cell is empty).
    private static List<string[]> Rows(DocumentFormat.OpenXml.Packaging.WorksheetPart part) =>
        part.Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Row>().Select(r =>
        {
            var cells = r.Elements<DocumentFormat.OpenXml.Spreadsheet.Cell>().ToList();
            var width = cells.Count == 0 ? 0 : cells.Max(c => VillageCollective.Silo.Import.SheetReader.ColumnIndex(c.CellReference!.Value!)) + 1;
            var row = Enumerable.Repeat("", width).ToArray();
            foreach (var c in cells) row[VillageCollective.Silo.Import.SheetReader.ColumnIndex(c.CellReference!.Value!)] = c.InlineString?.Text?.Text ?? c.CellValue?.Text ?? "";
            return row;
        }).ToList();

    [Fact]
    public async Task A_reversal_without_a_reason_is_refused_and_writes_nothing()
    {
        var client = await Silo.AccountantAsync();
        var entryId = await Silo.ScalarAsync<long>("SELECT min(id) FROM book_entries");

        var response = await client.PostAsJsonAsync($"/api/villages/{Village}/years/2025/entries/{entryId}/reverse", new { reason = " " });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("reason", (await response.JsonAsync()).Str("field"));
        Assert.Equal(0L, await Silo.ScalarAsync<long>("SELECT count(*) FROM book_entries WHERE reverses_id IS NOT NULL"));
    }

    [Fact]
    public async Task An_entry_dated_outside_its_year_is_refused_naming_the_date()
    {
        var client = await Silo.AccountantAsync();
        var before = await Silo.ScalarAsync<long>("SELECT count(*) FROM book_entries");

        var response = await client.PostAsJsonAsync($"/api/villages/{Village}/years/2025/entries",
            new { date = "2026-01-02", category = "other_income", counterparty = "", documentNumber = "", amount = 10m });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("date", (await response.JsonAsync()).Str("field"));
        Assert.Equal(before, await Silo.ScalarAsync<long>("SELECT count(*) FROM book_entries"));
    }

    [Theory]
    [InlineData(230_000, null, "plan.exceedsDistributable")]
    [InlineData(100_000, 5, "plan.reserveBelowCharter")]
    public async Task A_plan_that_breaks_a_rule_of_the_books_is_refused_and_saves_nothing(int pool, int? reservePercent, string code)
    {
        var client = await Silo.AccountantAsync();

        var response = await client.PostAsJsonAsync($"/api/villages/{Village}/plans", Draft(pool: pool, reservePercent: reservePercent));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(code, (await response.JsonAsync()).Str("code"));
        Assert.Equal(1L, await Silo.ScalarAsync<long>("SELECT count(*) FROM distribution_plans"));
    }

    [Fact]
    public async Task A_dividend_out_of_a_loss_year_is_refused()
    {
        var client = await Silo.AccountantAsync();
        (await client.PostAsJsonAsync($"/api/villages/{Village}/years/2026/entries",
            new { date = "2026-05-01", category = "management_cost", counterparty = "", documentNumber = "记-2026-001", amount = 3_000m })).EnsureSuccessStatusCode();

        // 2026 opens with 5,887.50 carried from 2025 but loses 3,000.00 itself.
        var response = await client.PostAsJsonAsync($"/api/villages/{Village}/plans", Draft(year: 2026, pool: 1_000m));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("plan.distributionFromLoss", (await response.JsonAsync()).Str("code"));
    }

    [Fact]
    public async Task A_charter_that_fixes_the_record_date_the_day_before_the_meeting_sets_it_in_every_plan()
    {
        var client = await Silo.AccountantAsync();
        await Silo.ScalarAsync<int>($"UPDATE village_charters SET record_date_rule = 'dayBeforeMeeting' WHERE village_id = {Village} RETURNING 1");

        var created = await client.PostAsJsonAsync($"/api/villages/{Village}/plans",
            new { year = 2025, membersPool = 180_000m, rateMode = "derived", roundingUnit = "yuan", meetingDate = "2025-12-06" });
        var against = await client.PostAsJsonAsync($"/api/villages/{Village}/plans",
            new { year = 2025, membersPool = 180_000m, rateMode = "derived", roundingUnit = "yuan", recordDate = "2025-11-30", meetingDate = "2025-12-06" });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("2025-12-05", (await created.JsonAsync()).Str("recordDate"));
        Assert.Equal("plan.recordDateRule", (await against.JsonAsync()).Str("code"));
    }

    [Fact]
    public async Task Raising_the_charter_s_minimum_reserve_refuses_a_draft_that_it_accepted_before()
    {
        var client = await Silo.AccountantAsync();
        var plan = new { year = 2025, membersPool = 200_000m, reservePercent = 10m, rateMode = "derived", roundingUnit = "yuan", recordDate = "2025-11-30", meetingDate = "2025-12-01" };
        var before = await client.PostAsJsonAsync($"/api/villages/{Village}/plans", plan);

        var raised = await client.PutAsJsonAsync($"/api/villages/{Village}/charter/distribution", new { minReservePercent = 20m, unclaimedPayouts = "stay_payable" });
        var after = await client.PostAsJsonAsync($"/api/villages/{Village}/plans", plan);
        var wrong = await client.PutAsJsonAsync($"/api/villages/{Village}/charter/distribution", new { minReservePercent = 120m, unclaimedPayouts = "stay_payable" });

        Assert.Equal(HttpStatusCode.Created, before.StatusCode); // 10% of 235,750 + 200,000 fits
        Assert.Equal(20m, (await raised.JsonAsync()).GetProperty("minReservePercent").GetDecimal());
        Assert.Equal("plan.reserveBelowCharter", (await after.JsonAsync()).Str("code")); // 10% is below the new 20%
        Assert.Equal("minReservePercent", (await wrong.JsonAsync()).Str("field"));
    }

    [Fact]
    public async Task Two_drafts_are_compared_side_by_side()
    {
        var client = await Silo.AccountantAsync();
        var derived = await client.CreatePlanAsync(Village, Draft(pool: 186_500m));
        var fixedRate = await client.CreatePlanAsync(Village, Draft(pool: 180_000m, rateMode: "fixed", perShareRate: 200m, reservePercent: 20));

        var compared = (await client.GetJsonAsync($"/api/villages/{Village}/plans/compare?ids={derived}&ids={fixedRate}")).EnumerateArray().ToList();

        Assert.Equal(2, compared.Count);
        Assert.Equal("220.00", compared[0].GetProperty("preview").Str("perShareRate"));
        Assert.Equal("186164.00", compared[0].GetProperty("preview").Str("totalPaid"));
        Assert.Equal("23575.00", compared[0].GetProperty("distribution").Str("reserve"));
        Assert.Equal("169240.00", compared[1].GetProperty("preview").Str("totalPaid"));
        Assert.Equal("10760.00", compared[1].GetProperty("preview").Str("residue"));
        Assert.Equal("47150.00", compared[1].GetProperty("distribution").Str("reserve"));
        Assert.Equal("575.65", compared[1].GetProperty("preview").Str("perHousehold")); // 169,240 / 294 = 575.646…
        Assert.Equal(1017, compared[1].GetProperty("preview").GetProperty("members").GetInt32());
    }

    [Fact]
    public async Task A_plan_goes_from_draft_to_notice_to_vote_and_is_then_run()
    {
        var client = await Silo.AccountantAsync();
        var planId = await client.CreatePlanAsync(Village, Draft(pool: 180_000m, rateMode: "fixed", perShareRate: 200m));

        var early = await client.PostAsJsonAsync($"/api/villages/{Village}/plans/{planId}/decision", Vote(present: 28, date: "2025-11-25"));
        var published = await client.PostAsJsonAsync($"/api/villages/{Village}/plans/{planId}/publish", new { publishedOn = "2025-11-10" });
        var tooSoon = await client.PostAsJsonAsync($"/api/villages/{Village}/plans/{planId}/decision", Vote(present: 28, date: "2025-11-19"));
        var noQuorum = await client.PostAsJsonAsync($"/api/villages/{Village}/plans/{planId}/decision", Vote(present: 20, date: "2025-11-25"));
        var carried = await client.PostAsJsonAsync($"/api/villages/{Village}/plans/{planId}/decision", Vote(present: 28, date: "2025-11-25"));
        var republish = await client.PostAsJsonAsync($"/api/villages/{Village}/plans/{planId}/publish", new { publishedOn = "2025-11-26" });
        var run = await client.StartRunAsync(Village, 2025, 2, "run-v2");

        Assert.Equal("plan.notPublished", (await early.JsonAsync()).Str("code"));
        Assert.Equal("published", (await published.JsonAsync()).Str("status"));
        Assert.Equal("assembly.noticeTooShort", (await tooSoon.JsonAsync()).Str("code"));
        Assert.Equal("assembly.quorum", (await noQuorum.JsonAsync()).Str("code"));
        var approved = await carried.JsonAsync();
        Assert.Equal("approved", approved.Str("status"));
        Assert.Equal("2025-11-25", approved.Str("approvedOn"));
        Assert.Equal("plan.notDraft", (await republish.JsonAsync()).Str("code"));
        Assert.Equal(HttpStatusCode.Created, run.StatusCode);
        Assert.Equal("169240.00", (await run.JsonAsync()).Str("totalPaid"));
    }

    [Fact]
    public async Task The_public_notice_is_readable_without_a_login_and_only_by_its_address()
    {
        var client = await Silo.AccountantAsync();
        var planId = await client.CreatePlanAsync(Village, Draft(pool: 180_000m));
        var published = await (await client.PostAsJsonAsync($"/api/villages/{Village}/plans/{planId}/publish", new { publishedOn = "2025-11-10" })).JsonAsync();
        var token = published.Str("noticeUrl").Split('#')[1];
        var anonymous = Silo.CreateClient();

        var notice = await anonymous.GetJsonAsync($"/api/public/notices/{token}");
        var wrong = await anonymous.GetAsync($"/api/public/notices/{new string('0', 32)}");

        Assert.Equal("白杨河村", notice.Str("village"));
        Assert.Equal("2025-11-10", notice.Str("publishedOn"));
        Assert.Equal("235750.00", notice.GetProperty("statement").Str("distributable"));
        Assert.Equal("180000.00", notice.GetProperty("plan").Str("membersPool"));
        // The notice's statement distributes as the noticed plan does (10% reserve, 180,000 to members), not as the approved one.
        Assert.Equal("180000.00", notice.GetProperty("statement").GetProperty("distribution").Str("membersPool"));
        Assert.Equal("32175.00", notice.GetProperty("statement").Str("closingUndistributed"));
        Assert.Equal(HttpStatusCode.NotFound, wrong.StatusCode);
    }

    private static object Vote(int present, string date) =>
        new { kind = "representatives", date, eligible = 31, present, votesFor = Math.Min(present, 27), votesAgainst = 0, abstaining = 0 };
}
