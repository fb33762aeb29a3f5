using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using VillageCollective.Silo.Storage;
using VillageCollective.Silo.Tests.DividendDay;

namespace VillageCollective.Silo.Tests.Consistency;

/// <summary>
/// The consistency check (issue 9): on data written through the API it finds nothing; on data changed behind the
/// system's back (triggers and constraints switched off, as a broken restore or a hand edit would) it names each
/// difference with its check, subject, recomputed and stored value.
/// </summary>
[Collection(SiloCollection.Name)]
public sealed class ConsistencyTests(SiloFixture silo) : ResetTest<SiloFixture>(silo)
{
    private ConsistencyStore Store => Silo.Services.GetRequiredService<ConsistencyStore>();

    /// <summary>A run with its meeting open, three lines marked (one undone and marked again) and a transfer in 2026.</summary>
    internal static async Task<Meeting> BusyVillageAsync(SiloFixture silo, long village)
    {
        var meeting = await Meeting.StartAsync(silo, village);
        var cashier = await silo.CashierAsync();
        var marks = new List<long>();
        for (var line = 1; line <= 3; line++)
        {
            var mark = await meeting.MarkAsync(cashier, line, await meeting.PaidToHeadAsync(line), $"mark-{line}");
            marks.Add((await mark.EnsureSuccessStatusCode().JsonAsync()).GetProperty("id").GetInt64());
        }
        (await meeting.UndoAsync(cashier, 2, marks[1], "认错户")).EnsureSuccessStatusCode();
        (await meeting.MarkAsync(cashier, 2, await meeting.PaidToHeadAsync(2), "mark-2-again")).EnsureSuccessStatusCode();
        var accountant = await silo.AccountantAsync();
        (await accountant.PostAsJsonAsync($"/api/villages/{village}/movements/transfer",
            new { effectiveOn = "2026-01-10", reason = "社内转让", fromHousehold = 1, toHousehold = 2, shareClass = "basic", shares = "0.5" })).EnsureSuccessStatusCode();
        return meeting;
    }

    [Fact]
    public async Task Data_written_through_the_api_is_consistent_and_the_endpoint_says_so()
    {
        await BusyVillageAsync(Silo, Village);

        var report = await Store.CheckAsync(null, CancellationToken.None);
        Assert.True(report.Consistent, string.Join("\n", report.Differences));
        Assert.Equal(1, report.Runs);
        Assert.Equal(294, report.PayoutLines);
        Assert.True(report.AuditRows > 0);

        var answer = await (await Silo.AccountantAsync()).GetJsonAsync($"/api/villages/{Village}/consistency");
        Assert.True(answer.GetProperty("consistent").GetBoolean());
        Assert.Equal(294, answer.GetProperty("payoutLines").GetInt64());
    }

    [Theory]
    [InlineData("run.total", "UPDATE payout_lines SET amount = amount + 0.01 WHERE run_id = {run} AND line_no = 5")]
    [InlineData("run.lineAmount", "UPDATE payout_lines SET amount = amount + 0.01 WHERE run_id = {run} AND line_no = 5")]
    [InlineData("run.households", "DELETE FROM payout_lines WHERE run_id = {run} AND line_no = 294")]
    [InlineData("run.lineNumbers", "DELETE FROM payout_lines WHERE run_id = {run} AND line_no = 5")]
    [InlineData("run.register", "UPDATE payout_lines SET shares = shares + 1, amount = amount + 220 WHERE run_id = {run} AND line_no = 7")]
    [InlineData("run.pool", "UPDATE dividend_runs SET pool = pool + 1, residue = residue + 1 WHERE id = {run}")]
    [InlineData("register.movementBalance", "DELETE FROM share_movements WHERE id = (SELECT max(id) FROM share_movements WHERE kind = 'transfer')")]
    [InlineData("register.negative", "INSERT INTO share_movements (village_id, household_id, share_class, delta, effective_on, kind, reason, movement_no) SELECT village_id, household_id, share_class, -100, '2026-02-01', 'cancellation', 'hand edit', 9999 FROM share_movements LIMIT 1")]
    [InlineData("payout.status", "UPDATE payout_line_status SET status = 'paid_in_cash' WHERE run_id = {run} AND line_no = 10")]
    [InlineData("payout.liveMarks", "INSERT INTO payout_events (village_id, run_id, line_no, kind, status, cashier, table_no, at) SELECT village_id, run_id, line_no, 'mark', status, cashier, table_no, at FROM payout_events WHERE run_id = {run} AND line_no = 1")]
    public async Task A_change_behind_the_systems_back_is_named_by_its_check(string check, string tamper)
    {
        var meeting = await BusyVillageAsync(Silo, Village);
        await using (var connection = new NpgsqlConnection(Silo.ConnectionString))
        {
            await connection.OpenAsync();
            // Triggers (append-only journals, audit) and foreign keys off for this session only, as a hand edit by a superuser.
            await using var command = new NpgsqlCommand($"SET session_replication_role = replica; {tamper.Replace("{run}", meeting.Run.ToString(System.Globalization.CultureInfo.InvariantCulture))}", connection);
            await command.ExecuteNonQueryAsync();
        }

        var report = await Store.CheckAsync(Village, CancellationToken.None);

        Assert.False(report.Consistent);
        var found = Assert.Single(report.Differences, d => d.Check == check);
        Assert.Equal(Village, found.VillageId);
        Assert.NotEqual(found.Expected, found.Actual);
    }

    [Fact]
    public async Task An_edited_audit_row_is_reported_as_a_broken_chain()
    {
        await BusyVillageAsync(Silo, Village);
        await Silo.ScalarAsync<int>("SET session_replication_role = replica; UPDATE audit_log SET actor = 'someone else' WHERE id = (SELECT min(id) FROM audit_log WHERE chain IS NOT NULL) RETURNING 1");

        var report = await Store.CheckAsync(null, CancellationToken.None);

        Assert.Contains(report.Differences, d => d.Check == "audit.chain" && d.Actual == "content");
    }
}
