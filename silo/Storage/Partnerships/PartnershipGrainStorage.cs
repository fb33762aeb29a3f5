using Npgsql;
using NpgsqlTypes;
using VillageCollective.Grains.Books;
using VillageCollective.Grains.Money;
using VillageCollective.Grains.Partnerships;
using VillageCollective.Silo.Api;

namespace VillageCollective.Silo.Storage.Partnerships;

/// <summary>
/// The partnership grain's storage in PostgreSQL (<see cref="IPartnershipStorage"/>). A write is one transaction that
/// sets the audit's actor, locks the party villages in id order (so that all of them change or none does, and two settlements
/// over overlapping villages cannot deadlock), then the partnership row, and compares its version with the grain's: a
/// mismatch writes nothing. The triggers of migration 0019 give the partnership its new version, read back at the end.
/// </summary>
public sealed class PartnershipGrainStorage(NpgsqlDataSource dataSource) : IPartnershipStorage
{
    public async Task<PartnershipLedger?> LoadAsync(long partnershipId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // The version first: rows read after it are at least as new, so a stale pair only makes the next write retry.
        if (await VersionAsync(connection, partnershipId, cancellationToken) is not { } version) return null;
        var records = await PartnershipReader.LoadAsync(connection, null, [partnershipId], cancellationToken);
        if (records.SingleOrDefault() is not { } record) return null;
        var standing = record.Standing.Select(s => new StandingSettlement(s.Id, s.Year,
            s.Lines.Where(l => l.VillageId is not null).ToDictionary(l => l.VillageId!.Value, l => l.Line.Owed)));
        var names = record.Parties.Where(p => p.VillageId is not null).ToDictionary(p => p.VillageId!.Value, p => p.Name);
        return new PartnershipLedger(record.Id, record.CountyId, record.Enterprise.Name, record.Contract, names, standing,
            record.Payments.Select(p => new PaymentReceived(p.VillageId, p.Year, p.Amount)), version);
    }

    public async Task<long?> VersionAsync(long partnershipId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await VersionAsync(connection, partnershipId, cancellationToken);
    }

