using Npgsql;
using VillageCollective.Grains.Household;
using VillageCollective.Silo.Api;

namespace VillageCollective.Silo.Storage;

/// <summary>The household grain's storage: a household's statement (read), and its and its members' particulars, each write one transaction under the village's lock.</summary>
public sealed class HouseholdStorage(NpgsqlDataSource dataSource, RegisterQueries queries) : IHouseholdStorage
{
    public async Task<IReadOnlyList<HouseholdStatementLine>?> StatementAsync(long villageId, int number, CancellationToken cancellationToken) =>
        await queries.StatementAsync(villageId, number, cancellationToken) is { } lines
            ? [.. lines.Select(l => new HouseholdStatementLine(l.MovementNo, l.Kind, l.KindLabel, l.EffectiveOn, l.ShareClass, l.ShareClassName, l.Delta,
                l.Balance, l.Reason, l.DocumentRef, l.EnteredBy, l.EnteredAt, l.Reverses, l.Counterparts))]
            : null;

    public async Task SaveParticularsAsync(long villageId, int number, string villageGroup, string address, CancellationToken cancellationToken)
    {
        var (connection, transaction) = await VillageLock.BeginAsync(dataSource, villageId, cancellationToken);
        await using (connection)
        await using (transaction)
        {
            await using var command = new NpgsqlCommand("UPDATE households SET village_group = $3, address = $4 WHERE village_id = $1 AND number = $2", connection, transaction);
            command.Parameters.Add(new() { Value = villageId });
            command.Parameters.Add(new() { Value = number });
            command.Parameters.Add(new() { Value = villageGroup });
            command.Parameters.Add(new() { Value = address });
            if (await command.ExecuteNonQueryAsync(cancellationToken) == 0) throw ProblemException.NotFound("number", $"第{number}户");
            await transaction.CommitAsync(cancellationToken);
        }
    }

    public async Task SaveMemberAsync(long villageId, int number, long memberId, MemberParticulars particulars, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(particulars);
        var (connection, transaction) = await VillageLock.BeginAsync(dataSource, villageId, cancellationToken);
        await using (connection)
        await using (transaction)
        {
            await using var command = new NpgsqlCommand("""
                UPDATE members m SET member_since = $4, since_reason = $5, ended_on = $6, ended_reason = $7, phone = $8, payout_account = COALESCE($9, m.payout_account)
                FROM households h WHERE h.id = m.household_id AND h.village_id = $1 AND h.number = $2 AND m.id = $3
                """, connection, transaction);
            command.Parameters.Add(new() { Value = villageId });
            command.Parameters.Add(new() { Value = number });
            command.Parameters.Add(new() { Value = memberId });
            command.Parameters.Add(new() { Value = (object?)particulars.MemberSince ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Date });
            command.Parameters.Add(new() { Value = particulars.SinceReason });
            command.Parameters.Add(new() { Value = (object?)particulars.EndedOn ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Date });
            command.Parameters.Add(new() { Value = (object?)particulars.EndedReason ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            command.Parameters.Add(new() { Value = particulars.Phone });
            command.Parameters.Add(new() { Value = (object?)particulars.PayoutAccount ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            if (await command.ExecuteNonQueryAsync(cancellationToken) == 0) throw ProblemException.NotFound("memberId", "成员");
            await transaction.CommitAsync(cancellationToken);
        }
    }
}
