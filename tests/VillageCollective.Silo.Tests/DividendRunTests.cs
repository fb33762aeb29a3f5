using System.Net;
using System.Net.Http.Json;

namespace VillageCollective.Silo.Tests;

[Collection(SiloCollection.Name)]
public sealed class DividendRunTests(SiloFixture silo) : ResetTest<SiloFixture>(silo)
{
    [Fact]
    public async Task The_Baiyanghe_run_pays_186164_yuan_to_294_households()
    {
        var client = await Silo.AccountantAsync();

        var response = await client.StartRunAsync(Village, 2025, 1, "run-1");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var run = await response.JsonAsync();
        Assert.Equal("220.00", run.Str("perShareRate"));
        Assert.Equal("846.2", run.Str("totalShares"));
        Assert.Equal("186164.00", run.Str("totalPaid"));
        Assert.Equal("人民币壹拾捌万陆仟壹佰陆拾肆元整", run.Str("totalPaidInWords"));
        Assert.Equal("336.00", run.Str("residue"));
        Assert.Equal("未分配收益", run.Str("residueCarriedTo"));
        Assert.Equal(294, run.GetProperty("householdCount").GetInt32());

        var lines = (await client.GetJsonAsync($"/api/villages/{Village}/dividend-runs/{run.Str("id")}/lines")).EnumerateArray().ToList();
        Assert.Equal(294, lines.Count);
        Assert.Equal(186164.00m, lines.Sum(l => l.Dec("amount")));
        Assert.Equal(1017, lines.Sum(l => l.GetProperty("memberCount").GetInt32()));
        Assert.All(lines, l => Assert.Equal(Math.Round(l.Dec("shares") * 220m, 2, MidpointRounding.AwayFromZero), l.Dec("amount")));
        Assert.Equal(186164.00m, await Silo.ScalarAsync<decimal>("SELECT sum(amount) FROM payout_lines"));
        Assert.Equal(186500.00m, await Silo.ScalarAsync<decimal>("SELECT total_paid + residue FROM dividend_runs"));
    }

    [Fact]
    public async Task A_replay_with_the_same_key_returns_the_first_run_and_writes_nothing_new()
    {
        var client = await Silo.AccountantAsync();

        var first = await client.StartRunAsync(Village, 2025, 1, "same-key");
        var replay = await client.StartRunAsync(Village, 2025, 1, "same-key");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal((await first.JsonAsync()).Str("id"), (await replay.JsonAsync()).Str("id"));
        Assert.Equal(1L, await Silo.ScalarAsync<long>("SELECT count(*) FROM dividend_runs"));
        Assert.Equal(294L, await Silo.ScalarAsync<long>("SELECT count(*) FROM payout_lines"));
    }

    [Fact]
    public async Task Another_key_for_the_same_plan_version_returns_the_run_already_made()
    {
        var client = await Silo.AccountantAsync();

        var first = await client.StartRunAsync(Village, 2025, 1, "key-a");
        var second = await client.StartRunAsync(Village, 2025, 1, "key-b");

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal((await first.JsonAsync()).Str("id"), (await second.JsonAsync()).Str("id"));
        Assert.Equal(1L, await Silo.ScalarAsync<long>("SELECT count(*) FROM dividend_runs"));
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_a_409_and_runs_nothing()
    {
        var client = await Silo.AccountantAsync();
        var planId = await client.CreatePlanAsync(Village, new { year = 2025, membersPool = 186500m, rateMode = "fixed", perShareRate = 200m, recordDate = "2025-11-30", meetingDate = "2025-12-01" });
        await client.ApprovePlanAsync(Village, planId);
        (await client.StartRunAsync(Village, 2025, 1, "shared-key")).EnsureSuccessStatusCode();

        var conflict = await client.StartRunAsync(Village, 2025, 2, "shared-key");

        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Equal("application/problem+json", conflict.Content.Headers.ContentType?.MediaType);
        var problem = await conflict.JsonAsync();
        Assert.Equal("idempotency.keyReused", problem.Str("code"));
        Assert.Equal("Idempotency-Key", problem.Str("field"));
        Assert.Equal(0L, await Silo.ScalarAsync<long>("SELECT count(*) FROM dividend_runs WHERE plan_version = 2"));
    }

    [Fact]
    public async Task Starting_the_same_run_from_eight_tables_at_once_makes_one_run()
    {
        var clients = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Silo.AccountantAsync()));

