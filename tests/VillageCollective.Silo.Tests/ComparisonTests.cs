using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.AspNetCore.Identity;
using VillageCollective.Silo.Storage;

namespace VillageCollective.Silo.Tests;

/// <summary>
/// The township's and county's comparison of villages (issue 7) on a small fixture whose figures are computed by hand:
/// Baiyanghe (白杨河乡, the demo's 2025 books and plan), 东湾村 in the same township and 西沟村 in 大石头乡, with books
/// in 2024 and 2025 on the class edges.
/// </summary>
[Collection(SiloCollection.Name)]
public sealed class ComparisonTests(SiloFixture silo) : ResetTest<SiloFixture>(silo)
{
    private long _township;
    private long _county;
    private long _dongwan;
    private long _xigou;
    private long _otherTownship;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _township = await Silo.ScalarAsync<long>($"SELECT township_id FROM villages WHERE id = {Village}");
        _county = await Silo.ScalarAsync<long>($"SELECT county_id FROM townships WHERE id = {_township}");
        _otherTownship = await Silo.ScalarAsync<long>($"INSERT INTO townships (county_id, name) VALUES ({_county}, '大石头乡') RETURNING id");
        _dongwan = await VillageAsync("t-dongwan", "东湾村", "白杨河乡", _township);
        _xigou = await VillageAsync("t-xigou", "西沟村", "大石头乡", _otherTownship);
        // 东湾村: 2024 operating 100,000.00 exactly (not weak), costs 20,000.00; 2025 operating 99,999.99 (weak), costs 20,000.00.
        await EntryAsync(_dongwan, 2024, "operating_income", 100_000.00m);
        await EntryAsync(_dongwan, 2024, "management_cost", 20_000.00m);
        await EntryAsync(_dongwan, 2025, "operating_income", 99_999.99m);
        await EntryAsync(_dongwan, 2025, "management_cost", 20_000.00m);
        // 西沟村: 2024 operating 800,000.00 + investment 199,999.99 = 999,999.99 (ordinary); 2025 operating 700,000.00 + contracting
        // 300,000.00 = 1,000,000.00 exactly (million-yuan), plus a subsidy of 50,000.00 that is not operating income.
        await EntryAsync(_xigou, 2024, "operating_income", 800_000.00m);
        await EntryAsync(_xigou, 2024, "investment_income", 199_999.99m);
        await EntryAsync(_xigou, 2025, "operating_income", 700_000.00m);
        await EntryAsync(_xigou, 2025, "contracting_income", 300_000.00m);
        await EntryAsync(_xigou, 2025, "subsidy_income", 50_000.00m);
    }

    private Task<long> VillageAsync(string code, string name, string township, long townshipId) =>
        Silo.ScalarAsync<long>($"INSERT INTO villages (code, name, township, county, township_id) VALUES ('{code}', '{name}', '{township}', '木垒县', {townshipId}) RETURNING id");

    private Task<long> EntryAsync(long village, int year, string category, decimal amount) =>
        Silo.ScalarAsync<long>($"""
            INSERT INTO book_entries (village_id, year, entry_date, category, counterparty, document_no, amount, entered_by)
            VALUES ({village}, {year}, '{year}-06-30', '{category}', '测试', '记-{year}', {amount.ToString(CultureInfo.InvariantCulture)}, 'test') RETURNING id
            """);

    private static JsonElement Row(JsonElement comparison, long village, int year) =>
        comparison.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("villageId").GetInt64() == village && r.GetProperty("year").GetInt32() == year);

    private static string? Figure(JsonElement element, string key) =>
        element.GetProperty("figures").GetProperty(key) is { ValueKind: JsonValueKind.String } v ? v.GetString() : null;

    private static JsonElement Summary(JsonElement comparison, string level, int year, string? name = null) =>
        comparison.GetProperty("summaries").EnumerateArray().Single(s => s.Str("level") == level && s.GetProperty("year").GetInt32() == year
            && (name is null || s.Str("name") == name));

    private async Task<HttpClient> LoginAsync(int index) => await SiloFixture.LoginAsync(Silo, index);

    [Fact]
    public async Task Baiyanghe_2025_shows_its_statement_plan_and_run_as_computed_by_hand()
    {
        var accountant = await Silo.AccountantAsync();
        (await accountant.StartRunAsync(Village, 2025, 1, "run")).EnsureSuccessStatusCode();
        var overseer = await LoginAsync(2);

        var comparison = await overseer.GetJsonAsync($"/api/townships/{_township}/comparison?from=2025&to=2025");
        var baiyanghe = Row(comparison, Village, 2025);

        // Books: 经营收入 128,600 + 发包及上交收入 96,400 + 投资收益 60,000 = 285,000.00; all income 319,300.00, costs 96,000.00.
        Assert.Equal("285000.00", Figure(baiyanghe, "operatingIncome"));
        Assert.Equal("319300.00", Figure(baiyanghe, "totalIncome"));
        Assert.Equal("223300.00", Figure(baiyanghe, "netIncome"));
        Assert.Equal("235750.00", Figure(baiyanghe, "distributable")); // + 12,450.00 carried in
        Assert.Equal("35362.50", Figure(baiyanghe, "reserve")); // 15% of 235,750.00
        Assert.Equal("186500.00", Figure(baiyanghe, "membersPool"));
        Assert.Equal("220.00", Figure(baiyanghe, "perShareDividend"));
        Assert.Equal("186164.00", Figure(baiyanghe, "totalPaid"));
        Assert.Equal("294", Figure(baiyanghe, "households"));
        Assert.Equal("846.2", Figure(baiyanghe, "shares"));
        var members = int.Parse(Figure(baiyanghe, "members")!, CultureInfo.InvariantCulture);
        Assert.Equal(1017, members);
        Assert.Equal("183.05", Figure(baiyanghe, "perMemberDividend")); // 186,164.00 ÷ 1,017 = 183.0521…
        Assert.Equal("60000.00", Figure(baiyanghe, "jointVentureIncome"));
        Assert.Equal("18.79", Figure(baiyanghe, "jointVenturePercent")); // 60,000 ÷ 319,300 = 18.791…%
        Assert.Null(Figure(baiyanghe, "operatingIncomeGrowthPercent")); // no 2024 books
        Assert.Equal("ordinary", baiyanghe.Str("class"));
        Assert.Equal(await Silo.ScalarAsync<long>($"SELECT id FROM distribution_plans WHERE village_id = {Village}"), baiyanghe.GetProperty("planId").GetInt64());
    }

    [Fact]
    public async Task Township_totals_and_medians_and_the_opening_carried_from_the_year_before_are_the_hand_computed_ones()
    {
        var overseer = await LoginAsync(2);

        var comparison = await overseer.GetJsonAsync($"/api/townships/{_township}/comparison?from=2024&to=2025");
        var dongwan = Row(comparison, _dongwan, 2025);
        var all2025 = Summary(comparison, "all", 2025);

        // 东湾村 2025: 79,999.99 net + 2024's closing 80,000.00 carried (no plan in 2024) = 159,999.99 distributable.
        Assert.Equal("79999.99", Figure(dongwan, "netIncome"));
        Assert.Equal("159999.99", Figure(dongwan, "distributable"));
        Assert.Equal("0.00", Figure(dongwan, "operatingIncomeGrowthPercent")); // 99,999.99 on 100,000.00: −0.00001% rounds to 0.00
        Assert.Equal(2, all2025.GetProperty("villages").GetInt32());
        Assert.Equal("384999.99", all2025.GetProperty("totals").GetProperty("operatingIncome").GetString()); // 285,000.00 + 99,999.99
        Assert.Equal("192500.00", all2025.GetProperty("medians").GetProperty("operatingIncome").GetString()); // 192,499.995 rounded half away
        Assert.Equal("303299.99", all2025.GetProperty("totals").GetProperty("netIncome").GetString()); // 223,300.00 + 79,999.99
        Assert.Equal("14.31", all2025.GetProperty("totals").GetProperty("jointVenturePercent").GetString()); // 60,000 ÷ (319,300.00 + 99,999.99)
        // Only the township's villages: nothing of 大石头乡.
        Assert.DoesNotContain(comparison.GetProperty("rows").EnumerateArray(), r => r.GetProperty("villageId").GetInt64() == _xigou);
        Assert.Equal(4, comparison.GetProperty("rows").GetArrayLength()); // 2 villages × 2 years
    }

    [Fact]
    public async Task The_county_counts_villages_per_class_on_the_edges_and_lists_the_villages_that_moved()
    {
        var county = await LoginAsync(3);

        var comparison = await county.GetJsonAsync($"/api/counties/{_county}/comparison?from=2024&to=2025");

        Assert.Equal("ordinary", Row(comparison, _dongwan, 2024).Str("class")); // exactly 100,000.00 is not weak
        Assert.Equal("weak", Row(comparison, _dongwan, 2025).Str("class"));
        Assert.Equal("ordinary", Row(comparison, _xigou, 2024).Str("class"));
        Assert.Equal("million", Row(comparison, _xigou, 2025).Str("class")); // exactly 1,000,000.00 is million-yuan
        Assert.Equal(JsonValueKind.Null, Row(comparison, Village, 2024).GetProperty("class").ValueKind); // no 2024 books
        var classes2025 = comparison.GetProperty("classes").EnumerateArray().Single(c => c.GetProperty("year").GetInt32() == 2025);
        Assert.Equal((1, 1, 1), (classes2025.GetProperty("weak").GetInt32(), classes2025.GetProperty("ordinary").GetInt32(), classes2025.GetProperty("million").GetInt32()));
        var moves = comparison.GetProperty("moves").EnumerateArray().Select(m => (m.GetProperty("villageId").GetInt64(), m.GetProperty("year").GetInt32(), m.Str("from"), m.Str("to"))).ToList();
        Assert.Equal([(_dongwan, 2025, "ordinary", "weak"), (_xigou, 2025, "ordinary", "million")], moves.OrderBy(m => m.Item1 == _xigou).ToList());
        // A township summary per township and one for the county, each year.
        Assert.Equal("1000000.00", Summary(comparison, "township", 2025, "大石头乡").GetProperty("totals").GetProperty("operatingIncome").GetString());
        Assert.Equal("1384999.99", Summary(comparison, "all", 2025).GetProperty("totals").GetProperty("operatingIncome").GetString());
    }

    [Fact]
    public async Task The_county_administrator_sets_the_thresholds_and_names_demonstration_villages()
    {
        var county = await LoginAsync(3);

        var set = await county.PutAsJsonAsync($"/api/counties/{_county}/village-classes", new { weakBelow = 300_000m, millionFrom = 1_000_000.01m });
        var demonstration = await county.PutAsJsonAsync($"/api/counties/{_county}/demonstration-villages", new { villageId = Village, year = 2025, demonstration = true });
        var comparison = await county.GetJsonAsync($"/api/counties/{_county}/comparison?from=2025&to=2025");

        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, demonstration.StatusCode);
        Assert.Equal("weak", Row(comparison, Village, 2025).Str("class")); // 285,000.00 is now below 300,000.00
        Assert.Equal("ordinary", Row(comparison, _xigou, 2025).Str("class")); // 1,000,000.00 is now below 1,000,000.01
        Assert.True(Row(comparison, Village, 2025).GetProperty("demonstration").GetBoolean());
        Assert.Equal(1, comparison.GetProperty("classes")[0].GetProperty("demonstration").GetInt32());
        Assert.Equal("300000.00", comparison.GetProperty("thresholds").Str("weakBelow"));
    }

    [Fact]
    public async Task Thresholds_out_of_order_and_a_village_outside_the_county_are_refused_and_change_nothing()
    {
        var county = await LoginAsync(3);
        var otherCounty = await Silo.ScalarAsync<long>("INSERT INTO counties (name) VALUES ('奇台县') RETURNING id");
        var otherTownship = await Silo.ScalarAsync<long>($"INSERT INTO townships (county_id, name) VALUES ({otherCounty}, '西北湾乡') RETURNING id");
        var outside = await VillageAsync("t-qitai", "外县村", "西北湾乡", otherTownship);

        var order = await county.PutAsJsonAsync($"/api/counties/{_county}/village-classes", new { weakBelow = 200_000m, millionFrom = 100_000m });
        var foreign = await county.PutAsJsonAsync($"/api/counties/{_county}/demonstration-villages", new { villageId = outside, year = 2025, demonstration = true });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, order.StatusCode); // a domain rule (classes.order)
        Assert.Equal("millionFrom", (await order.JsonAsync()).Str("field"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, foreign.StatusCode);
        Assert.Equal("village.outsideCounty", (await foreign.JsonAsync()).Str("code"));
        Assert.Equal(0L, await Silo.ScalarAsync<long>("SELECT count(*) FROM county_village_classes") + await Silo.ScalarAsync<long>("SELECT count(*) FROM village_demonstrations"));
        Assert.Equal("100000.00", (await county.GetJsonAsync($"/api/counties/{_county}/village-classes")).Str("weakBelow"));
    }

    [Fact]
    public async Task An_overseer_of_township_A_sees_nothing_of_township_B_and_a_village_accountant_no_comparison()
    {
        var hash = new PasswordHasher<Account>().HashPassword(new Account(0, "b-xiang", "b-xiang", "", "township_overseer", null), "password-b");
        await Silo.ScalarAsync<long>($"""
            WITH a AS (INSERT INTO accounts (login, display_name, password_hash, role) VALUES ('b-xiang', '大石头乡农经站', '{hash}', 'township_overseer') RETURNING id)
            INSERT INTO account_roles (account_id, role, township_id) SELECT id, 'township_overseer', {_otherTownship} FROM a RETURNING account_id
            """);
        var overseerA = await LoginAsync(2);
        var overseerB = Silo.CreateClient();
        (await overseerB.PostAsJsonAsync("/api/auth/login", new { login = "b-xiang", password = "password-b" })).EnsureSuccessStatusCode();
        var accountant = await Silo.AccountantAsync();

        Assert.Equal(HttpStatusCode.Forbidden, (await overseerA.GetAsync($"/api/townships/{_otherTownship}/comparison")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await overseerA.GetAsync($"/api/townships/{_otherTownship}/comparison.xlsx")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await overseerA.GetAsync($"/api/counties/{_county}/comparison")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await overseerB.GetAsync($"/api/townships/{_township}/comparison")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await accountant.GetAsync($"/api/townships/{_township}/comparison")).StatusCode);
        var rowsB = (await overseerB.GetJsonAsync($"/api/townships/{_otherTownship}/comparison?from=2025&to=2025")).GetProperty("rows").EnumerateArray()
            .Select(r => r.GetProperty("villageId").GetInt64()).ToList();
        Assert.Equal([_xigou], rowsB);
    }

    [Fact]
    public async Task What_was_paid_on_the_meeting_date_is_counted_and_what_was_deferred_is_not()
    {
        var accountant = await Silo.AccountantAsync();
        var run = (await (await accountant.StartRunAsync(Village, 2025, 1, "run")).JsonAsync()).GetProperty("id").GetInt64();
        (await accountant.PostAsync($"/api/villages/{Village}/dividend-runs/{run}/meeting/open", null)).EnsureSuccessStatusCode();
        // The meeting is held today (the test cannot wait for 2025-12-01): marks made now are marks of the meeting date.
        await Silo.ScalarAsync<int>($"UPDATE dividend_meetings SET meeting_date = (now() AT TIME ZONE 'Asia/Shanghai')::date WHERE run_id = {run} RETURNING 1");
        var meeting = new DividendDay.Meeting(Silo, Village, run);
        var cashier = await Silo.CashierAsync();
        (await meeting.MarkAsync(cashier, 1, await meeting.PaidToHeadAsync(1), "k1")).EnsureSuccessStatusCode();
        (await meeting.MarkAsync(cashier, 2, new { tableNo = 1, status = "deferred", reason = "外出务工" }, "k2")).EnsureSuccessStatusCode();
        var line1 = await Silo.ScalarAsync<decimal>($"SELECT amount FROM payout_lines WHERE run_id = {run} AND line_no = 1");

        var row = Row(await (await LoginAsync(3)).GetJsonAsync($"/api/counties/{_county}/comparison?from=2025&to=2025"), Village, 2025);

        Assert.Equal(line1.ToString("F2", CultureInfo.InvariantCulture), Figure(row, "paidOnDividendDay"));
        Assert.Equal(Math.Round(line1 * 100m / 186_164m, 2, MidpointRounding.AwayFromZero).ToString("F2", CultureInfo.InvariantCulture), Figure(row, "paidOnDividendDayPercent"));
    }

    [Fact]
    public async Task The_export_is_an_xlsx_with_Chinese_headers_numbers_and_totals_rows()
    {
        var county = await LoginAsync(3);

        var response = await county.GetAsync($"/api/counties/{_county}/comparison.xlsx?from=2024&to=2025");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        using var document = SpreadsheetDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false);
        var sheet = document.WorkbookPart!.WorksheetParts.First().Worksheet;
        // Each row as column letter → cell (empty cells are left out of the sheet).
        string Text(Cell c) => c.InlineString?.Text?.Text ?? c.CellValue?.Text ?? "";
        var rows = sheet.Descendants<Row>().Select(r => r.Elements<Cell>().ToDictionary(c => new string(c.CellReference!.Value!.TakeWhile(char.IsLetter).ToArray()))).ToList();
        string At(Dictionary<string, Cell> row, string column) => row.TryGetValue(column, out var cell) ? Text(cell) : "";
        var operating = rows[0].Single(c => Text(c.Value) == "经营性收入").Key;

        var xigou2025 = rows.Single(r => At(r, "A") == "2025" && At(r, "C") == "西沟村");
        Assert.Equal(CellValues.Number, xigou2025[operating].DataType!.Value);
        Assert.Equal(1_000_000m, decimal.Parse(At(xigou2025, operating), CultureInfo.InvariantCulture));
        var total = rows.First(r => At(r, "A") == "2025" && At(r, "B") == "木垒县" && At(r, "C").StartsWith("合计", StringComparison.Ordinal));
        Assert.Equal(1_384_999.99m, decimal.Parse(At(total, operating), CultureInfo.InvariantCulture));
        Assert.Contains(rows, r => At(r, "C") == "中位数");
    }
}
