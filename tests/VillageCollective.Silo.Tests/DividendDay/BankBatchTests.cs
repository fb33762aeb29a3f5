using System.Net.Http.Json;
using System.Text;

namespace VillageCollective.Silo.Tests.DividendDay;

[Collection(SiloCollection.Name)]
public sealed class BankBatchTests(SiloFixture silo) : ResetTest<SiloFixture>(silo)
{
    [Fact]
    public async Task The_bank_batch_file_lists_each_transferred_line_of_the_batch_with_its_amount_to_the_fen()
    {
        var meeting = await Meeting.StartAsync(Silo, Village);
        var cashier = await Silo.CashierAsync();
        (await meeting.MarkAsync(cashier, 4, new { tableNo = 1, status = "transferred_to_bank", batchReference = "B-01" }, "a")).EnsureSuccessStatusCode();
        (await meeting.MarkAsync(cashier, 8, new { tableNo = 1, status = "transferred_to_bank", batchReference = "B-01" }, "b")).EnsureSuccessStatusCode();
        (await meeting.MarkAsync(cashier, 9, new { tableNo = 1, status = "transferred_to_bank", batchReference = "B-02" }, "c")).EnsureSuccessStatusCode();
        (await meeting.MarkAsync(cashier, 10, await meeting.PaidToHeadAsync(10), "d")).EnsureSuccessStatusCode();

        var response = await cashier.GetAsync($"{meeting.Url}/bank-batch.csv?batchReference=B-01");

        response.EnsureSuccessStatusCode();
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var rows = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("序号,户号,户主,收款人,收款账号,金额,大写金额,批次号,登记人,登记时间", rows[0]);
        Assert.Equal(3, rows.Length);
        var amount4 = await Silo.ScalarAsync<decimal>($"SELECT amount FROM payout_lines WHERE run_id = {meeting.Run} AND line_no = 4");
        var cells = rows[1].Split(',');
        Assert.Equal("4", cells[0]);
        Assert.Equal(amount4.ToString("F2", System.Globalization.CultureInfo.InvariantCulture), cells[5]);
        Assert.Equal("B-01", cells[7]);
        Assert.Equal("baiyanghe-chuna", cells[8]);
    }

    [Fact]
    public async Task The_bank_batch_file_gives_each_households_full_payout_account_and_the_download_is_audited()
    {
        var meeting = await Meeting.StartAsync(Silo, Village);
        var accountant = await Silo.AccountantAsync();
        var cashier = await Silo.CashierAsync();
        // Line 4's head gets an account; line 8's only account is a member's who is not the head; line 9 has none.
        var (head4, member8, memberName8, number4, number8) = await AccountHoldersAsync(meeting);
        (await accountant.PutAsJsonAsync($"/api/villages/{Village}/households/{number4}/members/{head4}", new { phone = "", payoutAccount = "6222 0212 3456 7890 123" })).EnsureSuccessStatusCode();
        (await accountant.PutAsJsonAsync($"/api/villages/{Village}/households/{number8}/members/{member8}", new { phone = "", payoutAccount = "6230520460012345678" })).EnsureSuccessStatusCode();
        foreach (var (line, key) in new[] { (4, "a"), (8, "b"), (9, "c") })
        {
            (await meeting.MarkAsync(cashier, line, new { tableNo = 1, status = "transferred_to_bank", batchReference = "B-01" }, key)).EnsureSuccessStatusCode();
        }
        var reveals = await Silo.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE operation = 'REVEAL'");

        var bytes = await cashier.GetByteArrayAsync($"{meeting.Url}/bank-batch.csv");

        var rows = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(r => r.Split(',')).ToList();
        Assert.Equal(["4", "8", "9"], rows.Select(r => r[0]));
        Assert.Equal("6222021234567890123", rows[0][4]);
        Assert.Equal(rows[0][2], rows[0][3]); // the head holds the account
        Assert.Equal("6230520460012345678", rows[1][4]);
        Assert.Equal(memberName8, rows[1][3]);
        Assert.Equal("", rows[2][4]);
        Assert.Equal(reveals + 1, await Silo.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE operation = 'REVEAL'"));
        Assert.Equal("2", await Silo.ScalarAsync<string>("SELECT after ->> 'accounts' FROM audit_log WHERE operation = 'REVEAL' ORDER BY id DESC LIMIT 1"));
    }

    private async Task<(long Head4, long Member8, string MemberName8, int Number4, int Number8)> AccountHoldersAsync(Meeting meeting)
    {
        var head4 = await Silo.ScalarAsync<long>($"SELECT m.id FROM payout_lines l JOIN members m ON m.household_id = l.household_id WHERE l.run_id = {meeting.Run} AND l.line_no = 4 AND m.relation = '户主'");
        var member8 = await Silo.ScalarAsync<long>($"SELECT m.id FROM payout_lines l JOIN members m ON m.household_id = l.household_id WHERE l.run_id = {meeting.Run} AND l.line_no = 8 AND m.relation <> '户主' ORDER BY m.id LIMIT 1");
        var name8 = await Silo.ScalarAsync<string>($"SELECT name FROM members WHERE id = {member8}");
        var number4 = await Silo.ScalarAsync<int>($"SELECT household_number FROM payout_lines WHERE run_id = {meeting.Run} AND line_no = 4");
        var number8 = await Silo.ScalarAsync<int>($"SELECT household_number FROM payout_lines WHERE run_id = {meeting.Run} AND line_no = 8");
        return (head4, member8, name8, number4, number8);
    }

    [Fact]
    public async Task The_bank_batch_file_can_be_had_in_GB18030()
    {
        var meeting = await Meeting.StartAsync(Silo, Village);
        var cashier = await Silo.CashierAsync();
        (await meeting.MarkAsync(cashier, 4, new { tableNo = 1, status = "transferred_to_bank", batchReference = "B-01" }, "a")).EnsureSuccessStatusCode();

        var bytes = await cashier.GetByteArrayAsync($"{meeting.Url}/bank-batch.csv?encoding=gb18030");

        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var text = Encoding.GetEncoding("GB18030").GetString(bytes);
        Assert.StartsWith("序号,户号,户主", text);
        var head = await Silo.ScalarAsync<string>($"SELECT head_name FROM payout_lines WHERE run_id = {meeting.Run} AND line_no = 4");
        Assert.Contains(head, text);
    }
}