    public async Task<PartnershipWritten?> WriteSettlementAsync(SettlementWrite write,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var villageIds = write.VillageIds.Distinct().Order().ToArray();
        long settlementId;
        // One round trip: the audit's actor, the villages' locks in id order, the partnership's lock and version, and the
        // new settlement's id (taken first so that a superseded settlement can point at it).
        await using (var batch = AuditedBatch(connection, transaction,
            Command("SELECT count(*) FROM (SELECT id FROM villages WHERE id = ANY($1) ORDER BY id FOR UPDATE) locked", villageIds),
            Command("SELECT version FROM partnerships WHERE id = $1 FOR UPDATE", write.PartnershipId),
            Command("SELECT nextval(pg_get_serial_sequence('partnership_settlements', 'id'))")))
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            await reader.NextResultAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            if (reader.GetInt64(0) != villageIds.Length) throw ProblemException.NotFound("villageId", "村");
            await reader.NextResultAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken) || reader.GetInt64(0) != write.ExpectedVersion) return null;
            await reader.NextResultAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            settlementId = reader.GetInt64(0);
        }

        var settlement = write.Settlement;
        var yearEnd = new DateOnly(settlement.Year, 12, 31);
        var reversals = write.Supersedes is { } oldId
            ? await ReversalsAsync(connection, transaction, oldId, yearEnd, write.EnterpriseName, cancellationToken)
            : [];
        var postings = settlement.Lines.Where(l => l.VillageId is not null && l.Owed > Yuan.Zero)
            .Select(l => new Posting(l.VillageId!.Value, new BookEntry(yearEnd, settlement.Year, EntryCategory.InvestmentIncome,
                write.EnterpriseName, PartnershipStore.DocumentNumber(settlementId), l.Owed), null, settlementId))
            .ToList();

        await using var writes = new NpgsqlBatch(connection, transaction);
        if (write.Supersedes is { } superseded)
        {
            // Reversals first, then the old settlement steps aside: the new one is the year's one standing settlement.
            writes.BatchCommands.Add(InsertEntries(reversals.Select(r => r with { Reason = write.Reason }).ToList(), write.By));
            writes.BatchCommands.Add(Command("UPDATE partnership_settlements SET superseded_by = $1 WHERE id = $2", settlementId, superseded));
        }
        writes.BatchCommands.Add(InsertSettlement(settlementId, write));
        writes.BatchCommands.Add(InsertEntries(postings, write.By));
        writes.BatchCommands.Add(InsertLines(settlementId, settlement.Lines));
        writes.BatchCommands.Add(Command("SELECT version FROM partnerships WHERE id = $1", write.PartnershipId));
        var version = (long)(await writes.ExecuteScalarLastAsync(cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return new PartnershipWritten(settlementId, version);
    }

    public async Task<PartnershipWritten?> WritePaymentAsync(PaymentWrite write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // One round trip: the village's lock (before the partnership's, as a settlement takes them), then the insert only
        // while the partnership's version is still the grain's, then the new version.
        await using var batch = AuditedBatch(connection, transaction,
            Command("SELECT 1 FROM villages WHERE id = $1 FOR UPDATE", write.VillageId),
            Command("""
                INSERT INTO partnership_payments (village_id, partnership_id, year, paid_on, amount, note, entered_by)
                SELECT $1, $2, $3, $4, $5, $6, $7 WHERE (SELECT version FROM partnerships WHERE id = $2 FOR UPDATE) = $8
                RETURNING id
                """, write.VillageId, write.PartnershipId, write.Year, write.PaidOn, write.Amount.Amount, write.Note, write.By,
                write.ExpectedVersion),
            Command("SELECT version FROM partnerships WHERE id = $1", write.PartnershipId));
        long id;
        long version;
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            await reader.NextResultAsync(cancellationToken);
            await reader.NextResultAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken)) return null;
            id = reader.GetInt64(0);
            await reader.NextResultAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            version = reader.GetInt64(0);
        }
        await transaction.CommitAsync(cancellationToken);
        return new PartnershipWritten(id, version);
    }

    private static async Task<long?> VersionAsync(NpgsqlConnection connection, long partnershipId,
        CancellationToken cancellationToken) =>
        await Sql.ScalarAsync(connection, null, "SELECT version FROM partnerships WHERE id = $1", cancellationToken, partnershipId)
            as long?;

    // A batch command with positional parameters whose types Npgsql infers.
    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values) command.Parameters.Add(new() { Value = value });
        return command;
    }

    // A batch that first tells the audit triggers who acts and from where (AuditContext), then runs the commands.
    private static NpgsqlBatch AuditedBatch(NpgsqlConnection connection, NpgsqlTransaction transaction,
        params NpgsqlBatchCommand[] commands)
    {
        var (actor, address) = AuditContext.Current;
        var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(Command("SELECT set_config('vc.actor', $1, true), set_config('vc.address', $2, true)", actor, address));
        foreach (var command in commands) batch.BatchCommands.Add(command);
        return batch;
    }

    // A village's entry to write: the settlement it comes from, and for a reversal the entry it undoes and why.
    private sealed record Posting(long VillageId, BookEntry Entry, long? ReversesId, long SettlementId, string Reason = "");

    // The old settlement's entries not reversed yet, each undone by its reversal (BookEntry.Reversal) dated 31 December.
    private static async Task<List<Posting>> ReversalsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        long settlementId, DateOnly yearEnd, string enterprise, CancellationToken cancellationToken)
    {
        var postings = new List<Posting>();
        await using var command = Sql.Command(connection, transaction, """
            SELECT e.village_id, e.id, e.amount FROM settlement_lines l JOIN book_entries e ON e.id = l.book_entry_id
            WHERE l.settlement_id = $1 AND NOT EXISTS (SELECT 1 FROM book_entries r WHERE r.reverses_id = e.id)
            """, settlementId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var original = new BookEntry(yearEnd, yearEnd.Year, EntryCategory.InvestmentIncome, enterprise,
                PartnershipStore.DocumentNumber(settlementId), new Yuan(reader.GetDecimal(2)));
            postings.Add(new Posting(reader.GetInt64(0), original.Reversal(yearEnd), reader.GetInt64(1), settlementId));
        }
        return postings;
    }

    // All the villages' entries in one statement (the books' columns, as BooksStore.InsertAsync writes one).
    private static NpgsqlBatchCommand InsertEntries(IReadOnlyList<Posting> postings, string by) => new("""
        INSERT INTO book_entries (village_id, year, entry_date, category, counterparty, document_no, amount, reverses_id, reason,
                                  entered_by, settlement_id)
        SELECT v, y, d, c, cp, n, a, r, why, $10, s
        FROM unnest($1::bigint[], $2::int[], $3::date[], $4::text[], $5::text[], $6::text[], $7::numeric[], $8::bigint[], $9::text[],
                    $11::bigint[]) AS u(v, y, d, c, cp, n, a, r, why, s)
        """)
    {
        Parameters =
        {
            new() { Value = postings.Select(p => p.VillageId).ToArray() },
            new() { Value = postings.Select(p => p.Entry.Year).ToArray() },
            new() { Value = postings.Select(p => p.Entry.Date).ToArray() },
            new() { Value = postings.Select(p => p.Entry.Category.Code).ToArray() },
            new() { Value = postings.Select(p => p.Entry.Counterparty).ToArray() },
            new() { Value = postings.Select(p => p.Entry.DocumentNumber).ToArray() },
            new() { Value = postings.Select(p => p.Entry.Amount.Amount).ToArray() },
            new() { Value = postings.Select(p => p.ReversesId).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint },
            new() { Value = postings.Select(p => p.Reason).ToArray() },
            new() { Value = by },
            new() { Value = postings.Select(p => p.SettlementId).ToArray() },
        },
    };

    private static NpgsqlBatchCommand InsertSettlement(long id, SettlementWrite write)
    {
        var s = write.Settlement;
        var command = new NpgsqlBatchCommand("""
            INSERT INTO partnership_settlements (id, partnership_id, year, revenue, net_profit, guarantee_total, distributed_profit,
                                                 per_share_rate, profit_residue, total_owed, statement, reason, settled_on, settled_by)
            OVERRIDING SYSTEM VALUE VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
            """);
        object[] values = [id, write.PartnershipId, s.Year, s.Revenue.Amount, s.NetProfit.Amount, s.GuaranteeTotal.Amount,
            s.DistributedProfit.Amount, s.PerShareRate.Amount, s.ProfitResidue.Amount, s.TotalOwed.Amount, s.Statement.ToArray(),
            write.Reason, write.SettledOn, write.By];
        foreach (var value in values) command.Parameters.Add(new() { Value = value });
        return command;
    }

    // The lines, each linked to the entry that posted it (the new settlement's own entry of the village; none when nothing
    // is owed).
    private static NpgsqlBatchCommand InsertLines(long settlementId, IReadOnlyList<SettlementLine> lines) => new("""
        INSERT INTO settlement_lines (settlement_id, position, village_id, days, shares, dividend_shares, guarantee, profit_share, owed,
                                      formula, book_entry_id)
        SELECT $1, u.*, (SELECT e.id FROM book_entries e WHERE e.settlement_id = $1 AND e.village_id = u.v AND e.reverses_id IS NULL)
        FROM unnest($2::int[], $3::bigint[], $4::int[], $5::numeric[], $6::numeric[], $7::numeric[], $8::numeric[], $9::numeric[],
                    $10::text[]) AS u(p, v, d, sh, ds, g, ps, o, f)
        """)
    {
        Parameters =
        {
            new() { Value = settlementId },
            new() { Value = Enumerable.Range(0, lines.Count).ToArray() },
            new() { Value = lines.Select(l => l.VillageId).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint },
            new() { Value = lines.Select(l => l.Days).ToArray() },
            new() { Value = lines.Select(l => l.Shares.Value).ToArray() },
            new() { Value = lines.Select(l => l.DividendShares.Value).ToArray() },
            new() { Value = lines.Select(l => l.Guarantee.Amount).ToArray() },
            new() { Value = lines.Select(l => l.ProfitShare.Amount).ToArray() },
            new() { Value = lines.Select(l => l.Owed.Amount).ToArray() },
            new() { Value = lines.Select(l => l.Formula).ToArray() },
        },
    };
}

internal static class BatchResults
{
    /// <summary>Runs the batch and returns the first column of the last command's first row.</summary>
    public static async Task<object> ExecuteScalarLastAsync(this NpgsqlBatch batch, CancellationToken cancellationToken)
    {
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        object? value = null;
        do
        {
            if (reader.FieldCount > 0 && await reader.ReadAsync(cancellationToken)) value = reader.GetValue(0);
        } while (await reader.NextResultAsync(cancellationToken));
        return value ?? throw new InvalidOperationException("the batch's last command returned no row");
    }
}
