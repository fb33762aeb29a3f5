using Npgsql;
using VillageCollective.Grains.DividendDay;

namespace VillageCollective.Silo.Storage.DividendDay;

/// <summary>One entry of the meeting's journal.</summary>
public sealed record MeetingEventRow(string Kind, string Actor, string Reason, DateTimeOffset At);

/// <summary>The meeting of a run: status, date and journal.</summary>
public sealed record MeetingRow(long RunId, MeetingStatus Status, DateOnly MeetingDate, int Closings, IReadOnlyList<MeetingEventRow> Events);

/// <summary>
/// Reads the dividend meeting (分红大会) of a run: status, date and journal. The meeting is opened, closed and reopened by
/// the meeting grain (<see cref="IDividendMeetingGrain"/>, through <see cref="MeetingStorage"/>).
/// </summary>
public sealed class MeetingStore(NpgsqlDataSource dataSource)
{
    /// <summary>The meeting of a run with its journal, or <see langword="null"/> when the run has no meeting yet.</summary>
    public async Task<MeetingRow?> GetAsync(long villageId, long runId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        MeetingRow? meeting;
        await using (var command = Sql.Command(connection, null,
            "SELECT status, meeting_date, closings FROM dividend_meetings WHERE village_id = $1 AND run_id = $2", villageId, runId))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken)) return null;
            meeting = new MeetingRow(runId, ParseStatus(reader.GetString(0)), reader.GetFieldValue<DateOnly>(1), reader.GetInt32(2), []);
        }
        var events = new List<MeetingEventRow>();
        await using (var command = Sql.Command(connection, null, "SELECT kind, actor, reason, at FROM meeting_events WHERE run_id = $1 ORDER BY id", runId))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                events.Add(new MeetingEventRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3)));
            }
        }
        return meeting with { Events = events };
    }

    internal static MeetingStatus ParseStatus(string code) => code == "open" ? MeetingStatus.Open : MeetingStatus.Closed;
}
