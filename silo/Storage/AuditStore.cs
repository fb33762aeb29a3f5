using System.Text.Json.Nodes;
using Npgsql;
using NpgsqlTypes;

namespace VillageCollective.Silo.Storage;

/// <summary>An audit row: when (instant), who, from where, which table, what operation, before and after (JSON).</summary>
public sealed record AuditRow(long Id, DateTimeOffset At, string Actor, string Address, string Table, string Operation, JsonNode? Before, JsonNode? After);

/// <summary>The result of checking hash chains: how many rows were checked and the first broken one, if any.</summary>
public sealed record AuditVerification(long Checked, long? FirstBrokenId, long? FirstBrokenChain, string? Problem)
{
    public bool Intact => FirstBrokenId is null;
}

/// <summary>
/// Reads and verifies the audit trail that the database's triggers write (migration 0006). Verification recomputes
/// every row's hash from its content and the previous row's hash, per village chain, in one SQL statement.
/// </summary>
public sealed class AuditStore(NpgsqlDataSource dataSource)
{
    /// <summary>The newest <paramref name="limit"/> rows of a village's trail (of <paramref name="table"/> only, if given), newest first, before row <paramref name="beforeId"/> if given.</summary>
    public async Task<List<AuditRow>> ListAsync(long villageId, long? beforeId, int limit, string? table, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT id, at, actor, address, table_name, operation, before::text, after::text FROM audit_log
            WHERE chain = $1 AND ($2::bigint IS NULL OR id < $2) AND ($4::text IS NULL OR table_name = $4) ORDER BY id DESC LIMIT $3
            """);
        command.Parameters.Add(new() { Value = villageId });
        command.Parameters.Add(new() { Value = (object?)beforeId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        command.Parameters.Add(new() { Value = Math.Clamp(limit, 1, 500) });
        command.Parameters.Add(new() { Value = string.IsNullOrWhiteSpace(table) ? DBNull.Value : table.Trim(), NpgsqlDbType = NpgsqlDbType.Text });
        var rows = new List<AuditRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new AuditRow(reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetString(5), reader.IsDBNull(6) ? null : JsonNode.Parse(reader.GetString(6)), reader.IsDBNull(7) ? null : JsonNode.Parse(reader.GetString(7))));
        }
        return rows;
    }

    /// <summary>
    /// Verifies one village's chain (or every chain when <paramref name="villageId"/> is null) and reports the first broken
    /// row: <c>content</c> (a row edited), <c>link</c> (a row removed before it) or <c>head</c> (the chain's newest rows removed:
    /// its last row is not the head written with it, migration 0013).
    /// </summary>
    public async Task<AuditVerification> VerifyAsync(long? villageId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            WITH checked AS (
                SELECT id, chain, hash,
                       prev_hash <> coalesce(lag(hash) OVER (PARTITION BY chain ORDER BY id), 'genesis') AS link_broken,
                       hash <> audit_hash(audit_row_text(prev_hash, chain, at, actor, address, table_name, operation, before, after)) AS content_changed
                FROM audit_log WHERE $1::bigint IS NULL OR chain = $1),
            -- A chain whose last row is not its head lost its newest rows (or its head was edited).
            heads AS (
                SELECT h.last_id AS id, h.chain FROM audit_heads h
                LEFT JOIN LATERAL (SELECT max(id) AS id, count(*) AS n FROM checked c WHERE c.chain = h.chain) last ON true
                WHERE ($1::bigint IS NULL OR h.chain = $1)
                  AND (last.id IS DISTINCT FROM h.last_id OR last.n <> h.rows
                       OR (SELECT hash FROM checked c WHERE c.id = last.id) IS DISTINCT FROM h.last_hash)),
            broken AS (
                SELECT id, chain, CASE WHEN content_changed THEN 'content' ELSE 'link' END AS problem FROM checked WHERE link_broken OR content_changed
                UNION ALL
                SELECT id, chain, 'head' FROM heads)
            SELECT (SELECT count(*) FROM checked), b.id, b.chain, b.problem
            FROM (SELECT 1) one
            LEFT JOIN LATERAL (SELECT * FROM broken ORDER BY id LIMIT 1) b ON true
            """);
        command.Parameters.Add(new() { Value = (object?)villageId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new AuditVerification(reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetInt64(2),
            reader.IsDBNull(3) ? null : reader.GetString(3));
    }
}
