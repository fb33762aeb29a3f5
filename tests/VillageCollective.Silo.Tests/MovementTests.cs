using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace VillageCollective.Silo.Tests;

[Collection(SiloCollection.Name)]
public sealed class MovementTests(SiloFixture silo) : ResetTest<SiloFixture>(silo)
{
    private HttpClient _client = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _client = await Silo.AccountantAsync();
    }


    private Task<HttpResponseMessage> Post(string kind, object body) => _client.PostAsJsonAsync($"/api/villages/{Village}/movements/{kind}", body);

    private async Task<decimal> SharesOf(int number, string asOf = "2026-12-31")
    {
        var rows = (await _client.GetJsonAsync($"/api/villages/{Village}/households?asOf={asOf}")).EnumerateArray();
        return rows.Single(r => r.GetProperty("number").GetInt32() == number).Dec("shares");
    }

    private Task<long> MovementRows() => Silo.ScalarAsync<long>("SELECT count(*) FROM share_movements");

    private static async Task AssertProblem(HttpResponseMessage response, HttpStatusCode status, string code, string field)
    {
        Assert.Equal(status, response.StatusCode);
        var problem = await response.JsonAsync();
        Assert.Equal(code, problem.Str("code"));
        Assert.Equal(field, problem.Str("field"));
    }

    [Fact]
    public async Task A_transfer_moves_shares_from_its_date_on_and_keeps_theVillage_total()
    {
        var before1 = await SharesOf(1);
        var before2 = await SharesOf(2);

        var response = await Post("transfer", new { effectiveOn = "2026-01-10", reason = "社内转让", documentRef = "转字2026-1号", fromHousehold = 1, toHousehold = 2, shareClass = "basic", shares = "0.5" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(before1 - 0.5m, await SharesOf(1));
        Assert.Equal(before2 + 0.5m, await SharesOf(2));
        Assert.Equal(before1, await SharesOf(1, "2026-01-09"));
        Assert.Equal("846.2", (await _client.GetJsonAsync($"/api/villages/{Village}?asOf=2026-12-31")).Str("shares"));
    }

    [Fact]
    public async Task Inheritance_moves_the_shares_to_the_heirs_household_and_is_recorded_as_inheritance()
    {
        var held = await SharesOf(7);
        var heir = await SharesOf(8);

        var response = await Post("inheritance", new { effectiveOn = "2026-02-01", reason = "户主去世，由子继承", documentRef = "继承公证书", fromHousehold = 7, toHousehold = 8, shareClass = "basic", shares = held });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("inheritance", (await response.JsonAsync())[0].Str("kind"));
        Assert.Equal(0m, await SharesOf(7));
        Assert.Equal(heir + held, await SharesOf(8));
    }

    [Fact]
    public async Task An_enrolment_allocation_raises_the_total_from_its_date()
    {
        var response = await Post("allocation", new { effectiveOn = "2026-03-01", reason = "新增成员配股", household = 9, shareClass = "basic", shares = 0.2m, enrolment = true });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("enrolment", (await response.JsonAsync())[0].Str("kind"));
        Assert.Equal(846.4m, (await _client.GetJsonAsync($"/api/villages/{Village}?asOf=2026-03-01")).Dec("shares"));
        Assert.Equal(846.2m, (await _client.GetJsonAsync($"/api/villages/{Village}?asOf=2026-02-28")).Dec("shares"));
    }

    [Fact]
    public async Task An_allocation_of_a_class_the_charter_lacks_is_refused()
    {
        var response = await Post("allocation", new { effectiveOn = "2026-03-01", reason = "配股", household = 9, shareClass = "cash", shares = 1m });

        await AssertProblem(response, HttpStatusCode.UnprocessableEntity, "register.unknownClass", "shareClass");
    }

    [Fact]
    public async Task A_households_statement_lists_its_movements_with_a_running_balance_and_the_counterpart()
    {
        await Post("transfer", new { effectiveOn = "2026-01-10", reason = "社内转让", fromHousehold = 1, toHousehold = 2, shareClass = "basic", shares = 0.5m });

        var lines = (await _client.GetJsonAsync($"/api/villages/{Village}/households/1/movements")).EnumerateArray().ToList();

        var last = lines[^1];
        Assert.Equal("transfer", last.Str("kind"));
        Assert.Equal("转让", last.Str("kindLabel"));
        Assert.Equal("-0.5", last.Str("delta"));
        Assert.Equal("2", last.Str("counterparts"));
        Assert.Equal(await SharesOf(1), last.Dec("balance"));
        Assert.Equal("baiyanghe-kuaiji", last.Str("enteredBy"));
    }

    [Fact]
    public async Task A_transfer_to_a_household_that_merged_away_is_refused_and_nothing_is_written()
    {
        (await Post("merge", new { effectiveOn = "2026-01-10", reason = "合户", fromHousehold = 3, intoHousehold = 4 })).EnsureSuccessStatusCode();
        var rows = await MovementRows();

        var response = await Post("transfer", new { effectiveOn = "2026-02-01", reason = "转让", fromHousehold = 1, toHousehold = 3, shareClass = "basic", shares = 0.5m });

        await AssertProblem(response, HttpStatusCode.UnprocessableEntity, "register.notMember", "toHousehold");
        Assert.Equal(rows, await MovementRows());
    }

    [Fact]
    public async Task A_transfer_of_more_than_the_household_holds_is_refused_naming_shares()
    {
        var rows = await MovementRows();
        var held = await SharesOf(1);

        var response = await Post("transfer", new { effectiveOn = "2026-01-10", reason = "转让", fromHousehold = 1, toHousehold = 2, shareClass = "basic", shares = held + 0.1m });

        await AssertProblem(response, HttpStatusCode.UnprocessableEntity, "register.negativeHolding", "shares");
        Assert.Equal(rows, await MovementRows());
    }

    [Fact]
    public async Task Shares_finer_than_the_charters_precision_are_refused()
    {
        var response = await Post("transfer", new { effectiveOn = "2026-01-10", reason = "转让", fromHousehold = 1, toHousehold = 2, shareClass = "basic", shares = 0.05m });

        await AssertProblem(response, HttpStatusCode.UnprocessableEntity, "register.tooPrecise", "shares");
    }

    [Fact]
    public async Task A_movement_without_a_date_is_a_bad_request_naming_the_field()
    {
        var response = await Post("transfer", new { reason = "转让", fromHousehold = 1, toHousehold = 2, shareClass = "basic", shares = 0.5m });

        await AssertProblem(response, HttpStatusCode.BadRequest, "request.missingField", "effectiveOn");
    }

    [Fact]
    public async Task A_split_creates_a_household_with_the_members_who_move_and_keeps_the_total()
    {
        var (number, mover) = await HouseholdWithTwoMembers();
        var held = await SharesOf(number);

        var response = await Post("split", new
        {
            effectiveOn = "2026-03-01", reason = "子女成家分户", fromHousehold = number,
            sharesByClass = new Dictionary<string, decimal> { ["basic"] = 0.5m },
            members = new[] { new { memberId = mover, relation = "户主" } },
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = (await response.JsonAsync())[0].GetProperty("legs").EnumerateArray().Select(l => l.GetProperty("household").GetInt32()).Max();
        Assert.Equal(295, created);
        Assert.Equal(held - 0.5m, await SharesOf(number));
        Assert.Equal(0.5m, await SharesOf(295));
        var village = await _client.GetJsonAsync($"/api/villages/{Village}?asOf=2026-12-31");
        Assert.Equal("846.2", village.Str("shares"));
        Assert.Equal(295, village.GetProperty("households").GetInt32());
        Assert.Equal(1017, village.GetProperty("members").GetInt32());
        var newHousehold = await _client.GetJsonAsync($"/api/villages/{Village}/households/295");
        Assert.Equal(mover, Assert.Single(newHousehold.GetProperty("members").EnumerateArray()).GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task A_split_that_takes_the_old_head_is_refused_and_creates_no_household()
    {
        var household = await _client.GetJsonAsync($"/api/villages/{Village}/households/1");
        var head = household.GetProperty("members")[0].GetProperty("id").GetInt64();

        var response = await Post("split", new
        {
            effectiveOn = "2026-03-01", reason = "分户", fromHousehold = 1,
            sharesByClass = new Dictionary<string, decimal> { ["basic"] = 0.5m },
            members = new[] { new { memberId = head, relation = "户主" } },
        });

        await AssertProblem(response, HttpStatusCode.UnprocessableEntity, "household.noHead", "members");
        Assert.Equal(294L, await Silo.ScalarAsync<long>("SELECT count(*) FROM households"));
    }

    [Fact]
    public async Task A_split_into_a_household_number_that_is_taken_is_refused_naming_new_household()
    {
        var (number, mover) = await HouseholdWithTwoMembers();

        var response = await Post("split", new
        {
            effectiveOn = "2026-03-01", reason = "分户", fromHousehold = number, newHousehold = 2,
            sharesByClass = new Dictionary<string, decimal> { ["basic"] = 0.5m },
            members = new[] { new { memberId = mover, relation = "户主" } },
        });

        await AssertProblem(response, HttpStatusCode.UnprocessableEntity, "household.duplicateNumber", "newHousehold");
    }

    [Fact]
    public async Task A_merge_moves_all_shares_and_members_and_ends_the_household()
    {
        var total = await SharesOf(3) + await SharesOf(4);

        (await Post("merge", new { effectiveOn = "2026-01-10", reason = "合户", fromHousehold = 3, intoHousehold = 4 })).EnsureSuccessStatusCode();

        Assert.Equal(0m, await SharesOf(3));
        Assert.Equal(total, await SharesOf(4));
        var merged = await _client.GetJsonAsync($"/api/villages/{Village}/households/3");
        Assert.Equal("2026-01-10", merged.Str("endedOn"));
        Assert.Empty(merged.GetProperty("members").EnumerateArray());
    }

    [Fact]
    public async Task A_correction_appends_a_reversal_and_the_journal_refuses_edits()
    {
        var transfer = await (await Post("transfer", new { effectiveOn = "2026-01-10", reason = "转让", fromHousehold = 1, toHousehold = 2, shareClass = "basic", shares = 1m })).JsonAsync();
        var no = transfer[0].GetProperty("no").GetInt64();
        var before = await SharesOf(1, "2026-01-09");

        var correction = await Post($"{no}/correction", new
        {
            effectiveOn = "2026-01-10", reason = "录入错误，应为0.5股",
            legs = new[] { new { household = 1, shareClass = "basic", delta = -0.5m }, new { household = 2, shareClass = "basic", delta = 0.5m } },
        });

        Assert.Equal(HttpStatusCode.Created, correction.StatusCode);
        var recorded = await correction.JsonAsync();
        Assert.Equal("reversal", recorded[0].Str("kind"));
        Assert.Equal(no, recorded[0].GetProperty("reverses").GetInt64());
        Assert.Equal(before - 0.5m, await SharesOf(1));
        await Assert.ThrowsAsync<Npgsql.PostgresException>(() => Silo.ScalarAsync<object>("UPDATE share_movements SET delta = 0 RETURNING 1"));
    }

    [Fact]
    public async Task Cancellation_is_refused_where_the_charter_does_not_allow_it()
    {
        var response = await Post("cancellation", new { effectiveOn = "2026-01-10", reason = "退出", household = 1, shareClass = "basic", shares = 1m });

        await AssertProblem(response, HttpStatusCode.UnprocessableEntity, "register.cancellationNotAllowed", "kind");
    }

    [Fact]
    public async Task Cancellation_lowers_the_total_once_the_charter_allows_it()
    {
        var charter = new { classes = new[] { new { code = "basic", name = "基本股" } }, management = "dynamic", precision = 0.1m, recordDateRule = "setInPlan", cancellationOnExit = true };
        (await _client.PutAsJsonAsync($"/api/villages/{Village}/charter", charter)).EnsureSuccessStatusCode();

        (await Post("cancellation", new { effectiveOn = "2026-01-10", reason = "退出", household = 1, shareClass = "basic", shares = 1m })).EnsureSuccessStatusCode();

        Assert.Equal(845.2m, (await _client.GetJsonAsync($"/api/villages/{Village}?asOf=2026-12-31")).Dec("shares"));
        Assert.Equal(846.2m, (await _client.GetJsonAsync($"/api/villages/{Village}?asOf=2025-11-30")).Dec("shares"));
    }

    [Fact]
    public async Task The_demo_charter_has_one_class_at_a_tenth_of_a_share_and_cannot_drop_a_class_in_use()
    {
        var charter = await _client.GetJsonAsync($"/api/villages/{Village}/charter");
        Assert.Equal("基本股", charter.GetProperty("classes")[0].Str("name"));
        Assert.Equal(0.1m, charter.GetProperty("precision").GetDecimal());
        Assert.Equal("dynamic", charter.Str("management"));

        var response = await _client.PutAsJsonAsync($"/api/villages/{Village}/charter",
            new { classes = new[] { new { code = "age", name = "农龄股" } }, management = "static", precision = 0.1m, recordDateRule = "setInPlan" });

        await AssertProblem(response, HttpStatusCode.UnprocessableEntity, "charter.classInUse", "classes");
    }

    [Fact]
    public async Task A_movement_reissues_the_certificates_of_the_households_it_touches_and_keeps_the_voided_number()
    {
        Assert.Equal(294, (await (await _client.PostAsync($"/api/villages/{Village}/certificates", null)).JsonAsync()).GetInt32());
        var first = (await _client.GetJsonAsync($"/api/villages/{Village}/households/1")).GetProperty("certificates")[0].GetProperty("number").GetInt32();

        await Post("transfer", new { effectiveOn = "2026-01-10", reason = "转让", fromHousehold = 1, toHousehold = 2, shareClass = "basic", shares = 0.5m });

        var certificates = (await _client.GetJsonAsync($"/api/villages/{Village}/households/1")).GetProperty("certificates").EnumerateArray().ToList();
        Assert.Equal(2, certificates.Count);
        Assert.True(certificates[0].GetProperty("voidedOn").ValueKind == JsonValueKind.Null);
        Assert.True(certificates[0].GetProperty("number").GetInt32() > 294);
        Assert.Equal(first, certificates[1].GetProperty("number").GetInt32());
        Assert.Equal("2026-01-10", certificates[1].Str("voidedOn"));
    }

    private async Task<(int Number, long Mover)> HouseholdWithTwoMembers()
    {
        var rows = (await _client.GetJsonAsync($"/api/villages/{Village}/households")).EnumerateArray();
        var number = rows.First(r => r.GetProperty("memberCount").GetInt32() >= 2 && r.Dec("shares") >= 1m).GetProperty("number").GetInt32();
        var members = (await _client.GetJsonAsync($"/api/villages/{Village}/households/{number}")).GetProperty("members").EnumerateArray().ToList();
        return (number, members[1].GetProperty("id").GetInt64());
    }
}
