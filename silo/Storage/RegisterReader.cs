using Npgsql;
using VillageCollective.Grains.Shares;

namespace VillageCollective.Silo.Storage;

/// <summary>One household of the register as of a date: its holding is the sum of its share movements up to that date.</summary>
public sealed record RegisterRow(long HouseholdId, int Number, string HeadName, int MemberCount, ShareCount Shares);

/// <summary>
/// Reads the share register as of a date by replaying the append-only movement journal
/// (<c>share_movements</c>). The dividend run (one village or a batch of many) and the register pages all read it here,
/// so they can never disagree about who held what on the record date.
/// </summary>
public static class RegisterReader
{
    // Members and movements are read index-only in (village, household) order and merged with the households
    // (migration 0014): a batch's 50 villages in about 30 ms instead of 150. A search is a plain substring (strpos: % and _
    // are letters, not wildcards); its members subquery names the villages, so a generic plan's hashed form reads only their
    // members (forced generic plan on 1,001 villages: 4 ms, not 232 ms over all 1,018,017 members).
    private const string Sql = """
        WITH wanted AS (SELECT * FROM unnest($1::bigint[], $2::date[]) AS w(village_id, as_of))
        SELECT h.village_id, h.id, h.number, h.head_name, COALESCE(m.members, 0)::int AS member_count, COALESCE(s.shares, 0) AS shares
        FROM households h
        LEFT JOIN (SELECT m.village_id, m.household_id, count(*) AS members
                   FROM members m JOIN wanted w ON w.village_id = m.village_id
                   WHERE m.village_id = ANY($1) AND member_on(m.birth_date, m.member_since, m.ended_on, w.as_of)
                   GROUP BY m.village_id, m.household_id) m ON m.village_id = h.village_id AND m.household_id = h.id
        LEFT JOIN (SELECT s.village_id, s.household_id, sum(s.delta) AS shares
                   FROM share_movements s JOIN wanted w ON w.village_id = s.village_id
                   WHERE s.village_id = ANY($1) AND s.effective_on <= w.as_of
                   GROUP BY s.village_id, s.household_id) s ON s.village_id = h.village_id AND s.household_id = h.id
        WHERE h.village_id = ANY($1)
          AND ($3::text IS NULL
               OR h.number::text = $3
               OR strpos(lower(h.head_name), lower($3)) > 0
               OR EXISTS (SELECT 1 FROM members x WHERE x.village_id = ANY($1) AND x.household_id = h.id AND strpos(lower(x.name), lower($3)) > 0))
        ORDER BY h.village_id, h.number
        """;

    /// <summary>
    /// The register of <paramref name="villageId"/> as of <paramref name="asOf"/> (a date, China time), in
    /// household-number order; <paramref name="search"/> keeps households whose number equals it or whose
    /// head's or a member's name contains it.
    /// </summary>
    public static async Task<List<RegisterRow>> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction,
        long villageId, DateOnly asOf, string? search, CancellationToken cancellationToken) =>
        (await ReadManyAsync(connection, transaction, [(villageId, asOf)], search, cancellationToken))[villageId];

    /// <summary>
    /// The registers of several villages in one query, each as of its own date (a dividend batch: each village's record
    /// date), keyed by village id, each in household-number order; a village without households has an empty list.
    /// </summary>
    public static async Task<Dictionary<long, List<RegisterRow>>> ReadManyAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction,
        IReadOnlyCollection<(long VillageId, DateOnly AsOf)> villages, string? search, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(Sql, connection, transaction);
        command.Parameters.Add(new() { Value = villages.Select(v => v.VillageId).ToArray() });
        command.Parameters.Add(new() { Value = villages.Select(v => v.AsOf).ToArray() });
        command.Parameters.Add(new() { Value = string.IsNullOrWhiteSpace(search) ? DBNull.Value : search.Trim(), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        var registers = villages.ToDictionary(v => v.VillageId, _ => new List<RegisterRow>());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            registers[reader.GetInt64(0)].Add(new RegisterRow(reader.GetInt64(1), reader.GetInt32(2), reader.GetString(3), reader.GetInt32(4),
                new ShareCount(reader.GetDecimal(5))));
        }
        return registers;
    }
}

/// <summary>A household's holdings per share class as of a date, with its particulars and current members, for exports.</summary>
public sealed record RegisterExportRow(long HouseholdId, int Number, string HeadName, string VillageGroup, string Address,
    IReadOnlyList<(string ClassCode, decimal Shares)> Holdings);

/// <summary>The register per share class, replayed from the same journal as <see cref="RegisterReader"/>.</summary>
public static class RegisterByClassReader
{
    /// <summary>Every household of the village that is not ended on <paramref name="asOf"/>, in number order, with its non-zero holdings per class as of that date.</summary>
    public static async Task<List<RegisterExportRow>> ReadAsync(NpgsqlConnection connection, long villageId, DateOnly asOf, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT h.id, h.number, h.head_name, h.village_group, h.address, s.share_class, s.shares
            FROM households h
            LEFT JOIN (SELECT household_id, share_class, sum(delta) AS shares FROM share_movements
                       WHERE village_id = $1 AND effective_on <= $2 GROUP BY household_id, share_class HAVING sum(delta) <> 0) s
                   ON s.household_id = h.id
            WHERE h.village_id = $1 AND (h.ended_on IS NULL OR h.ended_on > $2)
            ORDER BY h.number, s.share_class
            """, connection);
        command.Parameters.Add(new() { Value = villageId });
        command.Parameters.Add(new() { Value = asOf });
        var rows = new List<RegisterExportRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetInt64(0);
            if (rows.Count == 0 || rows[^1].HouseholdId != id)
            {
                rows.Add(new(id, reader.GetInt32(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), new List<(string, decimal)>()));
            }
            if (!reader.IsDBNull(5))
            {
                ((List<(string, decimal)>)rows[^1].Holdings).Add((reader.GetString(5), reader.GetDecimal(6) / 1.0000000000000000000000000000m));
            }
        }
        return rows;
    }
}
