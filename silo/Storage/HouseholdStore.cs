using Npgsql;

namespace VillageCollective.Silo.Storage;

/// <summary>A member of a household as a command sees it (id, name, relation to the head).</summary>
public sealed record HouseholdMember(long Id, string Name, string Relation);

/// <summary>The current members of a household, as a split or merge sees them.</summary>
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
}
