using System.Net;
using System.Text.Json;

namespace VillageCollective.Silo.Tests.DividendDay;

[Collection(SiloCollection.Name)]
public sealed class MarkingTests(SiloFixture silo) : ResetTest<SiloFixture>(silo)
{
    [Fact]
    public async Task Opening_the_meeting_puts_all_294_lines_in_pending_and_the_board_at_zero_of_186164_yuan()
    {
        var meeting = await Meeting.StartAsync(Silo, Village);
        var cashier = await Silo.CashierAsync();

        var board = await meeting.BoardAsync(cashier);

        Assert.Equal("open", board.Str("meetingStatus"));
        Assert.Equal(294, board.GetProperty("householdsTotal").GetInt32());
        Assert.Equal(0, board.GetProperty("householdsPaid").GetInt32());
        Assert.Equal("186164.00", board.Str("amountTotal"));
        Assert.Equal("0.00", board.Str("amountPaid"));
        Assert.Equal(294L, await Silo.ScalarAsync<long>("SELECT count(*) FROM payout_line_status WHERE status = 'pending'"));
    }

    [Fact]
    public async Task A_cashier_pays_the_head_in_cash_and_the_event_records_login_table_and_instant()
    {
        var meeting = await Meeting.StartAsync(Silo, Village);
        var cashier = await Silo.CashierAsync();

        var response = await meeting.MarkAsync(cashier, 7, await meeting.PaidToHeadAsync(7, tableNo: 3), "k-7");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var mark = await response.JsonAsync();
        Assert.Equal("paid_in_cash", mark.Str("status"));
        Assert.Equal("baiyanghe-chuna", mark.Str("cashier"));
        Assert.Equal(3, mark.GetProperty("tableNo").GetInt32());
        Assert.Contains("********", mark.Str("recipientId"));
        var line = await meeting.LineAsync(cashier, 7);
        Assert.Equal("paid_in_cash", line.Str("status"));
        var board = await meeting.BoardAsync(cashier);
        Assert.Equal(1, board.GetProperty("householdsPaid").GetInt32());
        Assert.Equal(line.Str("amount"), board.Str("amountPaid"));
    }

