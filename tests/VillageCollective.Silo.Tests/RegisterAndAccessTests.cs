using System.Net;
using System.Net.Http.Json;

namespace VillageCollective.Silo.Tests;

[Collection(SiloCollection.Name)]
public sealed class RegisterAndAccessTests(SiloFixture silo) : ResetTest<SiloFixture>(silo)
{
    [Fact]
    public async Task The_village_list_gives_each_village_in_scope_with_its_totals_and_nothing_outside_it()
    {
        await Silo.ScalarAsync<long>("""
            INSERT INTO villages (code, name, township, county, township_id) SELECT 'list-b', '东湾村', '白杨河乡', '木垒县', township_id FROM villages LIMIT 1 RETURNING id
            """);
        var admin = await SiloFixture.LoginAsync(Silo, 3);

        var villages = (await admin.GetJsonAsync("/api/villages")).EnumerateArray().ToList();

        Assert.Equal(new[] { "白杨河村", "东湾村" }.Order(), villages.Select(v => v.Str("name")).Order());
        var baiyanghe = villages.Single(v => v.GetProperty("id").GetInt64() == Village);
        Assert.Equal((294, 1017, "846.2"), (baiyanghe.GetProperty("households").GetInt32(), baiyanghe.GetProperty("members").GetInt32(), baiyanghe.Str("shares")));
        var accountant = await Silo.AccountantAsync();
        Assert.Equal([Village], (await accountant.GetJsonAsync("/api/villages")).EnumerateArray().Select(v => v.GetProperty("id").GetInt64()));
    }

    [Fact]
    public async Task The_demo_register_holds_294_households_1017_members_and_846_2_shares_on_the_record_date()
    {
        var client = await Silo.AccountantAsync();

        var village = await client.GetJsonAsync($"/api/villages/{Village}?asOf=2025-11-30");

        Assert.Equal("白杨河村", village.Str("name"));
        Assert.True(village.GetProperty("isDemo").GetBoolean());
        Assert.Equal(294, village.GetProperty("households").GetInt32());
        Assert.Equal(1017, village.GetProperty("members").GetInt32());
        Assert.Equal("846.2", village.Str("shares"));
    }

    [Fact]
    public async Task Shares_as_of_a_date_before_later_members_joined_are_fewer()
    {
        var client = await Silo.AccountantAsync();

        var atReform = await client.GetJsonAsync($"/api/villages/{Village}?asOf=2017-12-31");

        // Only the 101 members who joined after the reform (0.2 share each) are missing then.
        Assert.Equal(846.2m - 101 * 0.2m, atReform.Dec("shares"));
    }

    [Fact]
    public async Task The_register_is_searched_by_household_number_or_name()
    {
        var client = await Silo.AccountantAsync();
        var all = (await client.GetJsonAsync($"/api/villages/{Village}/households")).EnumerateArray().ToList();
        var someone = all[41];

        var byNumber = (await client.GetJsonAsync($"/api/villages/{Village}/households?search={someone.Str("number")}")).EnumerateArray().ToList();
        var byName = (await client.GetJsonAsync($"/api/villages/{Village}/households?search={Uri.EscapeDataString(someone.Str("headName"))}")).EnumerateArray().ToList();

        Assert.Equal(294, all.Count);
        Assert.Equal(someone.Str("id"), Assert.Single(byNumber).Str("id"));
        Assert.Contains(byName, h => h.Str("id") == someone.Str("id"));
        Assert.True(byName.Count < all.Count);
    }

    [Theory]
    [InlineData("%")]
    [InlineData("_")]
    [InlineData("王%")]
    public async Task Percent_and_underscore_in_a_search_are_letters_not_wildcards(string search)
    {
        var client = await Silo.AccountantAsync();
        var meeting = await DividendDay.Meeting.StartAsync(Silo, Village);

        var households = (await client.GetJsonAsync($"/api/villages/{Village}/households?search={Uri.EscapeDataString(search)}")).EnumerateArray();
        var lines = (await client.GetJsonAsync($"{meeting.Url}/lines?search={Uri.EscapeDataString(search)}")).EnumerateArray();
        var runLines = (await client.GetJsonAsync($"/api/villages/{Village}/dividend-runs/{meeting.Run}/lines?search={Uri.EscapeDataString(search)}")).EnumerateArray();

        // No name in Baiyanghe's register has either character: as wildcards they would have matched every household.
        Assert.Equal(0L, await Silo.ScalarAsync<long>($"SELECT count(*) FROM members WHERE village_id = {Village} AND (strpos(name, '%') > 0 OR strpos(name, '_') > 0)"));
        Assert.Empty(households);
        Assert.Empty(lines);
        Assert.Empty(runLines);
    }

