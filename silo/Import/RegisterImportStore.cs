using Npgsql;
using NpgsqlTypes;
using VillageCollective.Grains.Household;
using VillageCollective.Grains.Register;
using VillageCollective.Silo.Storage;

namespace VillageCollective.Silo.Import;

/// <summary>What an import wrote: households, members, shares, and the movement numbers of its allocations.</summary>
public sealed record ImportSummary(int Households, int Members, decimal Shares, long FirstMovementNo, long LastMovementNo);

/// <summary>
/// Imports a register file in one transaction under the village lock: checks it against the charter and the register
/// (<see cref="RegisterImportParser"/>), then writes households (one statement), members and their allocation
/// movements (COPY). Any error writes nothing.
/// </summary>
public static class RegisterImportStore
{
    /// <summary>
    /// Imports the rows (row 0 the header); returns the summary, or the errors and nothing written. The allocations are dated
    /// <c>effectiveOn</c> (折股量化, usually the reform date) with <c>reason</c> (e.g. 导入股权台账 naming the file).
    /// </summary>
    public static async Task<(ImportSummary? Summary, List<ImportError> Errors)> ImportAsync(NpgsqlDataSource db, long villageId, IReadOnlyList<string[]> rows,
        DateOnly effectiveOn, string reason, string actor, CancellationToken ct)
    {
        var (connection, transaction) = await VillageLock.BeginAsync(db, villageId, ct);
        await using (connection)
        await using (transaction)
        {
            var charter = await CharterStore.ReadAsync(connection, transaction, villageId, ct);
            var numbers = await ReadSetAsync<int>(connection, transaction, "SELECT number FROM households WHERE village_id = $1", villageId, ct);
            var residentIds = await ReadSetAsync<string>(connection, transaction, "SELECT resident_id FROM members WHERE village_id = $1", villageId, ct);
            var (households, errors) = RegisterImportParser.Parse(rows, charter, numbers, residentIds);
            if (errors.Count > 0) return (null, errors);

            var ids = await InsertHouseholdsAsync(connection, transaction, villageId, households, ct);
            await MemberCopy.WriteAsync(connection, villageId, households.SelectMany(h => h.Members.Select(m =>
                new MemberCopyRow(ids[h.Number], m.Member, m.Phone, effectiveOn, "导入股权台账", IsDemo: false))), ct);
            await using var next = new NpgsqlCommand("SELECT COALESCE(max(movement_no), 0) FROM share_movements WHERE village_id = $1", connection, transaction);
            next.Parameters.Add(new() { Value = villageId });
            var first = (long)(await next.ExecuteScalarAsync(ct))! + 1;
            var last = await CopyAllocationsAsync(connection, villageId, households, ids, first, effectiveOn, reason, actor, ct);
            await transaction.CommitAsync(ct);
            return (new ImportSummary(households.Count, households.Sum(h => h.Members.Count), households.Sum(h => h.Holdings.Values.Sum()), first, last), []);
        }
    }

    private static async Task<HashSet<T>> ReadSetAsync<T>(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, long villageId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.Add(new() { Value = villageId });
        var set = new HashSet<T>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) set.Add(reader.GetFieldValue<T>(0));
        return set;
    }

    private static async Task<Dictionary<int, long>> InsertHouseholdsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long villageId,
        List<ImportedHousehold> households, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO households (village_id, number, head_name, village_group, address)
            SELECT $1, n, h, g, a FROM unnest($2::int[], $3::text[], $4::text[], $5::text[]) AS t(n, h, g, a)
            RETURNING number, id
            """, connection, transaction);
        command.Parameters.Add(new() { Value = villageId });
        command.Parameters.Add(new() { Value = households.Select(h => h.Number).ToArray() });
        command.Parameters.Add(new() { Value = households.Select(h => h.HeadName).ToArray() });
        command.Parameters.Add(new() { Value = households.Select(h => h.VillageGroup).ToArray() });
        command.Parameters.Add(new() { Value = households.Select(h => h.Address).ToArray() });
        var ids = new Dictionary<int, long>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) ids[reader.GetInt32(0)] = reader.GetInt64(1);
        return ids;
    }

    // One allocation movement per household with a leg per class; returns the last movement number used.
    private static async Task<long> CopyAllocationsAsync(NpgsqlConnection connection, long villageId, List<ImportedHousehold> households, Dictionary<int, long> ids,
        long firstNo, DateOnly effectiveOn, string reason, string actor, CancellationToken ct)
    {
        var no = firstNo - 1;
        await using var importer = await connection.BeginBinaryImportAsync(
            "COPY share_movements (village_id, movement_no, household_id, share_class, delta, effective_on, kind, reason, entered_by) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var household in households.Where(h => h.Holdings.Count > 0))
        {
            no++;
            foreach (var (shareClass, shares) in household.Holdings.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                await importer.StartRowAsync(ct);
                await importer.WriteAsync(villageId, NpgsqlDbType.Bigint, ct);
                await importer.WriteAsync(no, NpgsqlDbType.Bigint, ct);
                await importer.WriteAsync(ids[household.Number], NpgsqlDbType.Bigint, ct);
                await importer.WriteAsync(shareClass, NpgsqlDbType.Text, ct);
                await importer.WriteAsync(shares, NpgsqlDbType.Numeric, ct);
                await importer.WriteAsync(effectiveOn, NpgsqlDbType.Date, ct);
                await importer.WriteAsync(MovementKinds.Code(MovementKind.Allocation), NpgsqlDbType.Text, ct);
                await importer.WriteAsync(reason, NpgsqlDbType.Text, ct);
                await importer.WriteAsync(actor, NpgsqlDbType.Text, ct);
            }
        }
        await importer.CompleteAsync(ct);
        return no;
    }
}
