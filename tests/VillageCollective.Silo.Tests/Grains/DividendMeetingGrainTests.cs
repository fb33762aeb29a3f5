using Npgsql;
using Orleans.Runtime;
using Orleans.Runtime.Placement;
using VillageCollective.Grains;
using VillageCollective.Grains.DividendDay;

namespace VillageCollective.Silo.Tests.Grains;

/// <summary>
/// The dividend-meeting grain on the two-silo test cluster over PostgreSQL: group commit, idempotency, undo, closing, a
/// writer outside the grain, and losing the silo that holds the grain in the middle of marking.
/// </summary>
[Collection(GrainClusterCollection.Name)]
public sealed class DividendMeetingGrainTests(GrainClusterFixture cluster)
{
    [Fact]
    public async Task Marks_that_reach_the_grain_together_are_each_stored_once_and_answered_with_their_event()
    {
        var run = await OpenRunAsync();
        var answers = await Task.WhenAll(Enumerable.Range(1, 40).Select(line => run.MarkAs($"cashier{1 + line % 4}", run.Paid(line, 1 + line % 4, $"k{line}"))));

        Assert.All(answers, a => Assert.Equal(MeetingOutcome.Done, a.Outcome));
        Assert.Equal(40, answers.Select(a => a.Event!.Id).Distinct().Count());
        // They waited for one another: far fewer transactions (one audited events INSERT per cashier each) than marks.
        Assert.InRange(await run.ScalarAsync<long>("""
            SELECT count(*) FROM audit_log WHERE table_name = 'payout_events' AND operation = 'INSERT' AND chain = (SELECT village_id FROM dividend_runs WHERE id = $1)
            """), 4, 20);
        Assert.Equal(Enumerable.Range(1, 40), answers.Select(a => a.Event!.LineNo));
        Assert.Equal(40, await run.ScalarAsync<long>("SELECT count(*) FROM payout_events WHERE run_id = $1 AND kind = 'mark'"));
        Assert.Equal(40, await run.ScalarAsync<long>("SELECT count(*) FROM payout_line_status WHERE run_id = $1 AND status = 'paid_in_cash'"));
        // Each cashier's statements are audited under that cashier's login, whoever's call flushed the batch.
        Assert.Equal(40, await run.ScalarAsync<long>("""
            SELECT count(*) FROM audit_log a CROSS JOIN jsonb_array_elements(a.after) line JOIN payout_events e ON e.id = (line ->> 'last_event_id')::bigint
            WHERE a.table_name = 'payout_line_status' AND a.operation = 'UPDATE' AND e.run_id = $1 AND a.actor = 'cashier' || e.table_no
            """));
    }

    [Fact]
    public async Task A_second_mark_of_a_line_in_the_same_batch_is_refused_naming_the_first()
    {
        var run = await OpenRunAsync();
        // Sent together, behind a mark that holds the flush, so that both wait in the same batch.
        var answers = await Task.WhenAll(run.Grain.Mark(run.Paid(1, table: 3, key: "ahead")), run.Grain.Mark(run.Paid(3, table: 1, key: "first")),
            run.Grain.Mark(run.Paid(3, table: 2, key: "second")));

        var done = Assert.Single(answers[1..], a => a.Outcome == MeetingOutcome.Done);
        var refused = Assert.Single(answers[1..], a => a.Outcome == MeetingOutcome.AlreadyMarked);
        Assert.Equal(done.Event, refused.Event);
        Assert.Equal(1, await run.ScalarAsync<long>("SELECT count(*) FROM payout_events WHERE run_id = $1 AND line_no = 3"));
    }