    [Fact]
    public async Task A_replay_with_the_same_key_returns_the_first_event_and_writes_nothing_new()
    {
        var meeting = await Meeting.StartAsync(Silo, Village);
        var cashier = await Silo.CashierAsync();
        var body = await meeting.PaidToHeadAsync(1);

        var first = await meeting.MarkAsync(cashier, 1, body, "same");
        var replay = await meeting.MarkAsync(cashier, 1, body, "same");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal((await first.JsonAsync()).Str("id"), (await replay.JsonAsync()).Str("id"));
        Assert.Equal(1L, await Silo.ScalarAsync<long>("SELECT count(*) FROM payout_events"));
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_a_409_and_marks_nothing()
    {
        var meeting = await Meeting.StartAsync(Silo, Village);
        var cashier = await Silo.CashierAsync();
        (await meeting.MarkAsync(cashier, 1, await meeting.PaidToHeadAsync(1), "shared")).EnsureSuccessStatusCode();

        var conflict = await meeting.MarkAsync(cashier, 2, new { tableNo = 1, status = "deferred", reason = "外出" }, "shared");

        await Meeting.AssertProblemAsync(conflict, 409, "idempotency.keyReused", "Idempotency-Key");
        Assert.Equal("pending", (await meeting.LineAsync(cashier, 2)).Str("status"));
    }

    [Fact]
    public async Task Marking_a_marked_line_again_is_a_409_naming_who_marked_it_at_which_table_and_when()
    {
        var meeting = await Meeting.StartAsync(Silo, Village);
        var cashier = await Silo.CashierAsync();
        var accountant = await Silo.AccountantAsync();
        var first = await (await meeting.MarkAsync(cashier, 5, await meeting.PaidToHeadAsync(5, tableNo: 2), "a")).JsonAsync();

        var second = await meeting.MarkAsync(accountant, 5, new { tableNo = 4, status = "deferred", reason = "重复" }, "b");

        await Meeting.AssertProblemAsync(second, 409, "payout.alreadyMarked", "lineNo");
        var problem = await second.JsonAsync();
        Assert.Equal("baiyanghe-chuna", problem.Str("markedBy"));
        Assert.Equal(2, problem.GetProperty("tableNo").GetInt32());
        Assert.Equal(first.GetProperty("at").GetDateTimeOffset(), problem.GetProperty("markedAt").GetDateTimeOffset());
        Assert.Equal(1L, await Silo.ScalarAsync<long>("SELECT count(*) FROM payout_events"));
    }

    [Fact]
    public async Task A_mark_without_an_idempotency_key_is_refused()
    {
        var meeting = await Meeting.StartAsync(Silo, Village);
        var cashier = await Silo.CashierAsync();

        var response = await meeting.MarkAsync(cashier, 1, await meeting.PaidToHeadAsync(1), key: null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0L, await Silo.ScalarAsync<long>("SELECT count(*) FROM payout_events"));
    }

    [Fact]
    public async Task Cash_to_someone_outside_the_household_is_refused_naming_the_field_and_writes_nothing()
    {
        var meeting = await Meeting.StartAsync(Silo, Village);
        var cashier = await Silo.CashierAsync();
        var (name, otherId) = await meeting.HeadAsync(2);

        var response = await meeting.MarkAsync(cashier, 1, new { tableNo = 1, status = "paid_in_cash", recipientName = name, relation = "户主", recipientId = otherId }, "x");

        await Meeting.AssertProblemAsync(response, 422, "payout.recipientNotInHousehold", "recipientId");
        Assert.Equal(0L, await Silo.ScalarAsync<long>("SELECT count(*) FROM payout_events"));
    }

    [Fact]
    public async Task A_malformed_recipient_id_is_refused_on_the_recipientId_field()
    {
        var meeting = await Meeting.StartAsync(Silo, Village);
        var cashier = await Silo.CashierAsync();

        var response = await meeting.MarkAsync(cashier, 1, new { tableNo = 1, status = "collected_by_proxy", recipientName = "张伟", relation = "邻居", recipientId = "12345" }, "x");

        await Meeting.AssertProblemAsync(response, 422, "residentId.length", "recipientId");
    }

    [Fact]
    public async Task Proxy_transfer_and_deferral_each_record_what_goes_with_them()
    {
        var meeting = await Meeting.StartAsync(Silo, Village);
        var cashier = await Silo.CashierAsync();
        var proxyId = "11010519491231002X";

        (await meeting.MarkAsync(cashier, 1, new { tableNo = 1, status = "collected_by_proxy", recipientName = "张伟", relation = "邻居", recipientId = proxyId }, "p")).EnsureSuccessStatusCode();
        (await meeting.MarkAsync(cashier, 2, new { tableNo = 1, status = "transferred_to_bank", batchReference = "NX-20251201-01" }, "t")).EnsureSuccessStatusCode();
        (await meeting.MarkAsync(cashier, 3, new { tableNo = 1, status = "deferred", reason = "户主外出务工" }, "d")).EnsureSuccessStatusCode();

        Assert.Equal("110105********002X", (await meeting.LineAsync(cashier, 1)).GetProperty("last").Str("recipientId"));
        Assert.Equal("NX-20251201-01", (await meeting.LineAsync(cashier, 2)).GetProperty("last").Str("batchReference"));
        Assert.Equal("户主外出务工", (await meeting.LineAsync(cashier, 3)).GetProperty("last").Str("reason"));
        var board = await meeting.BoardAsync(cashier);
        Assert.Equal(2, board.GetProperty("householdsPaid").GetInt32());
    }

    [Fact]
    public async Task The_runs_list_shows_what_is_handed_out_and_what_is_still_owed_to_the_fen()
    {
        var meeting = await Meeting.StartAsync(Silo, Village);
        var cashier = await Silo.CashierAsync();
        (await meeting.MarkAsync(cashier, 1, await meeting.PaidToHeadAsync(1), "c")).EnsureSuccessStatusCode();
        (await meeting.MarkAsync(cashier, 2, new { tableNo = 1, status = "transferred_to_bank", batchReference = "NX-20251201-01" }, "t")).EnsureSuccessStatusCode();
        (await meeting.MarkAsync(cashier, 3, new { tableNo = 1, status = "deferred", reason = "户主外出务工" }, "d")).EnsureSuccessStatusCode();
        var mark = await (await meeting.MarkAsync(cashier, 4, await meeting.PaidToHeadAsync(4), "u")).JsonAsync();
        (await meeting.UndoAsync(cashier, 4, mark.GetProperty("id").GetInt64(), "点错户")).EnsureSuccessStatusCode();

        var run = Assert.Single((await cashier.GetJsonAsync($"/api/villages/{Village}/dividend-runs")).EnumerateArray());
        var one = await cashier.GetJsonAsync($"/api/villages/{Village}/dividend-runs/{meeting.Run}");

        // Handed out: lines 1 (cash) and 2 (bank); owed: the other 292, the deferred line 3 and the undone line 4 among them.
        var handedOut = await Silo.ScalarAsync<decimal>($"SELECT sum(amount) FROM payout_lines WHERE run_id = {meeting.Run} AND line_no IN (1, 2)");
        Assert.Equal((2, handedOut), (run.GetProperty("householdsPaid").GetInt32(), run.Dec("amountPaid")));
        Assert.Equal((292, 186_164m - handedOut), (run.GetProperty("householdsOwed").GetInt32(), run.Dec("amountOwed")));
        Assert.Equal(run.Dec("totalPaid"), run.Dec("amountPaid") + run.Dec("amountOwed"));
        Assert.Equal(run.Str("amountOwed"), one.Str("amountOwed"));
    }

    [Fact]
    public async Task A_households_dividends_show_each_year_with_what_became_of_it()
    {
        var meeting = await Meeting.StartAsync(Silo, Village);
        var cashier = await Silo.CashierAsync();
        var accountant = await Silo.AccountantAsync();
        var number = await Silo.ScalarAsync<int>($"SELECT household_number FROM payout_lines WHERE run_id = {meeting.Run} AND line_no = 5");
        var amount = await Silo.ScalarAsync<decimal>($"SELECT amount FROM payout_lines WHERE run_id = {meeting.Run} AND line_no = 5");
        var before = Assert.Single((await accountant.GetJsonAsync($"/api/villages/{Village}/households/{number}/payouts")).EnumerateArray());
        (await meeting.MarkAsync(cashier, 5, new { tableNo = 3, status = "collected_by_proxy", recipientName = "张伟", relation = "邻居", recipientId = "11010519491231002X" }, "p")).EnsureSuccessStatusCode();

        var after = Assert.Single((await accountant.GetJsonAsync($"/api/villages/{Village}/households/{number}/payouts")).EnumerateArray());
        var unknown = await accountant.GetAsync($"/api/villages/{Village}/households/9999/payouts");

        Assert.Equal(("pending", JsonValueKind.Null), (before.Str("status"), before.GetProperty("last").ValueKind));
        Assert.Equal((2025, meeting.Run, amount, "220.00"), (after.GetProperty("year").GetInt32(), after.GetProperty("runId").GetInt64(), after.Dec("amount"), after.Str("perShareRate")));
        Assert.Equal("collected_by_proxy", after.Str("status"));
        var last = after.GetProperty("last");
        Assert.Equal(("张伟", "110105********002X", 3), (last.Str("recipientName"), last.Str("recipientId"), last.GetProperty("tableNo").GetInt32()));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task An_undo_appends_a_reversing_event_with_its_reason_and_the_line_can_be_marked_again()
    {
        var meeting = await Meeting.StartAsync(Silo, Village);
        var cashier = await Silo.CashierAsync();
        var mark = await (await meeting.MarkAsync(cashier, 9, await meeting.PaidToHeadAsync(9), "m1")).JsonAsync();

        var undo = await meeting.UndoAsync(cashier, 9, mark.GetProperty("id").GetInt64(), "点错户");

        Assert.Equal(HttpStatusCode.OK, undo.StatusCode);
        var reversal = await undo.JsonAsync();
        Assert.Equal("undo", reversal.Str("kind"));
        Assert.Equal(mark.Str("id"), reversal.Str("reverses"));
        Assert.Equal("点错户", reversal.Str("reason"));
        Assert.Equal("pending", (await meeting.LineAsync(cashier, 9)).Str("status"));
        Assert.Equal(0, (await meeting.BoardAsync(cashier)).GetProperty("householdsPaid").GetInt32());
        // Append-only: the mark is still there, beside its reversal.
        var history = await cashier.GetJsonAsync($"{meeting.Url}/lines/9/events");
        Assert.Equal(["mark", "undo"], history.EnumerateArray().Select(e => e.Str("kind")));

        (await meeting.MarkAsync(cashier, 9, new { tableNo = 1, status = "deferred", reason = "改日再领" }, "m2")).EnsureSuccessStatusCode();
        Assert.Equal("deferred", (await meeting.LineAsync(cashier, 9)).Str("status"));
    }

    [Fact]
    public async Task A_second_undo_of_the_same_mark_is_refused()
    {
        var meeting = await Meeting.StartAsync(Silo, Village);
        var cashier = await Silo.CashierAsync();
        var mark = await (await meeting.MarkAsync(cashier, 9, await meeting.PaidToHeadAsync(9), "m1")).JsonAsync();
        (await meeting.UndoAsync(cashier, 9, mark.GetProperty("id").GetInt64(), "点错户")).EnsureSuccessStatusCode();

        var again = await meeting.UndoAsync(cashier, 9, mark.GetProperty("id").GetInt64(), "点错户");

        await Meeting.AssertProblemAsync(again, 422, "payout.notMarked", "lineNo");
        Assert.Equal(2L, await Silo.ScalarAsync<long>("SELECT count(*) FROM payout_events"));
    }

    [Fact]
    public async Task An_undo_of_a_mark_that_is_no_longer_the_lines_current_one_is_a_409()
    {
        var meeting = await Meeting.StartAsync(Silo, Village);
        var cashier = await Silo.CashierAsync();
        var first = await (await meeting.MarkAsync(cashier, 9, await meeting.PaidToHeadAsync(9), "m1")).JsonAsync();
        (await meeting.UndoAsync(cashier, 9, first.GetProperty("id").GetInt64(), "点错户")).EnsureSuccessStatusCode();
        (await meeting.MarkAsync(cashier, 9, new { tableNo = 1, status = "deferred", reason = "改日" }, "m2")).EnsureSuccessStatusCode();

        var stale = await meeting.UndoAsync(cashier, 9, first.GetProperty("id").GetInt64(), "再撤一次");

        await Meeting.AssertProblemAsync(stale, 409, "payout.undoStale", "eventId");
        Assert.Equal("deferred", (await meeting.LineAsync(cashier, 9)).Str("status"));
    }

    [Fact]
    public async Task An_undo_without_a_reason_is_refused()
    {
        var meeting = await Meeting.StartAsync(Silo, Village);
        var cashier = await Silo.CashierAsync();
        var mark = await (await meeting.MarkAsync(cashier, 9, await meeting.PaidToHeadAsync(9), "m1")).JsonAsync();

        var undo = await meeting.UndoAsync(cashier, 9, mark.GetProperty("id").GetInt64(), " ");

        await Meeting.AssertProblemAsync(undo, 422, "payout.textRequired", "reason");
        Assert.Equal("paid_in_cash", (await meeting.LineAsync(cashier, 9)).Str("status"));
    }

    [Fact]
    public async Task Nothing_is_marked_before_the_meeting_is_opened()
    {
        var meeting = await Meeting.StartAsync(Silo, Village, open: false);
        var cashier = await Silo.CashierAsync();

        var response = await meeting.MarkAsync(cashier, 1, await meeting.PaidToHeadAsync(1), "early");

        await Meeting.AssertProblemAsync(response, 422, "meeting.notOpen", "runId");
    }

    [Fact]
    public async Task Many_parallel_markers_on_the_same_lines_get_exactly_one_success_per_line()
    {
        var meeting = await Meeting.StartAsync(Silo, Village);
        const int lines = 24, markersPerLine = 6;
        var bodies = new Dictionary<int, object>();
        for (var line = 1; line <= lines; line++) bodies[line] = await meeting.PaidToHeadAsync(line, tableNo: 1);
        var clients = new List<HttpClient>();
        for (var i = 0; i < markersPerLine; i++) clients.Add(i % 2 == 0 ? await Silo.CashierAsync() : await Silo.AccountantAsync());

        // 32 requests in flight at once: each holds a database connection while it waits for the village's lock, and
        // the test cluster has other fixtures' connections too (max_connections).
        using var inFlight = new SemaphoreSlim(32);
        var attempts = Enumerable.Range(1, lines)
            .SelectMany(line => clients.Select((client, marker) => (line, marker, client)))
            .Select(a => Task.Run(async () =>
            {
                await inFlight.WaitAsync();
                try
                {
                    return (a.line, (await meeting.MarkAsync(a.client, a.line, bodies[a.line], $"line{a.line}-marker{a.marker}")).StatusCode);
                }
                finally
                {
                    inFlight.Release();
                }
            }))
            .ToList();
        var results = await Task.WhenAll(attempts);

        foreach (var byLine in results.GroupBy(r => r.line))
        {
            Assert.True(byLine.All(r => r.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict), string.Join(",", byLine.Select(r => r.StatusCode)));
            Assert.Equal(1, byLine.Count(r => r.StatusCode == HttpStatusCode.Created));
            Assert.Equal(markersPerLine - 1, byLine.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        }
        Assert.Equal((long)lines, await Silo.ScalarAsync<long>("SELECT count(*) FROM payout_events"));
        Assert.Equal(0L, await Silo.ScalarAsync<long>("SELECT count(*) FROM (SELECT line_no FROM payout_events GROUP BY line_no HAVING count(*) > 1) twice"));
        var expected = await Silo.ScalarAsync<decimal>($"SELECT sum(amount) FROM payout_lines WHERE line_no <= {lines}");
        Assert.Equal(expected, (await meeting.BoardAsync(clients[0])).Dec("amountPaid"));
    }

    [Fact]
    public async Task Parallel_replays_of_one_key_mark_once_and_all_return_the_same_event()
    {
        var meeting = await Meeting.StartAsync(Silo, Village);
        var cashier = await Silo.CashierAsync();
        var body = await meeting.PaidToHeadAsync(4);

        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => Task.Run(() => meeting.MarkAsync(cashier, 4, body, "tap-tap-tap"))));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(responses, r => Assert.True(r.IsSuccessStatusCode));
        var ids = await Task.WhenAll(responses.Select(async r => (await r.JsonAsync()).Str("id")));
        Assert.Single(ids.Distinct());
        Assert.Equal(1L, await Silo.ScalarAsync<long>("SELECT count(*) FROM payout_events"));
    }
}
