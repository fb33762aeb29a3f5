using System.Net.Http.Json;

namespace VillageCollective.Silo.Tests.DividendDay;

[Collection(SiloCollection.Name)]
public sealed class UnclaimedPayoutsTests(SiloFixture silo) : ResetTest<SiloFixture>(silo)
{
    [Theory]
    [InlineData("stay_payable", false)]
    [InlineData("return_to_undistributed", true)]
    public async Task Payouts_unclaimed_when_the_meeting_closes_return_to_undistributed_income_only_if_the_charter_says_so(string rule, bool returned)
    {
        var accountant = await Silo.AccountantAsync();
        (await accountant.PutAsJsonAsync($"/api/villages/{Village}/charter/distribution", new { minReservePercent = 10m, unclaimedPayouts = rule })).EnsureSuccessStatusCode();
        var meeting = await Meeting.StartAsync(Silo, Village);
        var cashier = await Silo.CashierAsync();
        (await meeting.MarkAsync(cashier, 1, await meeting.PaidToHeadAsync(1), "line-1")).EnsureSuccessStatusCode();
        (await accountant.PostAsJsonAsync($"{meeting.Url}/close", new { reason = "未到场，暂缓发放", tables = Array.Empty<object>() })).EnsureSuccessStatusCode();
        var unclaimed = await Silo.ScalarAsync<decimal>($"SELECT sum(amount) FROM payout_lines WHERE run_id = {meeting.Run} AND line_no <> 1");

        var statement = await accountant.GetJsonAsync($"/api/villages/{Village}/years/2025/statement");
        var next = await accountant.GetJsonAsync($"/api/villages/{Village}/years/2026/statement");

        // 2025 closes at 5,887.50 left by the plan + 336.00 rounding residue (+ what was not collected, if it returns).
        var expected = 5_887.50m + 336.00m + (returned ? unclaimed : 0m);
        Assert.Equal(expected, statement.Dec("closingUndistributed"));
        Assert.Equal(returned ? unclaimed : 0m, statement.GetProperty("distribution").Dec("unclaimedReturned"));
        Assert.Equal(expected, next.Dec("openingUndistributed"));
    }
}
