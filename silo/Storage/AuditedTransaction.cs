using Npgsql;

namespace VillageCollective.Silo.Storage;

/// <summary>
/// A transaction for a command that belongs to no one village (accounts, townships), with the audit triggers told who
/// acts and from where (<see cref="AuditContext"/>). Village commands use <see cref="VillageLock"/>, which does the same
/// and also takes the village's lock.
/// </summary>
public static class AuditedTransaction
{
    public static async Task<(NpgsqlConnection Connection, NpgsqlTransaction Transaction)> BeginAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var (actor, address) = AuditContext.Current;
            await using var command = new NpgsqlCommand("SELECT set_config('vc.actor', $1, true), set_config('vc.address', $2, true)", connection, transaction);
            command.Parameters.Add(new() { Value = actor });
            command.Parameters.Add(new() { Value = address });
            await command.ExecuteNonQueryAsync(cancellationToken);
            return (connection, transaction);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
