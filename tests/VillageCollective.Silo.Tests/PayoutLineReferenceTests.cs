using Npgsql;

namespace VillageCollective.Silo.Tests;

/// <summary>
/// A payout line's run and household are checked once per statement (migration 0014), not by row-level foreign keys:
/// each must exist and belong to the line's own village, and neither can be deleted or re-keyed while it has lines.
/// </summary>
[Collection(SiloCollection.Name)]
public sealed class PayoutLineReferenceTests(SiloFixture silo) : ResetTest<SiloFixture>(silo)
{
    private async Task<long> RunAsync()
    {
        var client = await Silo.AccountantAsync();
        var run = await (await client.StartRunAsync(Village, 2025, 1, "ref-test")).JsonAsync();
        return long.Parse(run.Str("id"), System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<PostgresException> RefusedAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Silo.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var refused = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, refused.SqlState);
        return refused;
    }

    [Fact]
    public async Task A_line_naming_a_household_of_another_village_is_refused_and_nothing_of_its_statement_is_written()
    {
        var run = await RunAsync();
        var otherVillage = await Silo.ScalarAsync<long>("INSERT INTO villages (code, name, township, county) VALUES ('other', '别的村', '别的乡', '别的县') RETURNING id");
        var stranger = await Silo.ScalarAsync<long>($"INSERT INTO households (village_id, number, head_name) VALUES ({otherVillage}, 1, '外村人') RETURNING id");
        var newcomer = await Silo.ScalarAsync<long>($"INSERT INTO households (village_id, number, head_name) VALUES ({Village}, 999, '新户') RETURNING id");

        // The first line alone would be accepted; the statement fails whole.
        var refused = await RefusedAsync($"""
            INSERT INTO payout_lines (village_id, run_id, line_no, household_id, household_number, head_name, member_count, shares, amount)
            VALUES ({Village}, {run}, 1001, {newcomer}, 999, '新户', 1, 1, 220),
                   ({Village}, {run}, 1002, {stranger}, 1, '外村人', 1, 1, 220)
            """);

        Assert.Contains($"household {stranger}", refused.MessageText);
        Assert.Equal(294L, await Silo.ScalarAsync<long>("SELECT count(*) FROM payout_lines"));
    }

    [Fact]
    public async Task A_line_naming_a_run_that_does_not_exist_or_is_of_another_village_is_refused()
    {
        var run = await RunAsync();
        var household = await Silo.ScalarAsync<long>($"SELECT min(id) FROM households WHERE village_id = {Village}");
        var otherVillage = await Silo.ScalarAsync<long>("INSERT INTO villages (code, name, township, county) VALUES ('other', '别的村', '别的乡', '别的县') RETURNING id");
        var stranger = await Silo.ScalarAsync<long>($"INSERT INTO households (village_id, number, head_name) VALUES ({otherVillage}, 1, '外村人') RETURNING id");

        var missing = await RefusedAsync($"""
            INSERT INTO payout_lines (village_id, run_id, line_no, household_id, household_number, head_name, member_count, shares, amount)
            VALUES ({Village}, {run + 1000}, 1, {household}, 1, 'x', 1, 1, 220)
            """);
        Assert.Contains($"run {run + 1000}", missing.MessageText);
        // The household is of the line's village, but the run is Baiyanghe's.
        var foreign = await RefusedAsync($"""
            INSERT INTO payout_lines (village_id, run_id, line_no, household_id, household_number, head_name, member_count, shares, amount)
            VALUES ({otherVillage}, {run}, 1001, {stranger}, 1, '外村人', 1, 1, 220)
            """);
        Assert.Contains($"run {run}, which is not a run of village {otherVillage}", foreign.MessageText);
    }

    [Fact]
    public async Task A_run_or_household_with_lines_cannot_be_deleted_or_re_keyed_and_a_line_never_changes_its_keys()
    {
        var run = await RunAsync();
        var household = await Silo.ScalarAsync<long>($"SELECT household_id FROM payout_lines WHERE run_id = {run} AND line_no = 1");

        await RefusedAsync($"DELETE FROM dividend_runs WHERE id = {run}");
        await RefusedAsync($"DELETE FROM households WHERE id = {household}");
        await RefusedAsync($"UPDATE households SET village_id = village_id + 1000 WHERE id = {household}");
        await RefusedAsync($"UPDATE payout_lines SET household_id = household_id + 1 WHERE run_id = {run} AND line_no = 1");

        // Other changes to a household (its head's name) are still allowed.
        Assert.Equal(1, await Silo.ScalarAsync<int>($"WITH u AS (UPDATE households SET head_name = '新户主' WHERE id = {household} RETURNING 1) SELECT count(*)::int FROM u"));
    }
}
