using Npgsql;
using VillageCollective.Grains.Register;

namespace VillageCollective.Silo.Storage;

/// <summary>One leg of a household's statement, with the household's running balance of that class after it.</summary>
public sealed record StatementLine(long MovementNo, string Kind, string KindLabel, DateOnly EffectiveOn, string ShareClass, string ShareClassName,
    decimal Delta, decimal Balance, string Reason, string DocumentRef, string EnteredBy, DateTimeOffset EnteredAt, long? Reverses, string Counterparts);

/// <summary>A household's holding of one class as of a date.</summary>
public sealed record ClassHolding(string Code, string Name, decimal Shares);

/// <summary>A household's particulars beyond the register line.</summary>
public sealed record HouseholdParticulars(long Id, int Number, string HeadName, string VillageGroup, string Address, DateOnly? EndedOn, string? EndedReason);

/// <summary>Reads of the share register beyond the list: a household's statement, holdings by class, particulars, certificates.</summary>
public sealed class RegisterQueries(NpgsqlDataSource dataSource)
{
    /// <summary>The household's particulars by number; null when there is none.</summary>
    public async Task<HouseholdParticulars?> HouseholdAsync(long villageId, int number, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT id, number, head_name, village_group, address, ended_on, ended_reason FROM households WHERE village_id = $1 AND number = $2");
        command.Parameters.Add(new() { Value = villageId });
        command.Parameters.Add(new() { Value = number });
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        return new(reader.GetInt64(0), reader.GetInt32(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
            reader.IsDBNull(5) ? null : reader.GetFieldValue<DateOnly>(5), reader.IsDBNull(6) ? null : reader.GetString(6));
    }

    /// <summary>The household's holdings per class of the charter as of a date (classes it never held left out).</summary>
    public async Task<List<ClassHolding>> HoldingsAsync(long villageId, long householdId, DateOnly asOf, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT s.share_class, COALESCE(c.name, s.share_class), sum(s.delta)
            FROM share_movements s LEFT JOIN share_classes c ON c.village_id = s.village_id AND c.code = s.share_class
            WHERE s.village_id = $1 AND s.household_id = $2 AND s.effective_on <= $3
            GROUP BY s.share_class, c.name, c.position ORDER BY c.position NULLS LAST, s.share_class
            """);
        command.Parameters.Add(new() { Value = villageId });
        command.Parameters.Add(new() { Value = householdId });
        command.Parameters.Add(new() { Value = asOf });
        var holdings = new List<ClassHolding>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) holdings.Add(new(reader.GetString(0), reader.GetString(1), reader.GetDecimal(2) / 1.0000000000000000000000000000m));
        return holdings;
    }

    /// <summary>Every leg touching household <paramref name="number"/>, oldest first (by date, then movement number); null when there is no such household.</summary>
    public async Task<List<StatementLine>?> StatementAsync(long villageId, int number, CancellationToken ct)
    {
        if (await HouseholdAsync(villageId, number, ct) is not { } household) return null;
        await using var command = dataSource.CreateCommand("""
            SELECT s.movement_no, s.kind, s.effective_on, s.share_class, COALESCE(c.name, s.share_class), s.delta, s.reason, s.document_ref,
                   s.entered_by, s.entered_at, s.reverses_no,
                   COALESCE((SELECT string_agg(DISTINCT h.number::text, ',') FROM share_movements o JOIN households h ON h.id = o.household_id
                             WHERE o.village_id = s.village_id AND o.movement_no = s.movement_no AND o.household_id <> s.household_id), '')
            FROM share_movements s LEFT JOIN share_classes c ON c.village_id = s.village_id AND c.code = s.share_class
            WHERE s.village_id = $1 AND s.household_id = $2
            ORDER BY s.effective_on, s.movement_no, s.id
            """);
        command.Parameters.Add(new() { Value = villageId });
        command.Parameters.Add(new() { Value = household.Id });
        var lines = new List<StatementLine>();
        var balances = new Dictionary<string, decimal>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var shareClass = reader.GetString(3);
            var delta = reader.GetDecimal(5) / 1.0000000000000000000000000000m;
            balances[shareClass] = balances.GetValueOrDefault(shareClass) + delta;
            var kind = MovementKinds.Parse(reader.GetString(1));
            lines.Add(new(reader.GetInt64(0), MovementKinds.Code(kind), MovementKinds.Label(kind), reader.GetFieldValue<DateOnly>(2), shareClass,
                reader.GetString(4), delta, balances[shareClass], reader.GetString(6), reader.GetString(7), reader.GetString(8),
                reader.GetFieldValue<DateTimeOffset>(9), reader.IsDBNull(10) ? null : reader.GetInt64(10), reader.GetString(11)));
        }
        return lines;
    }
}
