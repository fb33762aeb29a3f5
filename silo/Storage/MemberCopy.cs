using Npgsql;
using NpgsqlTypes;
using VillageCollective.Grains.Household;

namespace VillageCollective.Silo.Storage;

/// <summary>One member to write in bulk: the household's row id, the member, phone, membership since (date and why) and the demo mark.</summary>
public sealed record MemberCopyRow(long HouseholdId, Member Member, string Phone, DateOnly? MemberSince, string SinceReason, bool IsDemo);

/// <summary>
/// Writes many members of one village in one binary COPY (design.md §4: bulk writes never go row at a time): the register
/// import and the demo load both write their members here, inside their own transaction (the caller's connection).
/// </summary>
public static class MemberCopy
{
    public static async Task WriteAsync(NpgsqlConnection connection, long villageId, IEnumerable<MemberCopyRow> members, CancellationToken cancellationToken)
    {
        await using var importer = await connection.BeginBinaryImportAsync(
            "COPY members (village_id, household_id, name, sex, birth_date, resident_id, relation, phone, member_since, since_reason, is_demo) FROM STDIN (FORMAT BINARY)",
            cancellationToken);
        foreach (var row in members)
        {
            await importer.StartRowAsync(cancellationToken);
            await importer.WriteAsync(villageId, NpgsqlDbType.Bigint, cancellationToken);
            await importer.WriteAsync(row.HouseholdId, NpgsqlDbType.Bigint, cancellationToken);
            await importer.WriteAsync(row.Member.Name, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(row.Member.Sex == Sex.Male ? "male" : "female", NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(row.Member.BirthDate, NpgsqlDbType.Date, cancellationToken);
            await importer.WriteAsync(row.Member.ResidentId.Value, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(row.Member.RelationToHead, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(row.Phone, NpgsqlDbType.Text, cancellationToken);
            if (row.MemberSince is { } since) await importer.WriteAsync(since, NpgsqlDbType.Date, cancellationToken);
            else await importer.WriteNullAsync(cancellationToken);
            await importer.WriteAsync(row.SinceReason, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(row.IsDemo, NpgsqlDbType.Boolean, cancellationToken);
        }
        await importer.CompleteAsync(cancellationToken);
    }
}
