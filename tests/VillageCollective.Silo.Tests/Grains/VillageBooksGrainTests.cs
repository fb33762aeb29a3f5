using Orleans.Runtime;
using Npgsql;
using VillageCollective.Grains;
using VillageCollective.Grains.Assembly;
using VillageCollective.Grains.Books;
using VillageCollective.Grains.Village;
using VillageCollective.Silo.Api;

namespace VillageCollective.Silo.Tests.Grains;

/// <summary>
/// The village grain's books, plans and dividend runs on the two-silo test cluster over PostgreSQL: what a call returns
/// is what the tables hold afterwards.
/// </summary>
[Collection(GrainClusterCollection.Name)]
public sealed class VillageBooksGrainTests(GrainClusterFixture cluster) : IAsyncLifetime
{
    private long _village;

    private IVillageGrain Village => cluster.Grains.GetGrain<IVillageGrain>(_village);

    public async Task InitializeAsync() => _village = await cluster.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task An_entry_posted_through_the_grain_is_booked_and_its_reversal_undoes_it_once()
    {
        var id = await Village.PostEntryAsync(new PostEntry(new DateOnly(2025, 11, 20), 2025, "investment_income", "某企业", "记-2025-090", 1234.56m,
            "accountant"));

        var reversal = await Village.ReverseEntryAsync(new ReverseEntry(2025, id, "重复记账", new DateOnly(2025, 11, 21), "accountant"));
        var again = await Assert.ThrowsAsync<ProblemException>(() =>
            Village.ReverseEntryAsync(new ReverseEntry(2025, id, "再次", new DateOnly(2025, 11, 21), "accountant")));

        Assert.Equal((409, "entry.alreadyReversed"), (again.Status, again.Code));
        Assert.Equal(1234.56m, await ScalarAsync<decimal>($"SELECT amount FROM book_entries WHERE id = {id}"));
        Assert.Equal((-1234.56m, id), (await ScalarAsync<decimal>($"SELECT amount FROM book_entries WHERE id = {reversal}"),
            await ScalarAsync<long>($"SELECT reverses_id FROM book_entries WHERE id = {reversal}")));
        Assert.Equal("accountant", await ScalarAsync<string>($"SELECT entered_by FROM book_entries WHERE id = {reversal}"));
    }

    [Fact]
    public async Task An_entry_dated_outside_its_year_is_refused_by_the_grain_and_nothing_is_booked()
    {
        var before = await ScalarAsync<long>("SELECT count(*) FROM book_entries");

        var refused = await Assert.ThrowsAsync<DomainException>(() =>
            Village.PostEntryAsync(new PostEntry(new DateOnly(2024, 12, 31), 2025, "investment_income", "", "记-1", 10m, "accountant")));

        Assert.Equal(("entry.date", "date"), (refused.Code, refused.Field));
        Assert.Equal(before, await ScalarAsync<long>("SELECT count(*) FROM book_entries"));
    }

    [Fact]
    public async Task A_plan_goes_through_draft_notice_and_vote_in_the_grain_and_each_step_is_checked()
    {
        var drafted = await Village.DraftPlanAsync(new DraftPlan(2025, 180_000m, "fixed", 200m, null, new DateOnly(2025, 11, 30),
            new DateOnly(2025, 12, 1), "grain", null, null, 0m, 0m, 0m));
        var vote = new AssemblyVote("representatives", new DateOnly(2025, 11, 25), 31, 28, 27, 0, 0);

        var early = await Assert.ThrowsAsync<DomainException>(() => Village.DecidePlanAsync(drafted.PlanId, vote));
        await Village.PublishPlanAsync(drafted.PlanId, new DateOnly(2025, 11, 10));
        var tooSoon = await Assert.ThrowsAsync<DomainException>(() => Village.DecidePlanAsync(drafted.PlanId, vote with { Date = new DateOnly(2025, 11, 19) }));
        await Village.DecidePlanAsync(drafted.PlanId, vote);
        var republish = await Assert.ThrowsAsync<DomainException>(() => Village.PublishPlanAsync(drafted.PlanId, new DateOnly(2025, 11, 26)));

        Assert.Equal(2, drafted.Version); // the demo's approved plan is version 1
        Assert.Equal(("plan.notPublished", "plan.notDraft"), (early.Code, republish.Code));
        Assert.Equal(("assembly.noticeTooShort", "date"), (tooSoon.Code, tooSoon.Field));
        Assert.Equal("approved", await ScalarAsync<string>($"SELECT status FROM distribution_plans WHERE id = {drafted.PlanId}"));
        Assert.Equal(new DateOnly(2025, 11, 10), await ScalarAsync<DateOnly>($"SELECT notice_published_on FROM distribution_plans WHERE id = {drafted.PlanId}"));
    }

