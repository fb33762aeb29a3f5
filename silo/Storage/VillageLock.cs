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
            // One round trip: tell the audit triggers who acts from where, then take the village's lock.
            var (actor, address) = AuditContext.Current;
            await using var batch = new NpgsqlBatch(connection, transaction)
            {
                BatchCommands =
                {
                    new("SELECT set_config('vc.actor', $1, true), set_config('vc.address', $2, true)") { Parameters = { new() { Value = actor }, new() { Value = address } } },
                    new("SELECT 1 FROM villages WHERE id = $1 FOR UPDATE") { Parameters = { new() { Value = villageId } } },
                },
            };
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            await reader.NextResultAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
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
