using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using VillageCollective.Silo.Batch;
using VillageCollective.Silo.Demo;
using VillageCollective.Silo.Storage;

namespace VillageCollective.Silo.Tests.Resilience;

/// <summary>A database of its own for a crash test: migrated, Baiyanghe loaded, and <c>generated</c> more villages cloned from it.</summary>
public static class CrashDatabase
{
    /// <summary>Creates the database on <paramref name="server"/> (default: the test cluster) and returns its connection string.</summary>
    public static async Task<string> CreateAsync(string purpose, int generated, string? server = null)
    {
        string connectionString;
        if (server is null)
        {
            connectionString = await TestDatabase.CreateAsync(purpose);
        }
        else
        {
            var name = $"vc_{purpose}";
            await using (var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ConnectionString))
            {
                await admin.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
                await create.ExecuteNonQueryAsync();
            }
            connectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        }
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await new MigrationRunner(dataSource, NullLogger<MigrationRunner>.Instance).ApplyAsync(CancellationToken.None);
        await new DemoLoader(dataSource, new PasswordHasher<Account>()).LoadAsync(CancellationToken.None);
        if (generated > 0) await new PrefectureGenerator(dataSource).GenerateAsync(generated, null, CancellationToken.None);
        return connectionString;
    }

    /// <summary>Runs every village's 2025 plan in this process (the batch's storage call, in one transaction, no silo) and returns (village, run) pairs in village order.</summary>
    public static async Task<List<(long Village, long Run)>> RunAllAsync(string connectionString)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var plans = await QueryAsync(connectionString, "SELECT village_id, max(version) FROM distribution_plans WHERE year = 2025 AND status = 'approved' GROUP BY village_id",
            r => new RunStartRequest(r.GetInt64(0), 2025, r.GetInt32(1), DividendBatch.KeyOf(2025, r.GetInt32(1))));
        var results = await new DividendRunStore(dataSource, TimeProvider.System).StartManyAsync(plans, DividendBatch.Actor, CancellationToken.None);
        Assert.All(results, r => Assert.Null(r.Refusal));
        return await QueryAsync(connectionString, "SELECT village_id, id FROM dividend_runs ORDER BY village_id", r => (r.GetInt64(0), r.GetInt64(1)));
    }

    public static async Task<List<T>> QueryAsync<T>(string connectionString, string sql, Func<NpgsqlDataReader, T> read)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync()) rows.Add(read(reader));
        return rows;
    }

    public static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Takes village <paramref name="villageId"/>'s lock (the row lock every writer of a village takes first) in a
    /// transaction of its own, held until the result is disposed: its connection (unpooled) closes and the transaction ends.
    /// </summary>
    public static async Task<NpgsqlConnection> LockVillageAsync(string connectionString, long villageId)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand("SELECT 1 FROM villages WHERE id = $1 FOR UPDATE", connection, transaction) { Parameters = { new() { Value = villageId } } };
        Assert.Equal(1, await command.ExecuteScalarAsync());
        return connection;
    }
}
