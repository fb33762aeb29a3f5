using Npgsql;
using NpgsqlTypes;

namespace VillageCollective.Silo.Storage;

/// <summary>
/// A login account; the password is kept only as an ASP.NET Core Identity hash. <c>LockedUntil</c> is an instant;
/// <c>MustChangePassword</c> is set on accounts someone else created, until their owner picks a password.
/// </summary>
public sealed record Account(long Id, string Login, string DisplayName, string PasswordHash, string Role, long? VillageId,
    int FailedLogins = 0, DateTimeOffset? LockedUntil = null, bool MustChangePassword = false);

/// <summary>Login accounts. Roles: accountant (村会计), cashier (出纳), overseer (农经站).</summary>
public sealed class AccountStore(NpgsqlDataSource dataSource, TimeProvider clock)
{
    /// <summary>Failed logins in a row that lock an account.</summary>
    public const int FailuresBeforeLockout = 5;

    /// <summary>How long a locked account stays locked.</summary>
    public static readonly TimeSpan LockoutPeriod = TimeSpan.FromMinutes(15);

    public async Task<Account?> FindAsync(string login, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT id, login, display_name, password_hash, role, village_id, failed_logins, locked_until, must_change_password
            FROM accounts WHERE login = $1
            """);
        command.Parameters.Add(new() { Value = login });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }
        return new Account(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
            reader.IsDBNull(5) ? null : reader.GetInt64(5), reader.GetInt32(6),
            reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7), reader.GetBoolean(8));
    }

    /// <summary>The account's roles, each in its scope (a village, a township or a county).</summary>
    public async Task<List<Api.RoleGrant>> GrantsAsync(long accountId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT role, village_id, township_id, county_id FROM account_roles WHERE account_id = $1 ORDER BY role, village_id, township_id, county_id");
        command.Parameters.Add(new() { Value = accountId });
        var grants = new List<Api.RoleGrant>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            grants.Add(new Api.RoleGrant(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetInt64(1),
                reader.IsDBNull(2) ? null : reader.GetInt64(2), reader.IsDBNull(3) ? null : reader.GetInt64(3)));
        }
        return grants;
    }

    /// <summary>
    /// The names of the grants' scopes (villages, townships, counties), by <see cref="Api.RoleGrant.ScopeKey"/>, in one query;
    /// a scope that no longer exists is left out.
    /// </summary>
    public async Task<Dictionary<(string Kind, long Id), string>> ScopeNamesAsync(IReadOnlyList<Api.RoleGrant> grants, CancellationToken cancellationToken)
    {
        var names = new Dictionary<(string Kind, long Id), string>();
        if (grants.Count == 0) return names;
        await using var command = dataSource.CreateCommand("""
            SELECT 'village', id, name FROM villages WHERE id = ANY($1)
            UNION ALL SELECT 'township', id, name FROM townships WHERE id = ANY($2)
            UNION ALL SELECT 'county', id, name FROM counties WHERE id = ANY($3)
            """);
        foreach (var kind in new[] { "village", "township", "county" })
        {
            command.Parameters.Add(new() { Value = grants.Select(g => g.ScopeKey).Where(k => k.Kind == kind).Select(k => k.Id).ToArray() });
        }
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) names[(reader.GetString(0), reader.GetInt64(1))] = reader.GetString(2);
        return names;
    }

    /// <summary>Grants a role in a scope (inside a command's transaction); granting it twice changes nothing.</summary>
    public static async Task GrantAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string login, Api.RoleGrant grant, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO account_roles (account_id, role, village_id, township_id, county_id)
            SELECT id, $2, $3, $4, $5 FROM accounts WHERE login = $1 ON CONFLICT DO NOTHING
            """, connection, transaction);
        command.Parameters.Add(new() { Value = login });
        command.Parameters.Add(new() { Value = grant.Role });
        foreach (var id in new[] { grant.VillageId, grant.TownshipId, grant.CountyId })
        {
            command.Parameters.Add(new() { Value = (object?)id ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        }
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Counts a failed login; the <see cref="FailuresBeforeLockout"/>th in a row locks the account for <see cref="LockoutPeriod"/>.</summary>
    public async Task RecordFailureAsync(long accountId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE accounts SET
                failed_logins = CASE WHEN failed_logins + 1 >= $2 THEN 0 ELSE failed_logins + 1 END,
                locked_until = CASE WHEN failed_logins + 1 >= $2 THEN $3 ELSE locked_until END
            WHERE id = $1
            """);
        command.Parameters.Add(new() { Value = accountId });
        command.Parameters.Add(new() { Value = FailuresBeforeLockout });
        command.Parameters.Add(new() { Value = clock.GetUtcNow() + LockoutPeriod });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>A successful login clears the count of failures.</summary>
    public async Task RecordSuccessAsync(long accountId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("UPDATE accounts SET failed_logins = 0, locked_until = NULL WHERE id = $1 AND (failed_logins > 0 OR locked_until IS NOT NULL)");
        command.Parameters.Add(new() { Value = accountId });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Stores a new password hash and clears the forced change.</summary>
    public async Task ChangePasswordAsync(long accountId, string passwordHash, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE accounts SET password_hash = $2, must_change_password = false, password_changed_at = $3 WHERE id = $1");
        command.Parameters.Add(new() { Value = accountId });
        command.Parameters.Add(new() { Value = passwordHash });
        command.Parameters.Add(new() { Value = clock.GetUtcNow() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Creates the account, or replaces the hash and details of an existing one with the same login.</summary>
    public static async Task UpsertAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Account account, bool isDemo, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO accounts (login, display_name, password_hash, role, village_id, is_demo, must_change_password) VALUES ($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT (login) DO UPDATE SET display_name = excluded.display_name, password_hash = excluded.password_hash,
                role = excluded.role, village_id = excluded.village_id, is_demo = excluded.is_demo, must_change_password = excluded.must_change_password
            """, connection, transaction);
        command.Parameters.Add(new() { Value = account.Login });
        command.Parameters.Add(new() { Value = account.DisplayName });
        command.Parameters.Add(new() { Value = account.PasswordHash });
        command.Parameters.Add(new() { Value = account.Role });
        command.Parameters.Add(new() { Value = (object?)account.VillageId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        command.Parameters.Add(new() { Value = isDemo });
        command.Parameters.Add(new() { Value = account.MustChangePassword });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
