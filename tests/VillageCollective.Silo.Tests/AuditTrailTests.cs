using System.Net.Http.Json;
using Npgsql;

namespace VillageCollective.Silo.Tests;

[Collection(SiloCollection.Name)]
public sealed class AuditTrailTests(SiloFixture silo) : ResetTest<SiloFixture>(silo)
{
    [Fact]
    public async Task A_dividend_run_is_audited_with_who_and_its_lines_in_one_row()
    {
        var client = await Silo.AccountantAsync();
        (await client.StartRunAsync(Village, 2025, 1, "audited")).EnsureSuccessStatusCode();

        var trail = (await client.GetJsonAsync($"/api/villages/{Village}/audit?limit=10")).EnumerateArray().ToList();

        var run = Assert.Single(trail, r => r.Str("table") == "dividend_runs");
        Assert.Equal("baiyanghe-kuaiji", run.Str("actor"));
        Assert.Equal("INSERT", run.Str("operation"));
        Assert.Equal("186164.00", Assert.Single(run.GetProperty("after").EnumerateArray()).GetProperty("total_paid").ToString());
        var lines = Assert.Single(trail, r => r.Str("table") == "payout_lines");
        Assert.Equal(294, lines.GetProperty("after").GetProperty("lines").GetInt32());
    }

    [Fact]
    public async Task Every_table_that_carries_a_village_has_the_audit_trigger()
    {
        var unaudited = await Silo.ScalarAsync<string>("""
            SELECT coalesce(string_agg(c.table_name, ', '), '') FROM information_schema.columns c
            JOIN information_schema.tables t USING (table_schema, table_name)
            WHERE c.table_schema = current_schema() AND c.column_name = 'village_id' AND t.table_type = 'BASE TABLE'
              AND c.table_name <> 'audit_log'
              AND NOT (EXISTS (SELECT 1 FROM pg_trigger g WHERE g.tgrelid = c.table_name::regclass AND g.tgname = 'audit_lines_inserted')
                       OR (EXISTS (SELECT 1 FROM pg_trigger g WHERE g.tgrelid = c.table_name::regclass AND g.tgname = 'audit_row_change')
                           AND EXISTS (SELECT 1 FROM pg_trigger g WHERE g.tgrelid = c.table_name::regclass AND g.tgname = 'audit_rows_inserted')))
            """);

        Assert.Equal("", unaudited);
    }

    [Fact]
    public async Task The_chain_verifies_and_an_edited_row_is_found()
    {
        var client = await Silo.AccountantAsync();
        (await client.StartRunAsync(Village, 2025, 1, "chain")).EnsureSuccessStatusCode();
        var intact = await client.GetJsonAsync($"/api/villages/{Village}/audit/verify");
        var target = await Silo.ScalarAsync<long>($"SELECT id FROM audit_log WHERE chain = {Village} AND table_name = 'dividend_runs'");

        // Someone with database rights turns the guard off and lowers the recorded total.
        await Silo.ScalarAsync<int>($"""
            ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only;
            UPDATE audit_log SET after = jsonb_set(after, ARRAY['0', 'total_paid'], '1.00') WHERE id = {target};
            ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only;
            SELECT 1
            """);
        var broken = await client.GetJsonAsync($"/api/villages/{Village}/audit/verify");

        Assert.True(intact.GetProperty("intact").GetBoolean());
        Assert.True(intact.GetProperty("checked").GetInt64() > 10);
        Assert.False(broken.GetProperty("intact").GetBoolean());
        Assert.Equal(target, broken.GetProperty("firstBrokenId").GetInt64());
        Assert.Equal("content", broken.Str("problem"));
    }

    [Fact]
    public async Task A_removed_row_breaks_the_link_of_the_next_one()
    {
        var client = await Silo.AccountantAsync();
        var ids = await Silo.ScalarAsync<long[]>($"SELECT array_agg(id ORDER BY id) FROM (SELECT id FROM audit_log WHERE chain = {Village} ORDER BY id LIMIT 3) f");

        await Silo.ScalarAsync<int>($"""
            ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only;
            DELETE FROM audit_log WHERE id = {ids[1]};
            ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only;
            SELECT 1
            """);
        var broken = await client.GetJsonAsync($"/api/villages/{Village}/audit/verify");

        Assert.Equal(ids[2], broken.GetProperty("firstBrokenId").GetInt64());
        Assert.Equal("link", broken.Str("problem"));
    }

    [Fact]
    public async Task Removing_the_newest_rows_is_reported_at_the_chains_head()
    {
        var client = await Silo.AccountantAsync();
        (await client.PutAsJsonAsync($"/api/villages/{Village}/households/6/particulars", new { villageGroup = "二组", address = "白杨河村6号" })).EnsureSuccessStatusCode();
        var newest = await Silo.ScalarAsync<long>($"SELECT max(id) FROM audit_log WHERE chain = {Village}");
        Assert.True((await client.GetJsonAsync($"/api/villages/{Village}/audit/verify")).GetProperty("intact").GetBoolean());

        await Silo.ScalarAsync<int>($"SET session_replication_role = replica; DELETE FROM audit_log WHERE id = {newest}; SELECT 1");
        var broken = await client.GetJsonAsync($"/api/villages/{Village}/audit/verify");

        Assert.Equal(newest, broken.GetProperty("firstBrokenId").GetInt64());
        Assert.Equal("head", broken.Str("problem"));
    }

