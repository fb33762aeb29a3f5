using Npgsql;

namespace VillageCollective.Silo.Storage;

/// <summary>A member of a household as a command sees it (id, name, relation to the head).</summary>
public sealed record HouseholdMember(long Id, string Name, string Relation);

/// <summary>The household and member writes that go with a split or merge, inside the command's transaction.</summary>
public static class HouseholdStore
{
    /// <summary>The current members of a household (membership not ended).</summary>
    public static async Task<List<HouseholdMember>> MembersAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long householdId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT id, name, relation FROM members WHERE household_id = $1 AND ended_on IS NULL ORDER BY id", connection, transaction);
        command.Parameters.Add(new() { Value = householdId });
        var members = new List<HouseholdMember>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) members.Add(new(reader.GetInt64(0), reader.GetString(1), reader.GetString(2)));
        return members;
    }

    /// <summary>Inserts a new household in the village group and at the address of <paramref name="likeHouseholdId"/>; returns its id.</summary>
    public static async Task<long> InsertLikeAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long villageId, long likeHouseholdId, int number,
        string headName, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO households (village_id, number, head_name, village_group, address)
            SELECT $1, $3, $4, village_group, address FROM households WHERE id = $2
            RETURNING id
            """, connection, transaction);
        command.Parameters.Add(new() { Value = villageId });
        command.Parameters.Add(new() { Value = likeHouseholdId });
        command.Parameters.Add(new() { Value = number });
        command.Parameters.Add(new() { Value = headName });
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Moves members to another household with their new relation to its head.</summary>
    public static async Task MoveMembersAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long toHouseholdId,
        IReadOnlyList<(long Id, string Relation)> members, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""
            UPDATE members m SET household_id = $1, relation = t.r
            FROM unnest($2::bigint[], $3::text[]) AS t(id, r) WHERE m.id = t.id
            """, connection, transaction);
        command.Parameters.Add(new() { Value = toHouseholdId });
        command.Parameters.Add(new() { Value = members.Select(m => m.Id).ToArray() });
        command.Parameters.Add(new() { Value = members.Select(m => m.Relation).ToArray() });
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Ends a household (merged or exited); its history and journal stay.</summary>
    public static async Task EndAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long householdId, DateOnly on, string reason, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("UPDATE households SET ended_on = $2, ended_reason = $3 WHERE id = $1", connection, transaction);
        command.Parameters.Add(new() { Value = householdId });
        command.Parameters.Add(new() { Value = on });
        command.Parameters.Add(new() { Value = reason });
        await command.ExecuteNonQueryAsync(ct);
    }
}
