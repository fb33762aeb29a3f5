using Npgsql;
using VillageCollective.Grains.Register;

namespace VillageCollective.Silo.Storage;

/// <summary>Reads and saves a village's charter share rules (<c>village_charters</c>, <c>share_classes</c>).</summary>
public static class CharterStore
{
    /// <summary>The stored names of <see cref="RecordDateRule"/>.</summary>
    public static string Code(RecordDateRule rule) => rule switch
    {
        RecordDateRule.DayBeforeMeeting => "dayBeforeMeeting",
        RecordDateRule.YearEnd => "yearEnd",
        _ => "setInPlan",
    };

    /// <summary>The rule with a stored name; null for an unknown one.</summary>
    public static RecordDateRule? ParseRule(string? code) => code switch
    {
        "setInPlan" => RecordDateRule.SetInPlan,
        "dayBeforeMeeting" => RecordDateRule.DayBeforeMeeting,
        "yearEnd" => RecordDateRule.YearEnd,
        _ => null,
    };

    /// <summary>The village's charter; a village without one gets the default (one class 基本股, static, 0.0001, set in plan, no cancellation).</summary>
    public static async Task<ShareCharter> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, long villageId, CancellationToken cancellationToken)
    {
        var classes = new List<ShareClass>();
        await using (var command = new NpgsqlCommand("SELECT code, name FROM share_classes WHERE village_id = $1 ORDER BY position, code", connection, transaction))
        {
            command.Parameters.Add(new() { Value = villageId });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) classes.Add(new ShareClass(reader.GetString(0), reader.GetString(1)));
        }
        await using (var command = new NpgsqlCommand(
            "SELECT management, share_precision, record_date_rule, cancellation_on_exit FROM village_charters WHERE village_id = $1", connection, transaction))
        {
            command.Parameters.Add(new() { Value = villageId });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                return new ShareCharter(classes.Count > 0 ? classes : [new("basic", "基本股")],
                    reader.GetString(0) == "dynamic" ? ShareManagement.Dynamic : ShareManagement.Static,
                    reader.GetDecimal(1), ParseRule(reader.GetString(2)) ?? RecordDateRule.SetInPlan, reader.GetBoolean(3));
            }
        }
        return new ShareCharter(classes.Count > 0 ? classes : [new("basic", "基本股")], ShareManagement.Static, 0.0001m, RecordDateRule.SetInPlan, false);
    }

    /// <summary>Replaces the village's charter rules and classes, inside the caller's transaction under the village lock.</summary>
    public static async Task SaveAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long villageId, ShareCharter charter, string actor,
        CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new("""
                    INSERT INTO village_charters (village_id, management, share_precision, record_date_rule, cancellation_on_exit, updated_by, updated_at)
                    VALUES ($1, $2, $3, $4, $5, $6, now())
                    ON CONFLICT (village_id) DO UPDATE SET management = $2, share_precision = $3, record_date_rule = $4,
                        cancellation_on_exit = $5, updated_by = $6, updated_at = now()
                    """)
                {
                    Parameters =
                    {
                        new() { Value = villageId }, new() { Value = charter.Management == ShareManagement.Dynamic ? "dynamic" : "static" },
                        new() { Value = charter.Precision }, new() { Value = Code(charter.RecordDateRule) },
                        new() { Value = charter.CancellationOnExit }, new() { Value = actor },
                    },
                },
                new("DELETE FROM share_classes WHERE village_id = $1") { Parameters = { new() { Value = villageId } } },
                new("INSERT INTO share_classes (village_id, code, name, position) SELECT $1, c, n, p FROM unnest($2::text[], $3::text[], $4::int[]) AS t(c, n, p)")
                {
                    Parameters =
                    {
                        new() { Value = villageId }, new() { Value = charter.Classes.Select(c => c.Code).ToArray() },
                        new() { Value = charter.Classes.Select(c => c.Name).ToArray() }, new() { Value = Enumerable.Range(1, charter.Classes.Count).ToArray() },
                    },
                },
            },
        };
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }
}