    [Fact]
    public async Task The_audit_trail_refuses_edits()
    {
        var error = await Assert.ThrowsAsync<PostgresException>(() => Silo.ScalarAsync<int>("UPDATE audit_log SET actor = 'x' RETURNING 1"));

        Assert.Contains("append-only", error.MessageText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resident_ids_are_masked_in_the_audit_trail()
    {
        var client = await Silo.AccountantAsync();

        var trail = (await client.GetJsonAsync($"/api/villages/{Village}/audit?limit=500")).EnumerateArray().ToList();

        var members = trail.Where(r => r.Str("table") == "members").SelectMany(r => r.GetProperty("after").EnumerateArray()).ToList();
        Assert.Equal(1017, members.Count); // the demo's members, inserted by one COPY: one audit row
        Assert.All(members, m => Assert.Matches(@"^\d{6}\*{8}\d{3}[\dX]$", m.GetProperty("resident_id").GetString()!));
    }

    [Fact]
    public async Task The_trail_can_be_read_one_table_at_a_time_and_page_back()
    {
        var client = await Silo.AccountantAsync();

        var all = (await client.GetJsonAsync($"/api/villages/{Village}/audit?limit=500")).EnumerateArray().ToList();
        var movements = (await client.GetJsonAsync($"/api/villages/{Village}/audit?table=share_movements")).EnumerateArray().ToList();
        var older = (await client.GetJsonAsync($"/api/villages/{Village}/audit?limit=2&beforeId={all[0].Str("id")}")).EnumerateArray().ToList();

        Assert.NotEmpty(movements);
        Assert.All(movements, r => Assert.Equal("share_movements", r.Str("table")));
        Assert.Equal(all.Count(r => r.Str("table") == "share_movements"), movements.Count);
        Assert.Equal(all.Skip(1).Take(2).Select(r => r.Str("id")), older.Select(r => r.Str("id")));
    }

    [Fact]
    public async Task A_payout_recipients_id_number_is_masked_in_the_audit_trail()
    {
        var meeting = await DividendDay.Meeting.StartAsync(Silo, Village);
        var cashier = await Silo.CashierAsync();
        (await meeting.MarkAsync(cashier, 1, new { tableNo = 1, status = "collected_by_proxy", recipientName = "张伟", relation = "邻居", recipientId = "11010519491231002X" }, "p")).EnsureSuccessStatusCode();

        var trail = (await cashier.GetJsonAsync($"/api/villages/{Village}/audit?limit=50")).EnumerateArray().ToList();

        var events = trail.Where(r => r.Str("table") == "payout_events").Select(r => r.GetProperty("after")).ToList();
        var mark = Assert.Single(events.SelectMany(e => e.ValueKind == System.Text.Json.JsonValueKind.Array ? e.EnumerateArray() : new[] { e }.AsEnumerable()));
        Assert.Equal("110105********002X", mark.Str("recipient_id"));
        Assert.DoesNotContain(trail, r => r.GetRawText().Contains("11010519491231002X", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Account_password_hashes_are_not_in_the_audit_trail()
    {
        var cashier = await Silo.CashierAsync();
        var hash = await Silo.ScalarAsync<string>("SELECT password_hash FROM accounts WHERE login = 'baiyanghe-kuaiji'");

        var trail = (await cashier.GetJsonAsync($"/api/villages/{Village}/audit?limit=500")).EnumerateArray().ToList();

        var accounts = trail.Where(r => r.Str("table") == "accounts").SelectMany(r => r.GetProperty("after").EnumerateArray()).ToList();
        Assert.Contains(accounts, a => a.Str("login") == "baiyanghe-kuaiji");
        Assert.All(accounts, a => Assert.Equal("******", a.Str("password_hash")));
        Assert.DoesNotContain(trail, r => r.GetRawText().Contains(hash[..20], StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_accountant_may_see_a_full_resident_id_and_the_request_is_audited()
    {
        var accountant = await Silo.AccountantAsync();
        var cashier = Silo.CreateClient();
        (await cashier.PostAsJsonAsync("/api/auth/login", new { login = "baiyanghe-chuna", password = "baiyanghe2025" })).EnsureSuccessStatusCode();
        var memberId = await Silo.ScalarAsync<long>("SELECT min(id) FROM members");
        var stored = await Silo.ScalarAsync<string>($"SELECT resident_id FROM members WHERE id = {memberId}");

        var revealed = await accountant.PostAsync($"/api/villages/{Village}/members/{memberId}/reveal-resident-id", null);
        var refused = await cashier.PostAsync($"/api/villages/{Village}/members/{memberId}/reveal-resident-id", null);

        Assert.Equal(stored, (await revealed.JsonAsync()).Str("residentId"));
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(1L, await Silo.ScalarAsync<long>(
            $"SELECT count(*) FROM audit_log WHERE operation = 'REVEAL' AND actor = 'baiyanghe-kuaiji' AND (after->>'member_id')::bigint = {memberId}"));
        Assert.True((await accountant.GetJsonAsync($"/api/villages/{Village}/audit/verify")).GetProperty("intact").GetBoolean());
    }
}
