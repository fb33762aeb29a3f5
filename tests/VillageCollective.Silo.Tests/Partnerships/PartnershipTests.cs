using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace VillageCollective.Silo.Tests.Partnerships;

[Collection(SiloCollection.Name)]
public sealed class PartnershipTests(SiloFixture silo) : ResetTest<SiloFixture>(silo)
{
    private HttpClient _admin = null!;
    private long _county;
    private long _east;
    private long _west;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _county = await Silo.ScalarAsync<long>($"SELECT t.county_id FROM villages v JOIN townships t ON t.id = v.township_id WHERE v.id = {Village}");
        _east = await VillageAsync("6523281990001", "东沟村");
        _west = await VillageAsync("6523281990002", "西沟子村");
        _admin = Silo.CreateClient();
        (await _admin.PostAsJsonAsync("/api/auth/login", new { login = "mulei-xian", password = "baiyanghe2025" })).EnsureSuccessStatusCode();
    }

    private Task<long> VillageAsync(string code, string name) => Silo.ScalarAsync<long>($"""
        INSERT INTO villages (code, name, township, county, township_id) SELECT '{code}', '{name}', township, county, township_id FROM villages WHERE id = {Village} RETURNING id
        """);

    private async Task<long> EnterpriseAsync()
    {
        var response = await _admin.PostAsJsonAsync($"/api/counties/{_county}/enterprises", new { name = "木垒县某农业科技有限公司", creditCode = "91350100M000100Y43", contact = "王经理 139" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.JsonAsync()).GetProperty("id").GetInt64();
    }

    // A pooled project: east brings 1,700,000 cash all year, west 1,700,000 from 1 July 2025; the enterprise 3,400,000 of assets.
    // 8% guaranteed on the villages' money (time-weighted) or 30% of net profit per share, whichever is greater.
    private object Pooled(long enterprise, string project = "飞地冷库", decimal profitShare = 30m, decimal eastValue = 1_700_000m) => new
    {
        enterpriseId = enterprise, project, termStart = "2025-01-01", termEnd = "2034-12-31", valuePerShare = 10_000m, localJobs = 12,
        terms = new { mode = "greater_of", guaranteePercent = 8m, profitSharePercent = profitShare },
        schedule = new[] { new { month = 3, day = 31, percent = 50m }, new { month = 6, day = 30, percent = 50m } },
        parties = new object[]
        {
            new { villageId = _east, kind = "cash", value = eastValue },
            new { villageId = _west, joinedOn = "2025-07-01", kind = "cash", value = 1_700_000m },
            new { villageId = (long?)null, kind = "assets", value = 3_400_000m },
        },
    };

    private async Task<JsonElement> CreateAsync(object contract)
    {
        var response = await _admin.PostAsJsonAsync($"/api/counties/{_county}/partnerships", contract);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }

    private async Task<JsonElement> SettleAsync(long id, object body)
    {
        var response = await _admin.PostAsJsonAsync($"/api/counties/{_county}/partnerships/{id}/settlements", body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }

    private async Task<string> InvestmentIncomeAsync(long village, int year)
    {
        var statement = await _admin.GetJsonAsync($"/api/villages/{village}/years/{year}/statement");
        return statement.GetProperty("lines").EnumerateArray().Where(l => l.Str("code") == "investment_income").Select(l => l.Str("amount")).SingleOrDefault() ?? "0.00";
    }

    [Fact]
    public async Task A_contract_turns_contributions_into_shares_and_a_settlement_posts_investment_income_into_each_village()
    {
        var contract = await CreateAsync(Pooled(await EnterpriseAsync()));
        var id = contract.GetProperty("id").GetInt64();

        // 2025 net profit 1,000,000: 30% = 300,000 over 170 + 85.6986 (west: 170 × 184/365, cut) + 340 = 595.6986 shares.
        var settled = await SettleAsync(id, new { year = 2025, revenue = 6_000_000m, netProfit = 1_000_000m });
        var settlement = settled.GetProperty("settlements")[0];
        var lines = settlement.GetProperty("lines").EnumerateArray().ToList();

        Assert.Equal(["170", "170", "340"], contract.GetProperty("parties").EnumerateArray().Select(p => p.Str("shares")));
        Assert.Equal("3400000.00", contract.Str("villagesContribution"));
        // Guarantee: 8% × 1.7M × (365 + 184) ÷ 365 = 204,558.90; east 136,000.00, west 68,558.90.
        Assert.Equal("204558.90", settlement.Str("guaranteeTotal"));
        Assert.Equal(["136000.00", "68558.90"], lines.Take(2).Select(l => l.Str("guarantee")));
        Assert.Equal([365, 184], lines.Take(2).Select(l => l.GetProperty("days").GetInt32()));
        // Profit: 300,000 ÷ 595.6986 shares → 503.61 a share; east 170 × 503.61 = 85,613.70 < 136,000: the guarantee wins for both.
        Assert.Equal("503.61", settlement.Str("perShareRate"));
        Assert.Equal(["85613.70", "43158.67"], lines.Take(2).Select(l => l.Str("profitShare")));
        Assert.Equal(["136000.00", "68558.90"], lines.Take(2).Select(l => l.Str("owed")));
        Assert.Equal("204558.90", settlement.Str("totalOwed"));
        Assert.Equal("300000.00", settlement.Str("distributedProfit"));
        var paidOut = lines.Sum(l => l.Dec("profitShare"));
        Assert.Equal(300_000m, paidOut + settlement.Dec("profitResidue"));
        Assert.Equal("136000.00", await InvestmentIncomeAsync(_east, 2025));
        Assert.Equal("68558.90", await InvestmentIncomeAsync(_west, 2025));
        Assert.Equal(2L, await Silo.ScalarAsync<long>($"SELECT count(*) FROM book_entries WHERE settlement_id = {settlement.GetProperty("id").GetInt64()} AND category = 'investment_income'"));
        Assert.Contains(settlement.GetProperty("statement").EnumerateArray(), s => s.GetString()!.Contains("184天", StringComparison.Ordinal));
        Assert.Equal("人民币壹拾叁万陆仟元整", lines[0].Str("owedInWords"));
    }

    [Fact]
    public async Task A_correction_reverses_the_old_entries_and_posts_the_new_figures()
    {
        var id = (await CreateAsync(Pooled(await EnterpriseAsync()))).GetProperty("id").GetInt64();
        await SettleAsync(id, new { year = 2025, revenue = 6_000_000m, netProfit = 1_000_000m });

        var again = await _admin.PostAsJsonAsync($"/api/counties/{_county}/partnerships/{id}/settlements", new { year = 2025, revenue = 6_000_000m, netProfit = 3_000_000m });
        var corrected = await SettleAsync(id, new { year = 2025, revenue = 6_000_000m, netProfit = 3_000_000m, reason = "审计调整后的净利润" });
        var settlements = corrected.GetProperty("settlements").EnumerateArray().ToList();

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("reason", (await again.JsonAsync()).Str("field"));
        // 900,000 ÷ 595.6986 → 1,510.83 a share: east 256,841.10 and west 129,476.02 now beat the guarantee.
        Assert.Equal(["256841.10", "129476.02"], settlements[0].GetProperty("lines").EnumerateArray().Take(2).Select(l => l.Str("owed")));
        Assert.Equal(settlements[0].GetProperty("id").GetInt64(), settlements[1].GetProperty("supersededBy").GetInt64());
        Assert.Equal("256841.10", await InvestmentIncomeAsync(_east, 2025));
        Assert.Equal(2L, await Silo.ScalarAsync<long>($"SELECT count(*) FROM book_entries WHERE village_id IN ({_east}, {_west}) AND reverses_id IS NOT NULL AND reason = '审计调整后的净利润'"));
    }

    [Fact]
    public async Task Payments_reduce_the_arrears_and_more_than_is_owed_is_refused()
    {
        var id = (await CreateAsync(Pooled(await EnterpriseAsync()))).GetProperty("id").GetInt64();
        await SettleAsync(id, new { year = 2025, revenue = 6_000_000m, netProfit = 1_000_000m });

        var unsettled = await _admin.PostAsJsonAsync($"/api/counties/{_county}/partnerships/{id}/payments", new { villageId = _east, year = 2026, paidOn = "2026-03-01", amount = 1m });
        var over = await _admin.PostAsJsonAsync($"/api/counties/{_county}/partnerships/{id}/payments", new { villageId = _east, year = 2025, paidOn = "2026-03-01", amount = 136_000.01m });
        var paid = await _admin.PostAsJsonAsync($"/api/counties/{_county}/partnerships/{id}/payments", new { villageId = _east, year = 2025, paidOn = "2026-03-01", amount = 60_000m });
        var east = (await paid.JsonAsync()).GetProperty("settlements")[0].GetProperty("lines")[0];
        var village = await (await Silo.AccountantAsync()).GetAsync($"/api/villages/{_east}/partnerships");

        Assert.Equal("year", (await unsettled.JsonAsync()).Str("field"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, over.StatusCode);
        var overProblem = await over.JsonAsync();
        Assert.Equal(("payment.exceedsOwed", "amount"), (overProblem.Str("code"), overProblem.Str("field")));
        Assert.Equal(HttpStatusCode.Created, paid.StatusCode);
        Assert.Equal("60000.00", east.Str("paid"));
        // Today (the test machine's date, after mid-2026) both instalments have fallen due: 76,000 is in arrears.
        Assert.Equal("136000.00", east.Str("dueToDate"));
        Assert.Equal("76000.00", east.Str("arrears"));
        Assert.Equal(HttpStatusCode.Forbidden, village.StatusCode); // Baiyanghe's accountant does not read another village
        Assert.Equal(1L, await Silo.ScalarAsync<long>($"SELECT count(*) FROM partnership_payments WHERE partnership_id = {id}"));
    }

    [Fact]
    public async Task Refusals_name_the_field_and_write_nothing()
    {
        var enterprise = await EnterpriseAsync();
        await CreateAsync(Pooled(enterprise));

        var badCode = await _admin.PostAsJsonAsync($"/api/counties/{_county}/enterprises", new { name = "某公司", creditCode = "91350100M000100Y44" });
        var zero = await _admin.PostAsJsonAsync($"/api/counties/{_county}/partnerships", Pooled(enterprise, "另一项目", eastValue: 0m));
        var tooMuch = await _admin.PostAsJsonAsync($"/api/counties/{_county}/partnerships", Pooled(enterprise, "另一项目", profitShare: 100.5m));
        var duplicate = await _admin.PostAsJsonAsync($"/api/counties/{_county}/partnerships", Pooled(enterprise));

        Assert.Equal(("enterprise.creditCode", "creditCode"), await ProblemAsync(badCode));
        Assert.Equal(("contribution.notPositive", "parties[0].value"), await ProblemAsync(zero));
        Assert.Equal(("terms.profitShare", "terms.profitSharePercent"), await ProblemAsync(tooMuch));
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal("contract.duplicate", (await duplicate.JsonAsync()).Str("code"));
        Assert.Equal(1L, await Silo.ScalarAsync<long>("SELECT count(*) FROM partnerships WHERE NOT is_demo"));
        Assert.Equal(3L, await Silo.ScalarAsync<long>("SELECT count(*) FROM partnership_parties p JOIN partnerships c ON c.id = p.partnership_id WHERE NOT c.is_demo"));
    }

    private static async Task<(string Code, string Field)> ProblemAsync(HttpResponseMessage response)
    {
        var problem = await response.JsonAsync();
        return (problem.Str("code"), problem.Str("field"));
    }

    [Fact]
    public async Task A_party_village_reads_its_contract_and_the_overview_rolls_up_by_township()
    {
        var id = (await CreateAsync(Pooled(await EnterpriseAsync()))).GetProperty("id").GetInt64();
        await SettleAsync(id, new { year = 2025, revenue = 6_000_000m, netProfit = 1_000_000m });
        var overseer = Silo.CreateClient();
        (await overseer.PostAsJsonAsync("/api/auth/login", new { login = "baiyanghe-xiang", password = "baiyanghe2025" })).EnsureSuccessStatusCode();

        var seen = await overseer.GetJsonAsync($"/api/villages/{_west}/partnerships");
        var notParty = await overseer.GetAsync($"/api/villages/{Village}/partnerships/{id}");
        var overview = await _admin.GetJsonAsync($"/api/counties/{_county}/partnerships/overview");
        var township = overview.GetProperty("townships").EnumerateArray().Single(t => t.Str("name") == "白杨河乡");

        Assert.Equal(id, seen.GetProperty("partnerships")[0].GetProperty("id").GetInt64());
        Assert.Equal("68558.90", seen.GetProperty("summary").GetProperty("years")[0].Str("owed"));
        Assert.Equal(HttpStatusCode.NotFound, notParty.StatusCode);
        Assert.Equal(1, township.GetProperty("contracts").GetInt32());
        Assert.Equal(12, township.GetProperty("localJobs").GetInt32());
        Assert.Equal("204558.90", township.GetProperty("years")[0].Str("owed"));
        Assert.Equal("3400000.00", township.Str("contribution"));
    }

    [Fact]
    public async Task A_posted_entry_links_back_to_its_settlement_and_is_corrected_only_by_settling_again()
    {
        var id = (await CreateAsync(Pooled(await EnterpriseAsync()))).GetProperty("id").GetInt64();
        var settlement = (await SettleAsync(id, new { year = 2025, revenue = 6_000_000m, netProfit = 1_000_000m })).GetProperty("settlements")[0].GetProperty("id").GetInt64();

        var entry = (await _admin.GetJsonAsync($"/api/villages/{_east}/years/2025/entries")).EnumerateArray().Single(e => e.Str("category") == "investment_income");
        var hand = Silo.CreateClient();
        await Silo.ScalarAsync<long>($"""
            WITH a AS (INSERT INTO accounts (login, display_name, password_hash, role) SELECT 'east-kuaiji', 'east', password_hash, 'accountant' FROM accounts WHERE login = 'baiyanghe-kuaiji' RETURNING id)
            INSERT INTO account_roles (account_id, role, village_id) SELECT id, 'accountant', {_east} FROM a RETURNING account_id
            """);
        (await hand.PostAsJsonAsync("/api/auth/login", new { login = "east-kuaiji", password = "baiyanghe2025" })).EnsureSuccessStatusCode();
        var reversed = await hand.PostAsJsonAsync($"/api/villages/{_east}/years/2025/entries/{entry.GetProperty("id").GetInt64()}/reverse", new { reason = "手工冲销" });

        Assert.Equal(settlement, entry.GetProperty("settlementId").GetInt64());
        Assert.Equal(id, entry.GetProperty("partnershipId").GetInt64());
        Assert.Equal("136000.00", entry.Str("amount"));
        Assert.Equal(HttpStatusCode.Conflict, reversed.StatusCode);
        Assert.Equal("entry.fromSettlement", (await reversed.JsonAsync()).Str("code"));
        Assert.Equal("136000.00", await InvestmentIncomeAsync(_east, 2025));
    }
}
