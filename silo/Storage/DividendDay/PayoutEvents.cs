using Npgsql;
using VillageCollective.Grains.DividendDay;
using VillageCollective.Grains.Household;

namespace VillageCollective.Silo.Storage.DividendDay;

/// <summary>
/// Reads the payout lines' journals (the events of marks and undos). The marks themselves are written by the meeting
/// grain (<see cref="IDividendMeetingGrain"/>, through <see cref="MeetingStorage"/>).
/// </summary>
public sealed class PayoutEvents(NpgsqlDataSource dataSource)
{
    /// <summary>The columns <see cref="ReadEvent"/> reads, in its order.</summary>
    internal const string EventColumns = """
        id, line_no, kind, status, recipient_name, relation, recipient_id, batch_reference, reason, reverses, cashier, table_no, at
        """;

    /// <summary>A line's events, oldest first.</summary>
    public async Task<List<PayoutLineEvent>> HistoryAsync(long villageId, long runId, int lineNo, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Sql.Command(connection, null,
            $"SELECT {EventColumns} FROM payout_events WHERE village_id = $1 AND run_id = $2 AND line_no = $3 ORDER BY id", villageId, runId, lineNo);
        var events = new List<PayoutLineEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) events.Add(ReadEvent(reader, 0));
        return events;
    }

    /// <summary>Reads the <see cref="EventColumns"/> from column <paramref name="at"/> on; the resident ID comes back masked.</summary>
    internal static PayoutLineEvent ReadEvent(NpgsqlDataReader reader, int at)
    {
        string? Text(int i) => reader.IsDBNull(at + i) ? null : reader.GetString(at + i);
        var id = Text(6);
        return new PayoutLineEvent(reader.GetInt64(at), reader.GetInt32(at + 1), reader.GetString(at + 2), reader.GetString(at + 3), Text(4), Text(5),
            id is null ? null : ResidentId.Parse(id).Masked, Text(7), Text(8), reader.IsDBNull(at + 9) ? null : reader.GetInt64(at + 9),
            reader.GetString(at + 10), reader.GetInt32(at + 11), reader.GetFieldValue<DateTimeOffset>(at + 12));
    }
}
