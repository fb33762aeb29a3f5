using Npgsql;

namespace VillageCollective.Silo.Storage;

/// <summary>A share certificate (股权证书): its number in the village, the household, when issued and, when voided, when and why.</summary>
public sealed record CertificateRow(int Number, long HouseholdId, DateOnly IssuedOn, string IssuedBy, DateOnly? VoidedOn, string? VoidReason);

/// <summary>
/// Share certificates: numbered per village (1, 2, …), one valid per household. After a movement the households it
/// touched get a new number; the old certificate is voided, not deleted, so a number once printed stays traceable.
/// </summary>
public static class CertificateStore
{
    /// <summary>The reason written on a certificate voided by a movement.</summary>
    public const string VoidedByMovement = "股权变动，换发新证";

    /// <summary>
    /// Voids the valid certificate of each household and issues a new one to each that is still a member household (a
    /// household merged away keeps only its voided certificate): two statements for the command's own batch, inside its
    /// transaction under the village's lock.
    /// </summary>
    public static IEnumerable<NpgsqlBatchCommand> ReissueCommands(long villageId, long[] householdIds, DateOnly on, string actor) =>
    [
        new("UPDATE share_certificates SET voided_on = $2, void_reason = $3 WHERE household_id = ANY($1) AND voided_on IS NULL")
            { Parameters = { new() { Value = householdIds }, new() { Value = on }, new() { Value = VoidedByMovement } } },
        new(IssueSql("AND h.id = ANY($4)"))
            { Parameters = { new() { Value = villageId }, new() { Value = on }, new() { Value = actor }, new() { Value = householdIds } } },
    ];

    /// <summary>Issues a certificate to every member household without a valid one; returns how many were issued.</summary>
    public static async Task<int> IssueMissingAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long villageId, DateOnly on, string actor, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(IssueSql(""), connection, transaction);
        command.Parameters.Add(new() { Value = villageId });
        command.Parameters.Add(new() { Value = on });
        command.Parameters.Add(new() { Value = actor });
        return await command.ExecuteNonQueryAsync(ct);
    }

    // Numbers continue after the village's highest, in household-number order.
    private static string IssueSql(string filter) => $"""
        INSERT INTO share_certificates (village_id, number, household_id, issued_on, issued_by)
        SELECT $1, (SELECT COALESCE(max(number), 0) FROM share_certificates WHERE village_id = $1) + row_number() OVER (ORDER BY h.number), h.id, $2, $3
        FROM households h
        WHERE h.village_id = $1 AND h.ended_on IS NULL
          {filter}
          AND NOT EXISTS (SELECT 1 FROM share_certificates c WHERE c.household_id = h.id AND c.voided_on IS NULL)
        ORDER BY h.number
        """;

    /// <summary>All certificates of a household, newest first (the valid one, if any, has no void date).</summary>
    public static async Task<List<CertificateRow>> ListAsync(NpgsqlConnection connection, long householdId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            "SELECT number, household_id, issued_on, issued_by, voided_on, void_reason FROM share_certificates WHERE household_id = $1 ORDER BY number DESC", connection);
        command.Parameters.Add(new() { Value = householdId });
        var rows = new List<CertificateRow>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new(reader.GetInt32(0), reader.GetInt64(1), reader.GetFieldValue<DateOnly>(2), reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetFieldValue<DateOnly>(4), reader.IsDBNull(5) ? null : reader.GetString(5)));
        }
        return rows;
    }
}
