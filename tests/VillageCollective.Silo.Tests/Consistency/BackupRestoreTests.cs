using Npgsql;
using VillageCollective.Silo.Storage;

namespace VillageCollective.Silo.Tests.Consistency;

/// <summary>
/// A backup and restore round trip (issue 9): pg_dump of a village in the middle of its dividend meeting, pg_restore
/// into a new database, then every table compared row by row and the consistency check run on the copy.
/// scripts/backup and scripts/restore make the same calls.
/// </summary>
[Collection(SiloCollection.Name)]
public sealed class BackupRestoreTests(SiloFixture silo) : ResetTest<SiloFixture>(silo)
{
    [Fact]
    public async Task A_restored_backup_holds_every_row_and_passes_the_consistency_check()
    {
        await ConsistencyTests.BusyVillageAsync(Silo, Village);
        var dump = Path.Combine(Path.GetTempPath(), $"vc-backup-{Guid.NewGuid():N}.dump");
        try
        {
            await PostgresTools.RunAsync("pg_dump", Silo.ConnectionString, "--format=custom", $"--file={dump}");
            var restored = await TestDatabase.CreateAsync("restored");
            await PostgresTools.RunAsync("pg_restore", restored, "--exit-on-error", "--no-owner", dump);

            var tables = await TablesAsync(Silo.ConnectionString);
            Assert.Contains("payout_events", tables);
            Assert.Equal(tables, await TablesAsync(restored));
            // The running silo writes its heartbeat into the membership table every few seconds, during and after the dump.
            foreach (var table in tables.Where(t => t is not ("orleans_membership" or "orleans_membership_version")))
            {
                Assert.True(await FingerprintAsync(Silo.ConnectionString, table) == await FingerprintAsync(restored, table), $"table {table} differs after the restore");
            }

            await using var dataSource = NpgsqlDataSource.Create(restored);
            var report = await new ConsistencyStore(dataSource, new AuditStore(dataSource), TimeProvider.System).CheckAsync(null, CancellationToken.None);
            Assert.True(report.Consistent, string.Join("\n", report.Differences));
            Assert.Equal(294, report.PayoutLines);
            Assert.Equal(await Silo.ScalarAsync<long>("SELECT count(*) FROM audit_log"), report.AuditRows);
        }
        finally
        {
            File.Delete(dump);
        }
    }

    private static async Task<List<string>> TablesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename", connection);
        var tables = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        return tables;
    }

    // Every row's text, in a fixed order, hashed: equal fingerprints mean equal tables.
    private static async Task<string> FingerprintAsync(string connectionString, string table)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM \"{table}\" t", connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