        var responses = await Task.WhenAll(clients.Select((c, i) => c.StartRunAsync(Village, 2025, 1, $"table-{i}")));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(responses, r => Assert.True(r.IsSuccessStatusCode));
        var ids = await Task.WhenAll(responses.Select(async r => (await r.JsonAsync()).Str("id")));
        Assert.Single(ids.Distinct());
        Assert.Equal(294L, await Silo.ScalarAsync<long>("SELECT count(*) FROM payout_lines"));
    }

    [Fact]
    public async Task A_missing_idempotency_key_is_refused_naming_the_header()
    {
        var client = await Silo.AccountantAsync();

        var response = await client.StartRunAsync(Village, 2025, 1, key: null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Idempotency-Key", (await response.JsonAsync()).Str("field"));
        Assert.Equal(0L, await Silo.ScalarAsync<long>("SELECT count(*) FROM dividend_runs"));
    }

    [Fact]
    public async Task A_missing_plan_version_is_refused_naming_the_field()
    {
        var client = await Silo.AccountantAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/villages/{Village}/dividend-runs") { Content = JsonContent.Create(new { year = 2025 }) };
        request.Headers.Add("Idempotency-Key", "k");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("planVersion", (await response.JsonAsync()).Str("field"));
        Assert.Equal(0L, await Silo.ScalarAsync<long>("SELECT count(*) FROM dividend_runs"));
    }

    [Fact]
    public async Task Malformed_json_is_a_400_problem_and_writes_nothing()
    {
        var client = await Silo.AccountantAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/villages/{Village}/dividend-runs")
        {
            Content = new StringContent("{\"year\": \"twenty\", ", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", "k");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0L, await Silo.ScalarAsync<long>("SELECT count(*) FROM dividend_runs"));
    }

    [Fact]
    public async Task A_fixed_rate_that_pays_more_than_the_pool_is_refused_when_drafted_and_saves_nothing()
    {
        var client = await Silo.AccountantAsync();

        // 846.2 shares × 221 yuan = 187,010.20 > 186,500.00
        var response = await client.PostAsJsonAsync($"/api/villages/{Village}/plans",
            new { year = 2025, membersPool = 186500m, rateMode = "fixed", perShareRate = 221m, recordDate = "2025-11-30", meetingDate = "2025-12-01" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.JsonAsync();
        Assert.Equal("plan.rateExceedsPool", problem.Str("code"));
        Assert.Equal("perShareRate", problem.Str("field"));
        Assert.Equal(1L, await Silo.ScalarAsync<long>("SELECT count(*) FROM distribution_plans"));
    }

    [Fact]
    public async Task A_draft_plan_cannot_be_run()
    {
        var client = await Silo.AccountantAsync();
        await client.CreatePlanAsync(Village, new { year = 2025, membersPool = 100000m, rateMode = "derived", roundingUnit = "jiao", recordDate = "2025-11-30", meetingDate = "2025-12-01" });

        var response = await client.StartRunAsync(Village, 2025, 2, "draft");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("run.planNotApproved", (await response.JsonAsync()).Str("code"));
        Assert.Equal(0L, await Silo.ScalarAsync<long>("SELECT count(*) FROM dividend_runs"));
    }

    [Fact]
    public async Task An_unknown_plan_version_is_a_404_problem()
    {
        var client = await Silo.AccountantAsync();

        var response = await client.StartRunAsync(Village, 2024, 1, "nothing");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("planVersion", (await response.JsonAsync()).Str("field"));
    }
}
