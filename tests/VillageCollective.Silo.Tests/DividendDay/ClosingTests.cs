using System.Net;
using System.Net.Http.Json;

namespace VillageCollective.Silo.Tests.DividendDay;

[Collection(SiloCollection.Name)]
public sealed class ClosingTests(SiloFixture silo) : ResetTest<SiloFixture>(silo)
{
    [Theory]
    [InlineData("open")]
    [InlineData("close")]
    [InlineData("reopen")]
    public async Task A_cashier_may_not_open_close_or_reopen_the_meeting(string verb)
    {
        var meeting = await Meeting.StartAsync(Silo, Village, open: verb == "open" ? false : true);
        var cashier = await Silo.CashierAsync();

        var response = await cashier.PostAsJsonAsync($"{meeting.Url}/{verb}", new { reason = "试试" });

        await Meeting.AssertProblemAsync(response, 403, "access.denied", "villageId");
    }

    [Fact]
    public async Task A_meeting_is_opened_once()
    {
        var meeting = await Meeting.StartAsync(Silo, Village);
        var accountant = await Silo.AccountantAsync();

        await Meeting.AssertProblemAsync(await accountant.PostAsync($"{meeting.Url}/open", null), 422, "meeting.alreadyOpened", "runId");
    }

    [Fact]
    public async Task Closing_defers_every_pending_line_and_counts_each_tables_cash_to_the_fen()
    {
        var meeting = await Meeting.StartAsync(Silo, Village);
        var cashier = await Silo.CashierAsync();
        var accountant = await Silo.AccountantAsync();
        int[] table1 = [1, 2, 3], table2 = [10, 11];
        foreach (var line in table1) (await meeting.MarkAsync(cashier, line, await meeting.PaidToHeadAsync(line, tableNo: 1), $"k{line}")).EnsureSuccessStatusCode();
        foreach (var line in table2) (await meeting.MarkAsync(cashier, line, await meeting.PaidToHeadAsync(line, tableNo: 2), $"k{line}")).EnsureSuccessStatusCode();
        (await meeting.MarkAsync(cashier, 20, new { tableNo = 2, status = "transferred_to_bank", batchReference = "B1" }, "k20")).EnsureSuccessStatusCode();
        var paid1 = await Silo.ScalarAsync<decimal>($"SELECT sum(amount) FROM payout_lines WHERE run_id = {meeting.Run} AND line_no IN (1, 2, 3)");
        var paid2 = await Silo.ScalarAsync<decimal>($"SELECT sum(amount) FROM payout_lines WHERE run_id = {meeting.Run} AND line_no IN (10, 11)");

        var response = await accountant.PostAsJsonAsync($"{meeting.Url}/close", new
        {
            reason = "未到场，暂缓发放",
            tables = new[] { new { tableNo = 1, cashIssued = 5000.00m }, new { tableNo = 2, cashIssued = 1234.56m } },
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.JsonAsync();
        var counts = report.GetProperty("cashCounts").EnumerateArray().ToList();
        Assert.Equal(2, counts.Count);
        Assert.Equal(paid1, counts[0].Dec("cashPaid"));
        Assert.Equal(5000.00m - paid1, counts[0].Dec("difference"));
        Assert.Equal(paid2, counts[1].Dec("cashPaid"));
        Assert.Equal(1234.56m - paid2, counts[1].Dec("difference"));
        Assert.Equal(6234.56m - paid1 - paid2, report.Dec("differenceTotal"));
        Assert.Equal(3, counts[0].GetProperty("linesPaid").GetInt32());
        Assert.Equal(288L, await Silo.ScalarAsync<long>("SELECT count(*) FROM payout_line_status WHERE status = 'deferred'"));
        Assert.Equal(0L, await Silo.ScalarAsync<long>("SELECT count(*) FROM payout_line_status WHERE status = 'pending'"));
        Assert.Equal(288L, await Silo.ScalarAsync<long>("SELECT count(*) FROM payout_events WHERE reason = '未到场，暂缓发放' AND cashier = 'baiyanghe-kuaiji'"));
        var board = report.GetProperty("board");
        Assert.Equal("closed", board.Str("meetingStatus"));
        Assert.Equal(6, board.GetProperty("householdsPaid").GetInt32());
        Assert.Equal(await Silo.ScalarAsync<decimal>("SELECT sum(amount) FROM payout_lines WHERE line_no IN (1, 2, 3, 10, 11, 20)"), board.Dec("amountPaid"));
        Assert.Equal(186164.00m, board.Dec("amountTotal"));
    }

    [Fact]
    public async Task A_table_that_paid_cash_but_was_not_listed_shows_its_whole_payout_as_a_shortage()
    {
        var meeting = await Meeting.StartAsync(Silo, Village);
        var cashier = await Silo.CashierAsync();
        var accountant = await Silo.AccountantAsync();
        (await meeting.MarkAsync(cashier, 1, await meeting.PaidToHeadAsync(1, tableNo: 3), "k1")).EnsureSuccessStatusCode();
        var amount = await Silo.ScalarAsync<decimal>($"SELECT amount FROM payout_lines WHERE run_id = {meeting.Run} AND line_no = 1");

        var report = await (await accountant.PostAsJsonAsync($"{meeting.Url}/close", new { reason = "散会", tables = Array.Empty<object>() })).JsonAsync();

        var count = Assert.Single(report.GetProperty("cashCounts").EnumerateArray());
        Assert.Equal(3, count.GetProperty("tableNo").GetInt32());
        Assert.Equal(-amount, count.Dec("difference"));
        Assert.StartsWith("短缺", count.Str("differenceInWords"));
    }

    [Fact]
    public async Task Closing_without_a_deferral_reason_is_refused_and_changes_nothing()
    {
        var meeting = await Meeting.StartAsync(Silo, Village);
        var accountant = await Silo.AccountantAsync();

        var response = await accountant.PostAsJsonAsync($"{meeting.Url}/close", new { reason = "", tables = Array.Empty<object>() });

        await Meeting.AssertProblemAsync(response, 422, "payout.textRequired", "reason");
        Assert.Equal(294L, await Silo.ScalarAsync<long>("SELECT count(*) FROM payout_line_status WHERE status = 'pending'"));
        Assert.Equal("open", await Silo.ScalarAsync<string>("SELECT status FROM dividend_meetings"));
    }

    [Fact]
    public async Task A_table_listed_twice_is_refused_naming_the_row()
    {
        var meeting = await Meeting.StartAsync(Silo, Village);
        var accountant = await Silo.AccountantAsync();

        var response = await accountant.PostAsJsonAsync($"{meeting.Url}/close", new
        {
            reason = "散会",
            tables = new[] { new { tableNo = 1, cashIssued = 1m }, new { tableNo = 1, cashIssued = 2m } },
        });

        await Meeting.AssertProblemAsync(response, 422, "cash.duplicateTable", "tables[1].tableNo");
        Assert.Equal(0L, await Silo.ScalarAsync<long>("SELECT count(*) FROM payout_events"));
    }

    [Fact]
    public async Task A_closed_meeting_takes_no_marks_until_the_accountant_reopens_it_with_a_reason()
    {
        var meeting = await Meeting.StartAsync(Silo, Village);
        var cashier = await Silo.CashierAsync();
        var accountant = await Silo.AccountantAsync();
        (await accountant.PostAsJsonAsync($"{meeting.Url}/close", new { reason = "未到场", tables = Array.Empty<object>() })).EnsureSuccessStatusCode();
        var deferral = (await meeting.LineAsync(cashier, 12)).GetProperty("last");

        await Meeting.AssertProblemAsync(await meeting.UndoAsync(cashier, 12, deferral.GetProperty("id").GetInt64(), "本人到场"), 422, "meeting.notOpen");
        await Meeting.AssertProblemAsync(await accountant.PostAsJsonAsync($"{meeting.Url}/reopen", new { reason = "" }), 422, "payout.textRequired", "reason");

        (await accountant.PostAsJsonAsync($"{meeting.Url}/reopen", new { reason = "第12户补领" })).EnsureSuccessStatusCode();
        (await meeting.UndoAsync(cashier, 12, deferral.GetProperty("id").GetInt64(), "本人到场")).EnsureSuccessStatusCode();
        (await meeting.MarkAsync(cashier, 12, await meeting.PaidToHeadAsync(12), "late")).EnsureSuccessStatusCode();

        var journal = await accountant.GetJsonAsync(meeting.Url);
        Assert.Equal(["open", "close", "reopen"], journal.GetProperty("events").EnumerateArray().Select(e => e.Str("kind")));
        Assert.Equal("第12户补领", journal.GetProperty("events")[2].Str("reason"));
        Assert.Equal("paid_in_cash", (await meeting.LineAsync(cashier, 12)).Str("status"));
    }

    [Fact]
    public async Task A_second_closing_counts_cash_again_under_its_own_number()
    {
        var meeting = await Meeting.StartAsync(Silo, Village);
        var cashier = await Silo.CashierAsync();
        var accountant = await Silo.AccountantAsync();
        (await accountant.PostAsJsonAsync($"{meeting.Url}/close", new { reason = "未到场", tables = new[] { new { tableNo = 1, cashIssued = 100m } } })).EnsureSuccessStatusCode();
        (await accountant.PostAsJsonAsync($"{meeting.Url}/reopen", new { reason = "补领" })).EnsureSuccessStatusCode();
        var deferral = (await meeting.LineAsync(cashier, 1)).GetProperty("last");
        (await meeting.UndoAsync(cashier, 1, deferral.GetProperty("id").GetInt64(), "本人到场")).EnsureSuccessStatusCode();
        (await meeting.MarkAsync(cashier, 1, await meeting.PaidToHeadAsync(1), "late")).EnsureSuccessStatusCode();

        var report = await (await accountant.PostAsJsonAsync($"{meeting.Url}/close", new { reason = "未到场", tables = new[] { new { tableNo = 1, cashIssued = 1000m } } })).JsonAsync();

        var count = Assert.Single(report.GetProperty("cashCounts").EnumerateArray());
        Assert.Equal(2, count.GetProperty("closingNo").GetInt32());
        var amount = await Silo.ScalarAsync<decimal>($"SELECT amount FROM payout_lines WHERE run_id = {meeting.Run} AND line_no = 1");
        Assert.Equal(1000m - amount, count.Dec("difference"));
        Assert.Equal(2L, await Silo.ScalarAsync<long>("SELECT count(*) FROM meeting_cash_counts"));
    }
}