    [Fact]
    public async Task A_replay_answers_the_first_event_and_the_same_key_with_another_body_is_refused()
    {
        var run = await OpenRunAsync();
        var first = await run.Grain.Mark(run.Paid(5, table: 2, key: "same"));
        var together = await Task.WhenAll(run.Grain.Mark(run.Paid(6, table: 2, key: "twice")), run.Grain.Mark(run.Paid(6, table: 2, key: "twice")));
        var replay = await run.Grain.Mark(run.Paid(5, table: 2, key: "same"));
        var reused = await run.Grain.Mark(run.Paid(5, table: 3, key: "same"));

        Assert.Equal(MeetingOutcome.Replayed, replay.Outcome);
        Assert.Equal(first.Event, replay.Event);
        Assert.Equal(MeetingOutcome.KeyReused, reused.Outcome);
        Assert.Equal(together[0].Event!.Id, together[1].Event!.Id);
        Assert.Equal(1, await run.ScalarAsync<long>("SELECT count(*) FROM payout_events WHERE run_id = $1 AND line_no = 6"));
    }

    [Fact]
    public async Task An_undo_reverses_the_current_mark_and_the_line_can_be_marked_again()
    {
        var run = await OpenRunAsync();
        var mark = await run.Grain.Mark(run.Paid(7, table: 1, key: "m1"));
        var stale = await run.Grain.Undo(new UndoPayoutMark(run.Village, 7, mark.Event!.Id + 1000, 1, "点错户", "cashier"));
        var undo = await run.Grain.Undo(new UndoPayoutMark(run.Village, 7, mark.Event.Id, 1, "点错户", "cashier"));
        var again = await run.Grain.Mark(run.Paid(7, table: 2, key: "m2"));
        var blank = await Assert.ThrowsAsync<DomainException>(() => run.Grain.Undo(new UndoPayoutMark(run.Village, 7, again.Event!.Id, 1, " ", "c")));

        Assert.Equal(MeetingOutcome.UndoStale, stale.Outcome);
        Assert.Equal(("undo", "pending", mark.Event.Id), (undo.Event!.Kind, undo.Event.Status, undo.Event.Reverses!.Value));
        Assert.Equal(MeetingOutcome.Done, again.Outcome);
        Assert.Equal("payout.textRequired", blank.Code);
        Assert.Equal("paid_in_cash", await run.ScalarAsync<string>("SELECT status FROM payout_line_status WHERE run_id = $1 AND line_no = 7"));
    }

    [Fact]
    public async Task Closing_defers_the_pending_lines_and_counts_each_tables_cash()
    {
        var run = await OpenRunAsync();
        await Task.WhenAll(run.Grain.Mark(run.Paid(1, table: 1, key: "a")), run.Grain.Mark(run.Paid(2, table: 1, key: "b")),
            run.Grain.Mark(run.Paid(3, table: 2, key: "c")));
        var lines = await run.ScalarAsync<long>("SELECT count(*) FROM payout_lines WHERE run_id = $1");
        var closed = await run.Grain.Close(new MeetingCommand(run.Village, MeetingRole.Accountant, "accountant", "未到场",
            [new TableCashIssued(1, 1000m), new TableCashIssued(3, 50m)]));
        var late = await Assert.ThrowsAsync<DomainException>(() => run.Grain.Mark(run.Paid(4, table: 1, key: "late")));

        Assert.Equal(MeetingOutcome.Done, closed.Outcome);
        Assert.Equal("meeting.notOpen", late.Code);
        Assert.Equal(lines - 3, await run.ScalarAsync<long>("SELECT count(*) FROM payout_line_status WHERE run_id = $1 AND status = 'deferred'"));
        Assert.Equal("1:1000.00:200.00:2:800.00 2:0.00:100.00:1:-100.00 3:50.00:0.00:0:50.00", await run.ScalarAsync<string>("""
            SELECT string_agg(table_no || ':' || cash_issued || ':' || cash_paid || ':' || lines_paid || ':' || difference, ' ' ORDER BY table_no)
            FROM meeting_cash_counts WHERE run_id = $1 AND closing_no = 1
            """));
    }

