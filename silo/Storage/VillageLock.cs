using Npgsql;
using VillageCollective.Silo.Api;

namespace VillageCollective.Silo.Storage;

/// <summary>
/// One writer per village (design.md §2): every command that changes a village's data opens a
/// transaction and first locks that village's row, so commands on one village take turns like a
/// grain's calls, across any number of silo processes, while reads never wait.
/// </summary>
public static class VillageLock
{
    /// <summary>Opens a connection, begins a transaction and locks the village row.</summary>
    /// <exception cref="ProblemException">404 when the village does not exist.</exception>
    public static async Task<(NpgsqlConnection Connection, NpgsqlTransaction Transaction)> BeginAsync(
        NpgsqlDataSource dataSource, long villageId, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT 1 FROM villages WHERE id = $1 FOR UPDATE", connection, transaction);
            command.Parameters.Add(new() { Value = villageId });
            if (await command.ExecuteScalarAsync(cancellationToken) is null)
            {
                throw ProblemException.NotFound("villageId", "村");
            }
            return (connection, transaction);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