    [Fact]
    public async Task A_household_page_masks_resident_ids()
    {
        var client = await Silo.AccountantAsync();

        var household = await client.GetJsonAsync($"/api/villages/{Village}/households/1");

        var members = household.GetProperty("members").EnumerateArray().ToList();
        Assert.NotEmpty(members);
        Assert.Equal("户主", members[0].Str("relation"));
        Assert.All(members, m => Assert.Matches(@"^99\d{4}\*{8}\d{3}[\dX]$", m.Str("residentIdMasked")));
    }

    [Fact]
    public async Task Without_a_login_the_api_answers_401_but_health_and_the_client_answer()
    {
        var anonymous = Silo.CreateClient();

        var api = await anonymous.GetAsync($"/api/villages/{Village}");
        var health = await anonymous.GetAsync("/health");
        var page = await anonymous.GetAsync("/");
        var openApi = await anonymous.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("村集体股份分红", await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, openApi.StatusCode);
    }

    [Fact]
    public async Task A_wrong_password_is_refused()
    {
        var client = Silo.CreateClient();

        var response = await client.PostAsJsonAsync("/api/auth/login", new { login = "baiyanghe-kuaiji", password = "wrong" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/auth/me")).StatusCode);
    }

    [Fact]
    public async Task An_accountant_cannot_read_another_village()
    {
        await Silo.ScalarAsync<long>("INSERT INTO villages (code, name, township, county) VALUES ('other', '东湾村', '白杨河乡', '木垒县') RETURNING id");
        var other = await Silo.ScalarAsync<long>("SELECT id FROM villages WHERE code = 'other'");
        var client = await Silo.AccountantAsync();

        var response = await client.GetAsync($"/api/villages/{other}/households");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("access.denied", (await response.JsonAsync()).Str("code"));
    }

    [Fact]
    public async Task The_openapi_document_lists_the_dividend_run_endpoint()
    {
        var client = await Silo.AccountantAsync();

        var document = await client.GetJsonAsync("/openapi/v1.json");

        Assert.True(document.GetProperty("paths").TryGetProperty("/api/villages/{villageId}/dividend-runs", out _));
    }

    [Fact]
    public async Task The_approved_2025_plan_previews_220_yuan_a_share()
    {
        var client = await Silo.AccountantAsync();
        var plans = (await client.GetJsonAsync($"/api/villages/{Village}/plans")).EnumerateArray().ToList();
        var plan2025 = Assert.Single(plans);

        var plan = await client.GetJsonAsync($"/api/villages/{Village}/plans/{plan2025.Str("id")}");

        Assert.Equal("approved", plan.Str("status"));
        Assert.Equal("2025-11-30", plan.Str("recordDate"));
        Assert.Equal("2025-12-01", plan.Str("meetingDate"));
        Assert.Equal("220.00", plan.GetProperty("preview").Str("perShareRate"));
        Assert.Equal("186164.00", plan.GetProperty("preview").Str("totalPaid"));
    }

    [Fact]
    public async Task A_plan_with_too_precise_a_pool_is_refused_naming_the_field_and_saves_nothing()
    {
        var client = await Silo.AccountantAsync();

        var response = await client.PostAsJsonAsync($"/api/villages/{Village}/plans",
            new { year = 2026, membersPool = 1000.005m, rateMode = "derived", roundingUnit = "yuan", recordDate = "2026-11-30", meetingDate = "2026-12-01" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.JsonAsync();
        Assert.Equal("yuan.too_precise", problem.Str("code"));
        Assert.Equal("membersPool", problem.Str("field"));
        Assert.Equal(0L, await Silo.ScalarAsync<long>("SELECT count(*) FROM distribution_plans WHERE year = 2026"));
    }

    [Fact]
    public async Task Every_shipped_migration_is_recorded_once()
    {
        var shipped = Storage.MigrationRunner.Shipped();

        Assert.Equal(shipped.Count, (int)await Silo.ScalarAsync<long>("SELECT count(DISTINCT version) FROM schema_migrations"));
        Assert.Equal(1, shipped[0].Version);
    }
}