    [Fact]
    public async Task A_mark_written_outside_the_grain_is_not_overwritten_the_grain_reloads()
    {
        var run = await OpenRunAsync();
        Assert.Equal(MeetingOutcome.Done, (await run.Grain.Mark(run.Paid(1, table: 1, key: "warm"))).Outcome);
        // Another writer (here SQL by hand) marks line 9 after the grain has loaded the meeting.
        await run.ExecuteAsync("""
            WITH e AS (INSERT INTO payout_events (village_id, run_id, line_no, kind, status, batch_reference, cashier, table_no, at)
                       SELECT village_id, id, 9, 'mark', 'transferred_to_bank', 'B-1', 'elsewhere', 5, now() FROM dividend_runs WHERE id = $1
                       RETURNING run_id, line_no, id)
            UPDATE payout_line_status s SET status = 'transferred_to_bank', last_event_id = e.id FROM e WHERE s.run_id = e.run_id AND s.line_no = e.line_no
            """);
        var answer = await run.Grain.Mark(run.Paid(9, table: 1, key: "after"));

        Assert.Equal(MeetingOutcome.AlreadyMarked, answer.Outcome);
        Assert.Equal(("elsewhere", 5), (answer.Event!.Cashier, answer.Event.TableNo));
        Assert.Equal(1, await run.ScalarAsync<long>("SELECT count(*) FROM payout_events WHERE run_id = $1 AND line_no = 9"));
    }

    [Fact]
    public async Task Losing_the_silo_that_holds_the_meeting_while_cashiers_mark_loses_no_acknowledged_mark_and_stores_none_twice()
    {
        var village = await cluster.ResetAsync();
        var run = await MeetingRun.CreateAsync(cluster, village);
        // The meeting goes to a secondary silo: the primary holds the test cluster's membership and must stay.
        var doomed = cluster.Cluster.SecondarySilos[0];
        RequestContext.Set(IPlacementDirector.PlacementHintKey, doomed.SiloAddress);
        var host = await run.Grain.Host();
        RequestContext.Remove(IPlacementDirector.PlacementHintKey);
        Assert.Equal(doomed.SiloAddress.ToString(), host);
        Assert.Equal(MeetingOutcome.Done, (await run.Grain.Open(new MeetingCommand(village, MeetingRole.Accountant, "accountant"))).Outcome);

        const int lines = 240;
        var next = 0;
        var acknowledged = new System.Collections.Concurrent.ConcurrentDictionary<int, long>();
        // Eight cashiers, each sending its next line until it is acknowledged, retrying with the same key as the web client does.
        var cashiers = Enumerable.Range(1, 8).Select(table => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) is var line && line <= lines)
            {
                for (var attempt = 0; ; attempt++)
                {
                    try
                    {
                        var answer = await run.Grain.Mark(run.Paid(line, table, $"fail-over-{line}"));
                        Assert.Contains(answer.Outcome, new[] { MeetingOutcome.Done, MeetingOutcome.Replayed });
                        acknowledged[line] = answer.Event!.Id;
                        await Task.Delay(20); // people at tables, so that the silo dies with most lines still to mark
                        break;
                    }
                    catch (Exception e) when (e is not Xunit.Sdk.XunitException && attempt < 100)
                    {
                        await Task.Delay(200);
                    }
                }
            }
        })).ToList();
        while (acknowledged.Count < 30) await Task.Delay(10);
        await cluster.Cluster.KillSiloAsync(doomed);
        var atKill = acknowledged.Count;
        await Task.WhenAll(cashiers);

        Assert.InRange(atKill, 30, lines - 1);

        Assert.NotEqual(doomed.SiloAddress.ToString(), await run.Grain.Host());
        Assert.Equal(lines, acknowledged.Count);
        // Every acknowledged mark is the one stored, and each line has exactly one event.
        Assert.Equal(string.Join(',', acknowledged.OrderBy(a => a.Key).Select(a => a.Value)), await run.ScalarAsync<string>("""
            SELECT string_agg(id::text, ',' ORDER BY line_no) FROM payout_events WHERE run_id = $1
            """));
        Assert.Equal(lines, await run.ScalarAsync<long>("SELECT count(DISTINCT line_no) FROM payout_events WHERE run_id = $1"));

        // The collection's next tests get two silos again.
        await cluster.Cluster.StartAdditionalSiloAsync();
        await cluster.Cluster.WaitForLivenessToStabilizeAsync(didKill: true);
    }

    private async Task<MeetingRun> OpenRunAsync()
    {
        var village = await cluster.ResetAsync();
        var run = await MeetingRun.CreateAsync(cluster, village);
        Assert.Equal(MeetingOutcome.Done, (await run.Grain.Open(new MeetingCommand(village, MeetingRole.Accountant, "accountant"))).Outcome);
        return run;
    }
}

