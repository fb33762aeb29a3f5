using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using VillageCollective.Silo.Demo;
using VillageCollective.Silo.Storage;

namespace VillageCollective.Bench;

/// <summary>A fresh database on the benchmark's PostgreSQL (VC_BENCH_DATABASE), migrated, with the Baiyanghe demo loaded.</summary>
public static class BenchDatabase
{
    public static async Task<(NpgsqlDataSource DataSource, long VillageId)> CreateAsync()
    {
        var (dataSource, villageId, _) = await CreateWithConnectionStringAsync();
        return (dataSource, villageId);
    }

    /// <summary>As <see cref="CreateAsync"/>, with the connection string (password included) for a silo to use.</summary>
    public static async Task<(NpgsqlDataSource DataSource, long VillageId, string ConnectionString)> CreateWithConnectionStringAsync()
    {
        var server = Environment.GetEnvironmentVariable("VC_BENCH_DATABASE")
            ?? throw new InvalidOperationException("VC_BENCH_DATABASE is not set: run scripts/bench.");
        var name = $"vc_bench_{Guid.NewGuid():N}"[..30];
        await using (var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            await create.ExecuteNonQueryAsync();
        }
        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        var dataSource = NpgsqlDataSource.Create(connectionString);
        await new MigrationRunner(dataSource, NullLogger<MigrationRunner>.Instance).ApplyAsync(CancellationToken.None);
        var villageId = await new DemoLoader(dataSource, new PasswordHasher<Account>()).LoadAsync(CancellationToken.None);
        return (dataSource, villageId, connectionString);
    }
}
