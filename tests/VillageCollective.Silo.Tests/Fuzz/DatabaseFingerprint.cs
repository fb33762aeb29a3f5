using Npgsql;

namespace VillageCollective.Silo.Tests.Fuzz;

/// <summary>
/// What a write would change: the row count of every table and the newest audit row (every insert, update and delete
/// of the audited tables appends one, so an update that keeps the counts still moves it). Equal fingerprints before and
/// after a request mean it wrote nothing.
/// </summary>
internal sealed class DatabaseFingerprint : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly string _sql;

    private DatabaseFingerprint(NpgsqlConnection connection, string sql) => (_connection, _sql) = (connection, sql);

    public static async Task<DatabaseFingerprint> OpenAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var command = new NpgsqlCommand("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename", connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        }
        var counts = string.Join(", ", tables.Select(t => $"'{t}=' || (SELECT count(*) FROM \"{t}\")"));
        return new DatabaseFingerprint(connection, $"SELECT concat_ws(' ', 'audit=' || (SELECT coalesce(max(id), 0) FROM audit_log), {counts})");
    }

    public async Task<string> TakeAsync()
    {
        await using var command = new NpgsqlCommand(_sql, _connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
