using Npgsql;
using VillageCollective.Silo.Api;

namespace VillageCollective.Silo.Storage;

/// <summary>A township of a county with its villages (ids and names).</summary>
public sealed record TownshipRow(long Id, string Name, IReadOnlyList<(long Id, string Name)> Villages);

/// <summary>An account seen by its county's administrator: login, name, main role, whether it must still change its password, its grants.</summary>
public sealed record CountyAccountRow(long Id, string Login, string DisplayName, string Role, bool MustChangePassword, IReadOnlyList<RoleGrant> Grants);

/// <summary>
/// What a county administrator manages: the county's townships and the accounts that work in it. A new account must
/// change its password at first login; every grant must lie inside the county.
/// </summary>
public sealed class CountyStore(NpgsqlDataSource dataSource)
{
    public async Task<List<TownshipRow>> TownshipsAsync(long countyId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT t.id, t.name, coalesce(array_agg(v.id ORDER BY v.name) FILTER (WHERE v.id IS NOT NULL), '{}'),
                   coalesce(array_agg(v.name ORDER BY v.name) FILTER (WHERE v.id IS NOT NULL), '{}')
            FROM townships t LEFT JOIN villages v ON v.township_id = t.id WHERE t.county_id = $1 GROUP BY t.id, t.name ORDER BY t.name
            """);
        command.Parameters.Add(new() { Value = countyId });
        var rows = new List<TownshipRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var ids = reader.GetFieldValue<long[]>(2);
            var names = reader.GetFieldValue<string[]>(3);
            rows.Add(new TownshipRow(reader.GetInt64(0), reader.GetString(1), ids.Zip(names).ToList()));
        }
        return rows;
    }

    /// <summary>Adds a township to the county; returns its id.</summary>
    /// <exception cref="ProblemException">409 <c>township.exists</c> when the county has one of that name.</exception>
    public async Task<long> AddTownshipAsync(long countyId, string name, CancellationToken cancellationToken)
    {
        var (connection, transaction) = await AuditedTransaction.BeginAsync(dataSource, cancellationToken);
        await using (connection)
        await using (transaction)
        {
            await using var command = new NpgsqlCommand("INSERT INTO townships (county_id, name) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING id", connection, transaction);
            command.Parameters.Add(new() { Value = countyId });
            command.Parameters.Add(new() { Value = name });
            var id = await command.ExecuteScalarAsync(cancellationToken) as long?
                ?? throw new ProblemException(StatusCodes.Status409Conflict, "township.exists", "name", $"本县已有“{name}” (the county has a township of that name)");
            await transaction.CommitAsync(cancellationToken);
            return id;
        }
    }

    /// <summary>The accounts holding any grant inside the county.</summary>
    public async Task<List<CountyAccountRow>> AccountsAsync(long countyId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT a.id, a.login, a.display_name, a.role, a.must_change_password, r.role, r.village_id, r.township_id, r.county_id
            FROM accounts a JOIN account_roles r ON r.account_id = a.id
            LEFT JOIN villages v ON v.id = r.village_id
            LEFT JOIN townships t ON t.id = coalesce(r.township_id, v.township_id)
            WHERE coalesce(r.county_id, t.county_id) = $1
            ORDER BY a.login
            """);
        command.Parameters.Add(new() { Value = countyId });
        var accounts = new Dictionary<long, CountyAccountRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetInt64(0);
            var grant = new RoleGrant(reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetInt64(6), reader.IsDBNull(7) ? null : reader.GetInt64(7),
                reader.IsDBNull(8) ? null : reader.GetInt64(8));
            accounts[id] = accounts.TryGetValue(id, out var row)
                ? row with { Grants = [.. row.Grants, grant] }
                : new CountyAccountRow(id, reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetBoolean(4), [grant]);
        }
        return [.. accounts.Values];
    }

    /// <summary>
    /// Creates an account that must change its password at first login, with its grants, all inside the county.
    /// </summary>
    /// <exception cref="ProblemException">409 <c>account.exists</c>; 422 <c>grant.outsideCounty</c> naming the grant.</exception>
    public async Task<long> CreateAccountAsync(long countyId, Account account, IReadOnlyList<RoleGrant> grants, CancellationToken cancellationToken)
    {
        var (connection, transaction) = await AuditedTransaction.BeginAsync(dataSource, cancellationToken);
        await using (connection)
        await using (transaction)
        {
            for (var i = 0; i < grants.Count; i++)
            {
                await EnsureInCountyAsync(connection, transaction, countyId, grants[i], i, cancellationToken);
            }
            await using (var exists = new NpgsqlCommand("SELECT 1 FROM accounts WHERE login = $1", connection, transaction))
            {
                exists.Parameters.Add(new() { Value = account.Login });
                if (await exists.ExecuteScalarAsync(cancellationToken) is not null)
                {
                    throw new ProblemException(StatusCodes.Status409Conflict, "account.exists", "login", $"用户名“{account.Login}”已被使用 (that login is taken)");
                }
            }
            await AccountStore.UpsertAsync(connection, transaction, account with { MustChangePassword = true }, isDemo: false, cancellationToken);
            foreach (var grant in grants)
            {
                await AccountStore.GrantAsync(connection, transaction, account.Login, grant, cancellationToken);
            }
            await using var id = new NpgsqlCommand("SELECT id FROM accounts WHERE login = $1", connection, transaction);
            id.Parameters.Add(new() { Value = account.Login });
            var accountId = (long)(await id.ExecuteScalarAsync(cancellationToken))!;
            await transaction.CommitAsync(cancellationToken);
            return accountId;
        }
    }

    private static async Task EnsureInCountyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long countyId, RoleGrant grant, int index,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT CASE WHEN $2::bigint IS NOT NULL THEN (SELECT t.county_id FROM villages v JOIN townships t ON t.id = v.township_id WHERE v.id = $2)
                        WHEN $3::bigint IS NOT NULL THEN (SELECT county_id FROM townships WHERE id = $3)
                        ELSE $4::bigint END = $1
            """, connection, transaction);
        command.Parameters.Add(new() { Value = countyId });
        foreach (var id in new[] { grant.VillageId, grant.TownshipId, grant.CountyId })
        {
            command.Parameters.Add(new() { Value = (object?)id ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint });
        }
        if (await command.ExecuteScalarAsync(cancellationToken) is not true)
        {
            throw new ProblemException(StatusCodes.Status422UnprocessableEntity, "grant.outsideCounty", $"grants[{index}]",
                "授权范围不在本县内 (the grant's village, township or county is not in this county)");
        }
    }
}
