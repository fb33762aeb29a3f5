using System.Net;
using System.Net.Http.Json;

namespace VillageCollective.Silo.Tests;

[Collection(SiloCollection.Name)]
public sealed class MemberParticularsTests(SiloFixture silo) : ResetTest<SiloFixture>(silo)
{
    private HttpClient _client = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _client = await Silo.AccountantAsync();
    }


    [Fact]
    public async Task A_payout_account_is_stored_in_full_and_shown_masked_with_phone_and_membership()
    {
        var member = (await _client.GetJsonAsync($"/api/villages/{Village}/households/5")).GetProperty("members")[0].GetProperty("id").GetInt64();

        var response = await _client.PutAsJsonAsync($"/api/villages/{Village}/households/5/members/{member}",
            new { memberSince = "2017-12-31", sinceReason = "改革时确认", phone = "13900000000", payoutAccount = "6228 4801 2345 6789 012" });

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var shown = (await _client.GetJsonAsync($"/api/villages/{Village}/households/5")).GetProperty("members")[0];
        Assert.Equal("***************9012", shown.Str("payoutAccountMasked"));
        Assert.Equal("13900000000", shown.Str("phone"));
        Assert.Equal("2017-12-31", shown.Str("memberSince"));
        Assert.Equal("6228480123456789012", await Silo.ScalarAsync<string>($"SELECT payout_account FROM members WHERE id = {member}"));
    }

    [Fact]
    public async Task Leaving_the_payout_account_out_keeps_the_stored_one()
    {
        var member = (await _client.GetJsonAsync($"/api/villages/{Village}/households/5")).GetProperty("members")[0].GetProperty("id").GetInt64();
        await _client.PutAsJsonAsync($"/api/villages/{Village}/households/5/members/{member}", new { payoutAccount = "6228480123456789012" });

        await _client.PutAsJsonAsync($"/api/villages/{Village}/households/5/members/{member}", new { phone = "13900000001" });

        Assert.Equal("6228480123456789012", await Silo.ScalarAsync<string>($"SELECT payout_account FROM members WHERE id = {member}"));
        Assert.Equal("13900000001", await Silo.ScalarAsync<string>($"SELECT phone FROM members WHERE id = {member}"));
    }

    [Fact]
    public async Task An_ended_membership_needs_one_of_the_laws_reasons()
    {
        var member = (await _client.GetJsonAsync($"/api/villages/{Village}/households/5")).GetProperty("members")[0].GetProperty("id").GetInt64();

        var response = await _client.PutAsJsonAsync($"/api/villages/{Village}/households/5/members/{member}", new { endedOn = "2026-01-01", endedReason = "moved" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("endedReason", (await response.JsonAsync()).Str("field"));
        Assert.Equal(0L, await Silo.ScalarAsync<long>("SELECT count(*) FROM members WHERE ended_on IS NOT NULL"));
    }

    [Fact]
    public async Task A_member_whose_membership_ended_is_not_counted_from_that_date()
    {
        var member = (await _client.GetJsonAsync($"/api/villages/{Village}/households/5")).GetProperty("members")[1].GetProperty("id").GetInt64();

        (await _client.PutAsJsonAsync($"/api/villages/{Village}/households/5/members/{member}", new { endedOn = "2026-01-01", endedReason = "death" })).EnsureSuccessStatusCode();

        Assert.Equal(1017, (await _client.GetJsonAsync($"/api/villages/{Village}?asOf=2025-12-31")).GetProperty("members").GetInt32());
        Assert.Equal(1016, (await _client.GetJsonAsync($"/api/villages/{Village}?asOf=2026-01-01")).GetProperty("members").GetInt32());
    }

    [Fact]
    public async Task A_householdsVillage_group_and_address_can_be_set()
    {
        (await _client.PutAsJsonAsync($"/api/villages/{Village}/households/5/particulars", new { villageGroup = "第二村民小组", address = "白杨河村5号" })).EnsureSuccessStatusCode();

        var household = await _client.GetJsonAsync($"/api/villages/{Village}/households/5");

        Assert.Equal("第二村民小组", household.Str("villageGroup"));
        Assert.Equal("白杨河村5号", household.Str("address"));
    }
}