/// <summary>A run of Baiyanghe's approved 2025 plan written straight into the database (100.00 yuan a line), and its grain.</summary>
internal sealed class MeetingRun(GrainClusterFixture cluster, long village, long run, Dictionary<int, (string Name, string Id)> heads)
{
    public long Village { get; } = village;

    public long Run { get; } = run;

    public IDividendMeetingGrain Grain => cluster.Grains.GetGrain<IDividendMeetingGrain>(Run);

    public static async Task<MeetingRun> CreateAsync(GrainClusterFixture cluster, long village)
    {
        await using var dataSource = NpgsqlDataSource.Create(cluster.ConnectionString);
        await using var command = dataSource.CreateCommand("""
            WITH plan AS (SELECT id, year, version FROM distribution_plans WHERE village_id = $1 AND year = 2025 ORDER BY version LIMIT 1),
            run AS (
                INSERT INTO dividend_runs (village_id, plan_id, year, plan_version, idempotency_key, request_fingerprint, per_share_rate, total_shares,
                                           pool, total_paid, residue, household_count, started_by, started_at)
                SELECT $1, plan.id, plan.year, plan.version, 'grain-test', 'grain-test', 100.00, n, n * 100.00, n * 100.00, 0, n, 'test', now()
                FROM plan, (SELECT count(*)::integer AS n FROM households WHERE village_id = $1) h
                RETURNING id),
            lines AS (
                INSERT INTO payout_lines (village_id, run_id, line_no, household_id, household_number, head_name, member_count, shares, amount)
                SELECT $1, run.id, row_number() OVER (ORDER BY h.number), h.id, h.number, h.head_name, 1, 1, 100.00
                FROM run, households h WHERE h.village_id = $1)
            SELECT id FROM run
            """);
        command.Parameters.Add(new() { Value = village });
        var run = (long)(await command.ExecuteScalarAsync())!;
        var heads = new Dictionary<int, (string, string)>();
        await using var read = dataSource.CreateCommand(
            "SELECT l.line_no, m.name, m.resident_id FROM payout_lines l JOIN members m ON m.household_id = l.household_id AND m.relation = '户主' WHERE l.run_id = $1");
        read.Parameters.Add(new() { Value = run });
        await using var reader = await read.ExecuteReaderAsync();
        while (await reader.ReadAsync()) heads[reader.GetInt32(0)] = (reader.GetString(1), reader.GetString(2));
        return new MeetingRun(cluster, village, run, heads);
    }

    /// <summary>Sends a mark as <paramref name="login"/> (the audit caller rides in the request context, as from the silo's HTTP).</summary>
    public Task<MeetingAnswer> MarkAs(string login, MarkPayoutLine mark)
    {
        RequestContext.Set("vc.actor", login);
        try
        {
            return Grain.Mark(mark);
        }
        finally
        {
            RequestContext.Remove("vc.actor");
        }
    }

    /// <summary>Line <paramref name="lineNo"/> paid in cash to its head at <paramref name="table"/>.</summary>
    public MarkPayoutLine Paid(int lineNo, int table, string key) =>
        new(Village, lineNo, table, "paid_in_cash", heads[lineNo].Name, "户主", heads[lineNo].Id, null, null, key, $"cashier{table}");

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var dataSource = NpgsqlDataSource.Create(cluster.ConnectionString);
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new() { Value = Run });
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var dataSource = NpgsqlDataSource.Create(cluster.ConnectionString);
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new() { Value = Run });
        await command.ExecuteNonQueryAsync();
    }
}
