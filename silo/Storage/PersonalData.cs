using Npgsql;

namespace VillageCollective.Silo.Storage;

/// <summary>
/// Personal data shown in full: a member's resident ID number, only on request, and every request is written to the
/// audit trail (operation <c>REVEAL</c>) in the same transaction as the read, with who asked and from where.
/// </summary>
public sealed class PersonalData(NpgsqlDataSource dataSource)
{
    /// <summary>The member's full resident ID, or null when the member is not in that village.</summary>
    public async Task<string?> RevealResidentIdAsync(long villageId, long memberId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var (actor, address) = AuditContext.Current;
        await using var command = new NpgsqlCommand("""
            WITH who AS (SELECT set_config('vc.actor', $3, true), set_config('vc.address', $4, true)),
                 member AS (SELECT m.id, m.resident_id FROM members m, who WHERE m.village_id = $1 AND m.id = $2),
                 logged AS (SELECT audit_write($1, 'members', 'REVEAL', NULL, jsonb_build_object('member_id', id, 'field', 'resident_id')) FROM member)
            SELECT resident_id FROM member, logged
            """, connection, transaction);
        command.Parameters.Add(new() { Value = villageId });
        command.Parameters.Add(new() { Value = memberId });
        command.Parameters.Add(new() { Value = actor });
        command.Parameters.Add(new() { Value = address });
        var id = await command.ExecuteScalarAsync(cancellationToken) as string;
        await transaction.CommitAsync(cancellationToken);
        return id;
    }
}
