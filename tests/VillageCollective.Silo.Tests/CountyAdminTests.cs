using System.Net;
using System.Net.Http.Json;

namespace VillageCollective.Silo.Tests;

[Collection(SiloCollection.Name)]
public sealed class CountyAdminTests(SiloFixture silo) : ResetTest<SiloFixture>(silo)
{
    private async Task<(HttpClient Admin, long County)> AdminAsync()
    {
        var admin = Silo.CreateClient();
        (await admin.PostAsJsonAsync("/api/auth/login", new { login = "mulei-xian", password = "baiyanghe2025" })).EnsureSuccessStatusCode();
        return (admin, await Silo.ScalarAsync<long>($"SELECT t.county_id FROM villages v JOIN townships t ON t.id = v.township_id WHERE v.id = {Village}"));
    }

    [Fact]
    public async Task The_county_administrator_creates_an_accountant_who_must_change_the_initial_password()
    {
        var (admin, county) = await AdminAsync();

        var created = await admin.PostAsJsonAsync($"/api/counties/{county}/accounts", new
        {
            login = "baiyanghe-kuaiji-2", displayName = "白杨河村新会计", initialPassword = "initial-2025",
            grants = new[] { new { role = "accountant", villageId = Village } },
        });
        var newcomer = Silo.CreateClient();
        var login = await (await newcomer.PostAsJsonAsync("/api/auth/login", new { login = "baiyanghe-kuaiji-2", password = "initial-2025" })).JsonAsync();
        var blocked = await newcomer.GetAsync($"/api/villages/{Village}");
        (await newcomer.PostAsJsonAsync("/api/auth/password", new { currentPassword = "initial-2025", newPassword = "my-own-2025" })).EnsureSuccessStatusCode();
        var allowed = await newcomer.GetAsync($"/api/villages/{Village}");
        var listed = (await admin.GetJsonAsync($"/api/counties/{county}/accounts")).EnumerateArray().Select(a => a.Str("login")).ToList();

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.True(login.GetProperty("mustChangePassword").GetBoolean());
        Assert.Equal(HttpStatusCode.Forbidden, blocked.StatusCode);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Contains("baiyanghe-kuaiji-2", listed);
        Assert.Contains("baiyanghe-xiang", listed);
    }

    [Fact]
    public async Task Who_is_logged_in_names_each_grant_s_scope_as_it_is_named_now()
    {
        var (admin, county) = await AdminAsync();
        var overseer = Silo.CreateClient();
        (await overseer.PostAsJsonAsync("/api/auth/login", new { login = "baiyanghe-xiang", password = "baiyanghe2025" })).EnsureSuccessStatusCode();
        var township = await Silo.ScalarAsync<long>($"SELECT township_id FROM villages WHERE id = {Village}");
        await Silo.ScalarAsync<int>($"UPDATE townships SET name = '白杨河乡（新）' WHERE id = {township} RETURNING 1");

        var adminGrant = Assert.Single((await admin.GetJsonAsync("/api/auth/me")).GetProperty("grants").EnumerateArray());
        var overseerGrant = Assert.Single((await overseer.GetJsonAsync("/api/auth/me")).GetProperty("grants").EnumerateArray());
        var accountantGrants = (await (await Silo.AccountantAsync()).GetJsonAsync("/api/auth/me")).GetProperty("grants").EnumerateArray().ToList();

        Assert.Equal((county.ToString(System.Globalization.CultureInfo.InvariantCulture), await Silo.ScalarAsync<string>($"SELECT name FROM counties WHERE id = {county}")),
            (adminGrant.Str("countyId"), adminGrant.Str("scopeName")));
        Assert.Equal("白杨河乡（新）", overseerGrant.Str("scopeName")); // renamed after the login: read when asked
        Assert.All(accountantGrants, g => Assert.Equal("白杨河村", g.Str("scopeName")));
    }

    [Fact]
    public async Task A_grant_outside_the_county_is_refused_and_creates_nothing()
    {
        var (admin, county) = await AdminAsync();
        var elsewhere = await Silo.ScalarAsync<long>("""
            WITH c AS (INSERT INTO counties (name) VALUES ('奇台县') RETURNING id),
                 t AS (INSERT INTO townships (county_id, name) SELECT id, '西北湾乡' FROM c RETURNING id)
            INSERT INTO villages (code, name, township, county, township_id) SELECT 'x', '某村', '西北湾乡', '奇台县', id FROM t RETURNING id
            """);

        var response = await admin.PostAsJsonAsync($"/api/counties/{county}/accounts", new
        {
            login = "x-kuaiji", displayName = "外县会计", initialPassword = "initial-2025",
            grants = new[] { new { role = "accountant", villageId = Village }, new { role = "accountant", villageId = elsewhere } },
        });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("grants[1]", (await response.JsonAsync()).Str("field"));
        Assert.Equal(0L, await Silo.ScalarAsync<long>("SELECT count(*) FROM accounts WHERE login = 'x-kuaiji'"));
    }

    [Fact]
    public async Task A_taken_login_and_a_short_password_are_refused_naming_the_field()
    {
        var (admin, county) = await AdminAsync();
        var grants = new[] { new { role = "cashier", villageId = Village } };

        var taken = await admin.PostAsJsonAsync($"/api/counties/{county}/accounts", new { login = "baiyanghe-chuna", displayName = "x", initialPassword = "initial-2025", grants });
        var weak = await admin.PostAsJsonAsync($"/api/counties/{county}/accounts", new { login = "new-chuna", displayName = "x", initialPassword = "short", grants });

        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        Assert.Equal("login", (await taken.JsonAsync()).Str("field"));
        Assert.Equal("initialPassword", (await weak.JsonAsync()).Str("field"));
    }

    [Fact]
    public async Task The_county_administrator_adds_a_township_and_sees_the_county_s_villages_by_township()
    {
        var (admin, county) = await AdminAsync();

        (await admin.PostAsJsonAsync($"/api/counties/{county}/townships", new { name = "大石头乡" })).EnsureSuccessStatusCode();
        var again = await admin.PostAsJsonAsync($"/api/counties/{county}/townships", new { name = "大石头乡" });
        var townships = (await admin.GetJsonAsync($"/api/counties/{county}/townships")).EnumerateArray().ToList();

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(["大石头乡", "白杨河乡"], townships.Select(t => t.Str("name")).Order());
        Assert.Equal("白杨河村", townships.Single(t => t.Str("name") == "白杨河乡").GetProperty("villages")[0].Str("name"));
    }
}
