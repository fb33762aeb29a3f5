using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;

namespace VillageCollective.Silo.Tests.Partnerships;

[Collection(SiloCollection.Name)]
public sealed class PartnershipDemoTests(SiloFixture silo) : ResetTest<SiloFixture>(silo)
{
    /// <summary>Baiyanghe, then the partnerships' demo beside it, as scripts/run loads them on first start.</summary>
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Silo.Services.GetRequiredService<VillageCollective.Silo.Demo.DemoLoader>().LoadPartnershipsAsync(CancellationToken.None);
    }

    private async Task<(HttpClient Client, long County)> AdminAsync(string login, string county)
    {
        var client = Silo.CreateClient();
        (await client.PostAsJsonAsync("/api/auth/login", new { login, password = "baiyanghe2025" })).EnsureSuccessStatusCode();
        return (client, await Silo.ScalarAsync<long>($"SELECT id FROM counties WHERE name = '{county}'"));
    }

    [Fact]
    public async Task The_Changji_demo_pays_Xigou_about_a_million_and_Yongjin_its_rent_of_2_3_million()
    {
        var (admin, county) = await AdminAsync("changji-shi", "昌吉市");

        var overview = await admin.GetJsonAsync($"/api/counties/{county}/partnerships/overview");
        var xigou = overview.GetProperty("villages").EnumerateArray().Single(v => v.Str("name") == "西沟村");
        var yongjin = overview.GetProperty("villages").EnumerateArray().Single(v => v.Str("name") == "勇进村");

        // 800,000 guaranteed + 250 shares × 840 (30% of 6.3 million over 2,250 shares) = 1,010,000.00.
        Assert.Equal(("800000.00", "210000.00", "1010000.00"), (xigou.GetProperty("years")[0].Str("guarantee"), xigou.GetProperty("years")[0].Str("profitShare"),
            xigou.GetProperty("years")[0].Str("owed")));
        Assert.Equal("505000.00", xigou.Str("arrears")); // the second half, due 30 June 2026, is unpaid
        Assert.Equal(50, xigou.GetProperty("localJobs").GetInt32());
        Assert.Equal("2300000.00", yongjin.GetProperty("years")[0].Str("owed"));
        Assert.Equal("0.00", yongjin.Str("arrears"));
        var xigouId = await Silo.ScalarAsync<long>("SELECT id FROM villages WHERE name = '西沟村'");
        Assert.Equal(1_010_000m, await Silo.ScalarAsync<decimal>($"SELECT sum(amount) FROM book_entries WHERE village_id = {xigouId} AND year = 2025 AND category = 'investment_income'"));
    }

    [Fact]
    public async Task The_pooled_demo_splits_6_percent_of_6_8_million_by_days_and_posts_nothing_into_Baiyanghe()
    {
        var (admin, county) = await AdminAsync("mulei-xian", "木垒县");

        var pooled = (await admin.GetJsonAsync($"/api/counties/{county}/partnerships")).EnumerateArray().Single(p => p.Str("project") == "飞地抱团冷链仓储");
        var settlement = pooled.GetProperty("settlements")[0];
        var owed = settlement.GetProperty("lines").EnumerateArray().Where(l => l.GetProperty("villageId").ValueKind != System.Text.Json.JsonValueKind.Null)
            .Select(l => l.Str("owed")).ToList();

        // 6% × 1.7 million × (3 × 365 + 184) ÷ 365 = 357,419.18; 团结村 joined 1 July: 184 days.
        Assert.Equal("6800000.00", pooled.Str("villagesContribution"));
        Assert.Equal("357419.18", settlement.Str("totalOwed"));
        Assert.Equal(["102000.00", "102000.00", "102000.00", "51419.18"], owed);
        Assert.Equal(0L, await Silo.ScalarAsync<long>($"SELECT count(*) FROM book_entries WHERE village_id = {Village} AND settlement_id IS NOT NULL"));
    }

    [Fact]
    public async Task A_township_sees_its_own_villages_partnerships_and_no_other_townships()
    {
        var (admin, _) = await AdminAsync("mulei-xian", "木垒县");
        var dongcheng = await Silo.ScalarAsync<long>("SELECT id FROM townships WHERE name = '东城镇'");
        var baiyanghe = await Silo.ScalarAsync<long>($"SELECT township_id FROM villages WHERE id = {Village}");

        var overview = await admin.GetJsonAsync($"/api/townships/{dongcheng}/partnerships/overview");

        var township = Assert.Single(overview.GetProperty("townships").EnumerateArray());
        Assert.Equal("东城镇", township.Str("name"));
        Assert.Equal("357419.18", township.GetProperty("years")[0].Str("owed"));
        Assert.Equal(4, overview.GetProperty("villages").GetArrayLength()); // the four weak villages that pooled their funds

        var overseer = await SiloFixture.LoginAsync(Silo, 2); // 白杨河乡's overseer
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await overseer.GetAsync($"/api/townships/{dongcheng}/partnerships/overview")).StatusCode);
        var own = await overseer.GetJsonAsync($"/api/townships/{baiyanghe}/partnerships/overview");
        Assert.Equal(0, own.GetProperty("villages").GetArrayLength());
    }
}