    [Fact]
    public async Task A_draft_whose_rate_pays_more_than_its_pool_is_refused_and_not_saved()
    {
        // 846.2 shares × 221 yuan = 187,010.20 > 186,500.00
        var refused = await Assert.ThrowsAsync<DomainException>(() => Village.DraftPlanAsync(new DraftPlan(2025, 186_500m, "fixed", 221m, null,
            new DateOnly(2025, 11, 30), new DateOnly(2025, 12, 1), "", null, null, 0m, 0m, 0m)));

        Assert.Equal("plan.rateExceedsPool", refused.Code);
        Assert.Equal(1L, await ScalarAsync<long>("SELECT count(*) FROM distribution_plans WHERE year = 2025"));
    }

    [Fact]
    public async Task The_Baiyanghe_run_through_the_grain_pays_186164_yuan_to_294_households_and_the_pool_is_paid_plus_residue()
    {
        var started = await Village.StartRunAsync(2025, 1, "grain-run", "accountant");

        Assert.True(started.Created);
        Assert.Equal(294, started.LinesWritten);
        var run = $"FROM dividend_runs WHERE id = {started.RunId}";
        Assert.Equal(846.2m, await ScalarAsync<decimal>($"SELECT total_shares {run}"));
        Assert.Equal(220m, await ScalarAsync<decimal>($"SELECT per_share_rate {run}"));
        Assert.Equal(294, await ScalarAsync<int>($"SELECT household_count {run}"));
        Assert.Equal(186_164.00m, await ScalarAsync<decimal>($"SELECT total_paid {run}"));
        Assert.Equal(186_164.00m, await ScalarAsync<decimal>($"SELECT sum(amount) FROM payout_lines WHERE run_id = {started.RunId}"));
        Assert.Equal(await ScalarAsync<decimal>($"SELECT pool {run}"), await ScalarAsync<decimal>($"SELECT total_paid + residue {run}"));
    }

    [Fact]
    public async Task Starting_a_run_twice_with_the_same_key_returns_the_first_and_another_plan_under_that_key_is_a_conflict()
    {
        var first = await Village.StartRunAsync(2025, 1, "twice", "accountant");
        // Another activation, as after a move to the other silo: the replay comes from the table, not from memory.
        await cluster.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var second = await Village.StartRunAsync(2025, 1, "twice", "accountant");
        var otherKey = await Village.StartRunAsync(2025, 1, "another key", "accountant");
        var reused = await Assert.ThrowsAsync<ProblemException>(() => Village.StartRunAsync(2025, 2, "twice", "accountant"));

        Assert.Equal((first.RunId, false, 0), (second.RunId, second.Created, second.LinesWritten));
        Assert.Equal((first.RunId, false), (otherKey.RunId, otherKey.Created));
        Assert.Equal((409, "idempotency.keyReused"), (reused.Status, reused.Code));
        Assert.Equal(1L, await ScalarAsync<long>("SELECT count(*) FROM dividend_runs"));
        Assert.Equal(294L, await ScalarAsync<long>("SELECT count(*) FROM payout_lines"));
    }

    [Fact]
    public async Task Calls_to_one_village_from_both_silos_side_by_side_make_exactly_one_run()
    {
        var starts = Enumerable.Range(0, 8).Select(i => Village.StartRunAsync(2025, 1, $"side-{i}", "accountant")).ToList();

        var outcomes = await Task.WhenAll(starts);

        Assert.Single(outcomes, o => o.Created);
        Assert.Single(outcomes.Select(o => o.RunId).Distinct());
        Assert.Equal(294L, await ScalarAsync<long>("SELECT count(*) FROM payout_lines"));
    }

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var dataSource = NpgsqlDataSource.Create(cluster.ConnectionString);
        await using var command = dataSource.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
