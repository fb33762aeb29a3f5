using Npgsql;
using VillageCollective.Grains.Money;
using VillageCollective.Grains.Partnerships;
using VillageCollective.Grains.Shares;

namespace VillageCollective.Silo.Storage.Partnerships;

/// <summary>Reads partnerships back into the domain's contract with their parties, settlements and payments (four queries for any number).</summary>
internal static class PartnershipReader
{
    public static async Task<List<PartnershipRecord>> LoadAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, long[] ids,
        CancellationToken cancellationToken)
    {
        if (ids.Length == 0) return [];
        var parties = new Dictionary<long, List<PartyRow>>();
        await using (var command = Sql.Command(connection, transaction, """
            SELECT p.partnership_id, p.position, p.village_id, coalesce(v.name, ''), v.township_id, coalesce(t.name, ''), p.joined_on, p.kind, p.mu, p.value_per_mu, p.value, p.shares
            FROM partnership_parties p LEFT JOIN villages v ON v.id = p.village_id LEFT JOIN townships t ON t.id = v.township_id
            WHERE p.partnership_id = ANY($1) ORDER BY p.partnership_id, p.position
            """, ids))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var kind = PartnershipCodes.Kind(reader.GetString(7), "kind");
                var value = new Yuan(reader.GetDecimal(10));
                var contribution = kind switch
                {
                    ContributionKind.Land => Contribution.Land(reader.GetDecimal(8), new Yuan(reader.GetDecimal(9))),
                    ContributionKind.Assets => Contribution.Assets(value),
                    _ => Contribution.Cash(value),
                };
                long? villageId = reader.IsDBNull(2) ? null : reader.GetInt64(2);
                var row = new PartyRow(reader.GetInt32(1), villageId, reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetInt64(4), reader.GetString(5),
                    new PartnershipParty(villageId, reader.GetFieldValue<DateOnly>(6), contribution), new ShareCount(reader.GetDecimal(11)));
                (parties.TryGetValue(reader.GetInt64(0), out var list) ? list : parties[reader.GetInt64(0)] = []).Add(row);
            }
        }

        var lines = new Dictionary<long, List<SettlementLineRow>>();
        await using (var command = Sql.Command(connection, transaction, """
            SELECT l.settlement_id, l.position, l.village_id, l.days, l.shares, l.dividend_shares, l.guarantee, l.profit_share, l.owed, l.formula, l.book_entry_id
            FROM settlement_lines l JOIN partnership_settlements s ON s.id = l.settlement_id WHERE s.partnership_id = ANY($1) ORDER BY l.settlement_id, l.position
            """, ids))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                long? villageId = reader.IsDBNull(2) ? null : reader.GetInt64(2);
                var line = new SettlementLine(villageId, reader.GetInt32(3), new ShareCount(reader.GetDecimal(4)), new ShareCount(reader.GetDecimal(5)),
                    new Yuan(reader.GetDecimal(6)), new Yuan(reader.GetDecimal(7)), new Yuan(reader.GetDecimal(8)), reader.GetString(9));
                var row = new SettlementLineRow(reader.GetInt32(1), villageId, line, reader.IsDBNull(10) ? null : reader.GetInt64(10));
                (lines.TryGetValue(reader.GetInt64(0), out var list) ? list : lines[reader.GetInt64(0)] = []).Add(row);
            }
        }

        var settlements = new Dictionary<long, List<SettlementRow>>();
        await using (var command = Sql.Command(connection, transaction, """
            SELECT partnership_id, id, year, revenue, net_profit, guarantee_total, distributed_profit, per_share_rate, profit_residue, total_owed,
                   statement, reason, settled_on, settled_by, superseded_by
            FROM partnership_settlements WHERE partnership_id = ANY($1) ORDER BY partnership_id, year, id
            """, ids))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var id = reader.GetInt64(1);
                var row = new SettlementRow(id, reader.GetInt32(2), new Yuan(reader.GetDecimal(3)), new Yuan(reader.GetDecimal(4)), new Yuan(reader.GetDecimal(5)),
                    new Yuan(reader.GetDecimal(6)), new Yuan(reader.GetDecimal(7)), new Yuan(reader.GetDecimal(8)), new Yuan(reader.GetDecimal(9)),
                    reader.GetFieldValue<string[]>(10), reader.GetString(11), reader.GetFieldValue<DateOnly>(12), reader.GetString(13),
                    reader.IsDBNull(14) ? null : reader.GetInt64(14), lines.GetValueOrDefault(id) ?? []);
                (settlements.TryGetValue(reader.GetInt64(0), out var list) ? list : settlements[reader.GetInt64(0)] = []).Add(row);
            }
        }

        var payments = new Dictionary<long, List<PaymentRow>>();
        await using (var command = Sql.Command(connection, transaction, """
            SELECT partnership_id, id, village_id, year, paid_on, amount, note, entered_by FROM partnership_payments WHERE partnership_id = ANY($1) ORDER BY paid_on, id
            """, ids))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var row = new PaymentRow(reader.GetInt64(1), reader.GetInt64(2), reader.GetInt32(3), reader.GetFieldValue<DateOnly>(4), new Yuan(reader.GetDecimal(5)),
                    reader.GetString(6), reader.GetString(7));
                (payments.TryGetValue(reader.GetInt64(0), out var list) ? list : payments[reader.GetInt64(0)] = []).Add(row);
            }
        }

        var records = new List<PartnershipRecord>();
        await using (var command = Sql.Command(connection, transaction, """
            SELECT p.id, p.county_id, e.id, e.name, e.credit_code, e.contact, p.project, p.term_start, p.term_end, p.value_per_share, p.income_mode,
                   p.fixed_rent, p.guarantee_amount, p.guarantee_percent, p.profit_share_percent, p.schedule::text, p.local_jobs, p.created_by
            FROM partnerships p JOIN enterprises e ON e.id = p.enterprise_id WHERE p.id = ANY($1) ORDER BY p.id
            """, ids))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var id = reader.GetInt64(0);
                var mode = PartnershipCodes.Mode(reader.GetString(10));
                var terms = mode == IncomeMode.FixedRent
                    ? IncomeTerms.Rent(new Yuan(reader.GetDecimal(11)))
                    : IncomeTerms.Guaranteed(mode, reader.IsDBNull(12) ? null : new Yuan(reader.GetDecimal(12)), reader.IsDBNull(13) ? null : reader.GetDecimal(13),
                        reader.GetDecimal(14));
                var partyRows = parties.GetValueOrDefault(id) ?? [];
                var contract = new PartnershipContract(reader.GetInt64(2), reader.GetString(6), reader.GetFieldValue<DateOnly>(7), reader.GetFieldValue<DateOnly>(8),
                    new Yuan(reader.GetDecimal(9)), partyRows.Select(p => p.Party).ToList(), terms, PartnershipCodes.Schedule(reader.GetString(15)), reader.GetInt32(16));
                records.Add(new PartnershipRecord(id, reader.GetInt64(1), new EnterpriseRow(reader.GetInt64(2), reader.GetString(3), reader.GetString(4), reader.GetString(5)),
                    contract, partyRows, settlements.GetValueOrDefault(id) ?? [], payments.GetValueOrDefault(id) ?? [], reader.GetString(17)));
            }
        }
        return records;
    }
}
