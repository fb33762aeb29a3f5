using Npgsql;
using NpgsqlTypes;

namespace VillageCollective.Silo.Storage;

/// <summary>A login account; the password is kept only as an ASP.NET Core Identity hash.</summary>
public sealed record Account(long Id, string Login, string DisplayName, string PasswordHash, string Role, long? VillageId);

/// <summary>Login accounts. Roles: accountant (村会计), cashier (出纳), overseer (农经站).</summary>
public sealed class AccountStore(NpgsqlDataSource dataSource)
{
    public async Task<Account?> FindAsync(string login, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT id, login, display_name, password_hash, role, village_id FROM accounts WHERE login = $1", connection);
        command.Parameters.Add(new() { Value = login });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }
        return new Account(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
            reader.IsDBNull(5) ? null : reader.GetInt64(5));
    }

    /// <summary>Creates the account, or replaces the hash and details of an existing one with the same login.</summary>
    public static async Task UpsertAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Account account, bool isDemo, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO accounts (login, display_name, password_hash, role, village_id, is_demo) VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (login) DO UPDATE SET display_name = excluded.display_name, password_hash = excluded.password_hash,
                role = excluded.role, village_id = excluded.village_id, is_demo = excluded.is_demo
            """, connection, transaction);
        command.Parameters.Add(new() { Value = account.Login });
        command.Parameters.Add(new() { Value = account.DisplayName });
        command.Parameters.Add(new() { Value = account.PasswordHash });
        command.Parameters.Add(new() { Value = account.Role });
        command.Parameters.Add(new() { Value = (object?)account.VillageId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        command.Parameters.Add(new() { Value = isDemo });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
