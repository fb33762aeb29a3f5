using Npgsql;

namespace VillageCollective.Silo.Tests;

/// <summary>
/// The real PostgreSQL the tests run against: <c>VC_TEST_DATABASE</c> (an Npgsql connection string
/// without a database; scripts/test sets it to its throw-away cluster), or a local default. A missing
/// server fails the tests; it never skips them. Each fixture gets a fresh database of its own.
/// </summary>
public static class TestDatabase
{
    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable("VC_TEST_DATABASE") ?? "Host=127.0.0.1;Port=5432;Username=postgres";

    /// <summary>Creates an empty database with a unique name and returns its connection string.</summary>
    public static async Task<string> CreateAsync(string purpose)
    {
        var name = $"vc_{purpose}_{Guid.NewGuid():N}"[..40];
        var server = new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = "postgres", Pooling = false };
        await using (var connection = new NpgsqlConnection(server.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>
    /// Empties every table, so a new one is never left out, but the record of applied migrations, the silos' shared cookie
    /// and CSRF keys and Orleans' own tables (a running silo holds them; they are not test data).
    /// </summary>
    public static async Task EmptyTablesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            DO $$
            BEGIN
                EXECUTE (SELECT 'TRUNCATE ' || string_agg(format('%I', tablename), ', ') || ' RESTART IDENTITY CASCADE'
                         FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('schema_migrations', 'data_protection_keys')
                                              AND tablename NOT LIKE 'orleans%');
            END $$
            """, connection);
        await command.ExecuteNonQueryAsync();
    }
}
