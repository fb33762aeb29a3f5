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
        Assert.Equal("序号,户号,户主,金额,大写金额,批次号,登记人,登记时间", rows[0]);
        Assert.Equal(3, rows.Length);
        var amount4 = await Silo.ScalarAsync<decimal>($"SELECT amount FROM payout_lines WHERE run_id = {meeting.Run} AND line_no = 4");
        var cells = rows[1].Split(',');
        Assert.Equal("4", cells[0]);
        Assert.Equal(amount4.ToString("F2", System.Globalization.CultureInfo.InvariantCulture), cells[3]);
        Assert.Equal("B-01", cells[5]);
        Assert.Equal("baiyanghe-chuna", cells[6]);
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
