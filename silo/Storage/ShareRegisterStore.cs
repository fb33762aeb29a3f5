using Npgsql;
using VillageCollective.Grains.Register;

namespace VillageCollective.Silo.Storage;

/// <summary>A village's register unit loaded for a command, with the database ids of its households by number.</summary>
public sealed record LoadedRegister(ShareRegister Register, Dictionary<int, long> HouseholdIds);

/// <summary>
/// Loads a village's <see cref="ShareRegister"/> (charter, households, the whole movement journal) inside a
/// transaction (the village grain's load, <see cref="RegisterStorage"/>). The journal is never updated or
/// deleted (a trigger refuses it); reads of the register as of a date stay in <see cref="RegisterReader"/>.
/// </summary>
public static class ShareRegisterStore
{
    /// <summary>Loads the register; call under <see cref="VillageLock"/> so nobody appends meanwhile.</summary>
    public static async Task<LoadedRegister> LoadAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long villageId, CancellationToken cancellationToken)
    {
        var register = new ShareRegister(await CharterStore.ReadAsync(connection, transaction, villageId, cancellationToken));
        var ids = new Dictionary<int, long>();
        var numbers = new Dictionary<long, int>();
        await using (var command = new NpgsqlCommand("SELECT id, number, ended_on IS NOT NULL FROM households WHERE village_id = $1 ORDER BY number", connection, transaction))
        {
            command.Parameters.Add(new() { Value = villageId });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var number = reader.GetInt32(1);
                ids[number] = reader.GetInt64(0);
                numbers[reader.GetInt64(0)] = number;
                register.AddHousehold(number);
                if (reader.GetBoolean(2)) register.EndHousehold(number);
            }
        }
        await using (var command = new NpgsqlCommand("""
            SELECT movement_no, kind, effective_on, reason, document_ref, entered_by, reverses_no, household_id, share_class, delta
            FROM share_movements WHERE village_id = $1 ORDER BY movement_no, id
            """, connection, transaction))
        {
            command.Parameters.Add(new() { Value = villageId });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            ShareMovement? pending = null;
            var legs = new List<MovementLeg>();
            while (await reader.ReadAsync(cancellationToken))
            {
                var no = reader.GetInt64(0);
                if (pending is not null && pending.No != no)
                {
                    register.Restore(new ShareMovement(pending.No, pending.Kind, pending.Info, legs, pending.Reverses));
                    legs = [];
                    pending = null;
                }
                pending ??= new ShareMovement(no, MovementKinds.Parse(reader.GetString(1)),
                    new MovementInfo(reader.GetFieldValue<DateOnly>(2), reader.GetString(3), reader.GetString(4), reader.GetString(5)),
                    [], reader.IsDBNull(6) ? null : reader.GetInt64(6));
                legs.Add(new MovementLeg(numbers[reader.GetInt64(7)], reader.GetString(8), reader.GetDecimal(9)));
            }
            if (pending is not null) register.Restore(new ShareMovement(pending.No, pending.Kind, pending.Info, legs, pending.Reverses));
        }
        return new LoadedRegister(register, ids);
    }
}
