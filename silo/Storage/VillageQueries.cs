using Npgsql;
using VillageCollective.Grains.Shares;

namespace VillageCollective.Silo.Storage;

/// <summary>A village and its register totals as of a date.</summary>
public sealed record VillageOverview(long Id, string Code, string Name, string Township, string County, bool IsDemo,
    int Households, int Members, ShareCount Shares, DateOnly AsOf);

/// <summary>A member as the register shows it; the resident ID is already masked.</summary>
/// Membership since/ended (with the reason code of Art. 17/18), phone, and the payout account masked to its last 4 characters.
public sealed record MemberRow(long Id, string Name, string Sex, DateOnly BirthDate, string ResidentIdMasked, string Relation,
    DateOnly? MemberSince, string SinceReason, DateOnly? EndedOn, string? EndedReason, string Phone, string PayoutAccountMasked)
{
    /// <summary>A bank card or 一卡通 number masked for lists: its last 4 characters after asterisks; empty stays empty.</summary>
    public static string MaskAccount(string account) =>
        account.Length <= 4 ? new string('*', account.Length) : new string('*', account.Length - 4) + account[^4..];
}

/// <summary>Reads of villages and their registers. Reads take no lock and never wait for a writer.</summary>
public sealed class VillageQueries(NpgsqlDataSource dataSource)
{
    /// <summary>The village with its household, member and share totals as of <paramref name="asOf"/>; null when unknown.</summary>
    public async Task<VillageOverview?> GetOverviewAsync(long villageId, DateOnly asOf, CancellationToken cancellationToken) =>
        (await GetOverviewsAsync([villageId], asOf, cancellationToken)).SingleOrDefault();

    /// <summary>
    /// The villages <paramref name="villageIds"/> with their totals as of <paramref name="asOf"/>, in the order given (unknown ids
    /// left out), in one query: a county's list does not ask once per village.
    /// </summary>
    public async Task<List<VillageOverview>> GetOverviewsAsync(long[] villageIds, DateOnly asOf, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            SELECT v.id, v.code, v.name, v.township, v.county, v.is_demo,
                   (SELECT count(*)::int FROM households h WHERE h.village_id = v.id),
                   (SELECT count(*)::int FROM members m WHERE m.village_id = v.id AND member_on(m.birth_date, m.member_since, m.ended_on, $2)),
                   (SELECT COALESCE(sum(delta), 0) FROM share_movements s WHERE s.village_id = v.id AND s.effective_on <= $2)
            FROM villages v WHERE v.id = ANY($1) ORDER BY array_position($1, v.id)
            """, connection);
        command.Parameters.Add(new() { Value = villageIds });
        command.Parameters.Add(new() { Value = asOf });
        var overviews = new List<VillageOverview>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            overviews.Add(new VillageOverview(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.GetString(4), reader.GetBoolean(5), reader.GetInt32(6), reader.GetInt32(7), new ShareCount(reader.GetDecimal(8)), asOf));
        }
        return overviews;
    }

    /// <summary>The township and county a village belongs to (ids); null for an unknown village or one in no township.</summary>
    public async Task<(long TownshipId, long CountyId)?> PlaceAsync(long villageId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT t.id, t.county_id FROM villages v JOIN townships t ON t.id = v.township_id WHERE v.id = $1");
        command.Parameters.Add(new() { Value = villageId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetInt64(0), reader.GetInt64(1)) : null;
    }

    /// <summary>The county a township belongs to; null for an unknown township.</summary>
    public async Task<long?> CountyOfTownshipAsync(long townshipId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT county_id FROM townships WHERE id = $1");
        command.Parameters.Add(new() { Value = townshipId });
        return await command.ExecuteScalarAsync(cancellationToken) as long?;
    }

    /// <summary>The ids of the villages the grants reach (their villages, their townships' villages, their counties' villages).</summary>
    public async Task<List<long>> VillagesInScopeAsync(long[] villageIds, long[] townshipIds, long[] countyIds, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT v.id FROM villages v LEFT JOIN townships t ON t.id = v.township_id
            WHERE v.id = ANY($1) OR v.township_id = ANY($2) OR t.county_id = ANY($3) ORDER BY v.name
            """);
        command.Parameters.Add(new() { Value = villageIds });
        command.Parameters.Add(new() { Value = townshipIds });
        command.Parameters.Add(new() { Value = countyIds });
        var ids = new List<long>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) ids.Add(reader.GetInt64(0));
        return ids;
    }

    /// <summary>The village's charter (share rules and the record-date rule).</summary>
    public async Task<Grains.Register.ShareCharter> CharterAsync(long villageId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await CharterStore.ReadAsync(connection, null, villageId, cancellationToken);
    }

    /// <summary>The charter's minimum reserve and welfare fund, percent of distributable income.</summary>
    public async Task<decimal> MinimumReservePercentAsync(long villageId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT min_reserve_percent FROM villages WHERE id = $1");
        command.Parameters.Add(new() { Value = villageId });
        return await command.ExecuteScalarAsync(cancellationToken) as decimal? ?? throw Api.ProblemException.NotFound("villageId", "村");
    }

    /// <summary>The register as of a date, optionally filtered (see <see cref="RegisterReader"/>).</summary>
    public async Task<List<RegisterRow>> ListHouseholdsAsync(long villageId, DateOnly asOf, string? search, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await RegisterReader.ReadAsync(connection, null, villageId, asOf, search, cancellationToken);
    }

    /// <summary>The members of household number <paramref name="number"/>, head first; empty when there is no such household.</summary>
    public async Task<List<MemberRow>> ListMembersAsync(long villageId, int number, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            SELECT m.id, m.name, m.sex, m.birth_date, m.resident_id, m.relation,
                   m.member_since, m.since_reason, m.ended_on, m.ended_reason, m.phone, m.payout_account
            FROM members m JOIN households h ON h.id = m.household_id
            WHERE h.village_id = $1 AND h.number = $2
            ORDER BY (m.ended_on IS NULL) DESC, (m.relation = '户主') DESC, m.birth_date, m.id
            """, connection);
        command.Parameters.Add(new() { Value = villageId });
        command.Parameters.Add(new() { Value = number });
        var members = new List<MemberRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            members.Add(new MemberRow(reader.GetInt64(0), reader.GetString(1), reader.GetString(2),
                reader.GetFieldValue<DateOnly>(3), Grains.Household.ResidentId.Parse(reader.GetString(4)).Masked, reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetFieldValue<DateOnly>(6), reader.GetString(7),
                reader.IsDBNull(8) ? null : reader.GetFieldValue<DateOnly>(8), reader.IsDBNull(9) ? null : reader.GetString(9),
                reader.GetString(10), MemberRow.MaskAccount(reader.GetString(11))));
        }
        return members;
    }
}
