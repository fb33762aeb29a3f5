using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using VillageCollective.Silo.Demo;

namespace VillageCollective.Silo.Tests;

/// <summary>The demo county of the comparison: about 80 villages in 5 townships over 5 years, the same on every load, Baiyanghe untouched.</summary>
[Collection(SiloCollection.Name)]
public sealed class DemoCountyTests(SiloFixture silo) : ResetTest<SiloFixture>(silo)
{
    // Everything the comparison reads, by village code and year: two loads must give the same text.
    private const string Fingerprint = """
        SELECT md5(string_agg(x, '|' ORDER BY x)) FROM (
            SELECT v.code || ':' || e.year || ':' || e.category || ':' || e.amount AS x FROM book_entries e JOIN villages v ON v.id = e.village_id
            UNION ALL SELECT v.code || ':' || p.year || ':' || p.members_pool || ':' || p.fixed_rate FROM distribution_plans p JOIN villages v ON v.id = p.village_id
            UNION ALL SELECT v.code || ':' || count(*) || ':' || sum(l.amount) FROM payout_lines l JOIN villages v ON v.id = l.village_id GROUP BY v.code
            UNION ALL SELECT v.code || ':' || s.status || ':' || count(*) FROM payout_line_status s JOIN villages v ON v.id = s.village_id GROUP BY v.code, s.status) f
        """;

    [Fact]
    public async Task The_demo_county_holds_80_villages_in_5_townships_over_5_years_the_same_on_every_load_and_leaves_Baiyanghe_as_it_was()
    {
        var loader = Silo.Services.GetRequiredService<DemoCountyLoader>();
        var county = await SiloFixture.LoginAsync(Silo, 3);
        var countyId = await Silo.ScalarAsync<long>("SELECT id FROM counties WHERE name = '木垒县'");
        var baiyanghe = await Row(county, countyId, 2025);

        Assert.Equal(79, await loader.LoadAsync(CancellationToken.None));
        var first = await Silo.ScalarAsync<string>(Fingerprint);
        var comparison = await county.GetJsonAsync($"/api/counties/{countyId}/comparison?from=2021&to=2025");

        var rows = comparison.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(80, rows.Select(r => r.GetProperty("villageId").GetInt64()).Distinct().Count());
        Assert.Equal(5, rows.Select(r => r.Str("township")).Distinct().Count());
        Assert.All(rows, r => Assert.True(r.GetProperty("isDemo").GetBoolean()));
        Assert.All(rows.Where(r => r.Str("code").StartsWith(DemoCountyLoader.CodePrefix, StringComparison.Ordinal)), r =>
        {
            Assert.NotEqual(JsonValueKind.Null, r.GetProperty("class").ValueKind); // books every year
            Assert.True(int.Parse(r.GetProperty("figures").Str("households"), System.Globalization.CultureInfo.InvariantCulture) >= 120);
        });
        // A plausible spread in 2025: weak, ordinary and million-yuan villages all present; most are ordinary.
        var classes2025 = comparison.GetProperty("classes").EnumerateArray().Single(c => c.GetProperty("year").GetInt32() == 2025);
        Assert.InRange(classes2025.GetProperty("weak").GetInt32(), 1, 30);
        Assert.InRange(classes2025.GetProperty("million").GetInt32(), 1, 12);
        Assert.True(classes2025.GetProperty("ordinary").GetInt32() > 40);
        // Paid on dividend day is below the total (some paid later, some deferred) but most of it.
        Assert.All(rows.Where(r => r.Str("code").StartsWith(DemoCountyLoader.CodePrefix, StringComparison.Ordinal) && r.GetProperty("figures").Str("paidOnDividendDayPercent") != ""),
            r => Assert.InRange(r.GetProperty("figures").Dec("paidOnDividendDayPercent"), 70m, 100m));
        // Baiyanghe's real 2025 figures are as before the load.
        Assert.Equal(baiyanghe.GetProperty("figures").GetRawText(), (await Row(county, countyId, 2025)).GetProperty("figures").GetRawText());

        await Silo.ResetAsync();
        await loader.LoadAsync(CancellationToken.None);
        Assert.Equal(first, await Silo.ScalarAsync<string>(Fingerprint));
    }

    private async Task<JsonElement> Row(HttpClient client, long countyId, int year) =>
        (await client.GetJsonAsync($"/api/counties/{countyId}/comparison?from={year}&to={year}")).GetProperty("rows").EnumerateArray()
            .Single(r => r.GetProperty("villageId").GetInt64() == Village);
}
