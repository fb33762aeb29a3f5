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

    /// <summary>
    /// Opens one transaction that locks several villages (a partnership's parties), in id order so that two commands over
    /// overlapping villages cannot deadlock: all of them change together or none does.
    /// </summary>
    /// <exception cref="ProblemException">404 when one of the villages does not exist.</exception>
    public static async Task<(NpgsqlConnection Connection, NpgsqlTransaction Transaction)> BeginManyAsync(
        NpgsqlDataSource dataSource, IEnumerable<long> villageIds, CancellationToken cancellationToken)
    {
        var ids = villageIds.Distinct().Order().ToArray();
        var (connection, transaction) = await AuditedTransaction.BeginAsync(dataSource, cancellationToken);
        try
        {
            // Row locks are taken as the sorted rows are read, so ORDER BY id sets the order.
            await using var command = new NpgsqlCommand("SELECT id FROM villages WHERE id = ANY($1) ORDER BY id FOR UPDATE", connection, transaction);
            command.Parameters.Add(new() { Value = ids });
            var locked = 0;
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken)) locked++;
            }
            if (locked != ids.Length)
            {
                throw ProblemException.NotFound("villageId", "村");
            }
            return (connection, transaction);
        }
        catch
        {
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
            throw;
        }
    }
}
