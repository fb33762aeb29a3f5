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

    /// <summary>
    /// The bank accounts the run's lines <paramref name="lineNos"/> are paid to, for the bank batch file: per line the
    /// account holder's name and full payout account (the head's, or else the first current member's that has one), and
    /// nothing for a household whose members have none. The look is written to the audit trail (operation <c>REVEAL</c>,
    /// field <c>payout_account</c>, the run and how many accounts) in the same transaction.
    /// </summary>
    public async Task<Dictionary<int, (string Holder, string Account)>> RevealPayoutAccountsAsync(long villageId, long runId, int[] lineNos,
        CancellationToken cancellationToken)
    {
        var accounts = new Dictionary<int, (string Holder, string Account)>();
        if (lineNos.Length == 0) return accounts;
        var (connection, transaction) = await AuditedTransaction.BeginAsync(dataSource, cancellationToken);
        await using var _ = connection;
        await using var __ = transaction;
        await using (var command = new NpgsqlCommand("""
            SELECT DISTINCT ON (l.line_no) l.line_no, m.name, m.payout_account
            FROM payout_lines l JOIN members m ON m.household_id = l.household_id
            WHERE l.village_id = $1 AND l.run_id = $2 AND l.line_no = ANY($3) AND m.payout_account <> '' AND m.ended_on IS NULL
            ORDER BY l.line_no, (m.relation = '户主') DESC, m.id
            """, connection, transaction))
        {
            command.Parameters.Add(new() { Value = villageId });
            command.Parameters.Add(new() { Value = runId });
            command.Parameters.Add(new() { Value = lineNos });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                accounts[reader.GetInt32(0)] = (reader.GetString(1), reader.GetString(2));
            }
        }
        if (accounts.Count > 0)
        {
            await Sql.ExecuteAsync(connection, transaction,
                "SELECT audit_write($1, 'members', 'REVEAL', NULL, jsonb_build_object('field', 'payout_account', 'run_id', $2::bigint, 'accounts', $3::int))",
                cancellationToken, villageId, runId, accounts.Count);
        }
        await transaction.CommitAsync(cancellationToken);
        return accounts;
    }
}
