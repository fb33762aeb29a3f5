using Npgsql;
using NpgsqlTypes;
using VillageCollective.Grains.Books;
using VillageCollective.Grains.Money;
using VillageCollective.Silo.Api;

namespace VillageCollective.Silo.Storage;

/// <summary>A stored book entry; <c>ReversedById</c> is the entry that undid it, if any; <c>SettlementId</c> and <c>PartnershipId</c> link an
/// entry posted by a partnership settlement back to it.</summary>
public sealed record EntryRow(long Id, BookEntry Entry, long? ReversesId, long? ReversedById, string Reason, string EnteredBy, DateTimeOffset EnteredAt,
    long? SettlementId = null, long? PartnershipId = null);

/// <summary>
/// A village's books per fiscal year: append-only entries (a mistake is undone by a reversing entry with a reason),
/// the year's opening balance and other transfers in. Writes take the village's lock; the village grain
/// (<c>IVillageGrain</c>) is their one caller.
/// </summary>
public sealed class BooksStore(NpgsqlDataSource dataSource) : IBooksStorage
{
    /// <summary>The year's entries in date order, reversals after what they reverse.</summary>
    public async Task<List<EntryRow>> ListEntriesAsync(long villageId, int year, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await QueryAsync(connection, null, villageId, year, null, cancellationToken);
    }

    /// <summary>Books an entry; returns its id.</summary>
    public async Task<long> PostAsync(long villageId, BookEntry entry, string enteredBy, CancellationToken cancellationToken)
    {
        var (connection, transaction) = await VillageLock.BeginAsync(dataSource, villageId, cancellationToken);
        await using (connection)
        await using (transaction)
        {
            var id = await InsertAsync(connection, transaction, villageId, entry, null, "", enteredBy, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return id;
        }
    }

    /// <summary>Undoes entry <paramref name="entryId"/> by a reversing entry dated <paramref name="on"/>, with a reason; returns the reversal's id.</summary>
    /// <exception cref="ProblemException">404 unknown entry; 409 already reversed or posted by a partnership settlement; 400 no reason.</exception>
    /// <exception cref="Grains.DomainException"><c>entry.reverseReversal</c>, or a date outside the entry's year.</exception>
    public async Task<long> ReverseAsync(long villageId, int year, long entryId, string reason, DateOnly on, string enteredBy, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new ProblemException(StatusCodes.Status400BadRequest, "request.missingField", "reason", "冲销必须写明原因 (a reversal needs a reason)");
        }
        var (connection, transaction) = await VillageLock.BeginAsync(dataSource, villageId, cancellationToken);
        await using (connection)
        await using (transaction)
        {
            var existing = (await QueryAsync(connection, transaction, villageId, year, entryId, cancellationToken)).SingleOrDefault()
                ?? throw ProblemException.NotFound("entryId", "分录");
            if (existing.ReversedById is not null)
            {
                throw new ProblemException(StatusCodes.Status409Conflict, "entry.alreadyReversed", "entryId", $"该分录已被第{existing.ReversedById}号分录冲销 (already reversed)");
            }
            if (existing.SettlementId is { } settlementId && existing.ReversesId is null)
            {
                // The settlement's lines name this entry: it is corrected by settling the year again, which reverses it.
                throw new ProblemException(StatusCodes.Status409Conflict, "entry.fromSettlement", "entryId",
                    $"该分录由联营结算第{settlementId}号记入，请在联营项目中重新结算更正 (posted by partnership settlement {settlementId}; correct it by settling again)");
            }
            var id = await InsertAsync(connection, transaction, villageId, existing.Entry.Reversal(on), entryId, reason.Trim(), enteredBy, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return id;
        }
    }

    /// <summary>Sets the year's opening undistributed income (null: carried from the previous year) and other transfers in, yuan.</summary>
    public async Task SetYearAsync(long villageId, int year, Yuan? openingUndistributed, Yuan otherTransfersIn, CancellationToken cancellationToken)
    {
        var (connection, transaction) = await VillageLock.BeginAsync(dataSource, villageId, cancellationToken);
        await using (connection)
        await using (transaction)
        {
            await using var command = new NpgsqlCommand("""
                INSERT INTO fiscal_years (village_id, year, opening_undistributed, other_transfers_in) VALUES ($1, $2, $3, $4)
                ON CONFLICT (village_id, year) DO UPDATE SET opening_undistributed = excluded.opening_undistributed, other_transfers_in = excluded.other_transfers_in
                """, connection, transaction);
            command.Parameters.Add(new() { Value = villageId });
            command.Parameters.Add(new() { Value = year });
            command.Parameters.Add(new() { Value = (object?)openingUndistributed?.Amount ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Numeric });
            command.Parameters.Add(new() { Value = otherTransfersIn.Amount });
            await command.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
    }

    /// <summary>The year's ledger: statement, approved plan, run residue, closing (see <see cref="Ledger"/>).</summary>
    public async Task<YearLedger> ReadYearAsync(long villageId, int year, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await Ledger.ReadYearAsync(connection, null, villageId, year, cancellationToken);
    }

    /// <summary>Inserts one entry inside a command's transaction (also used by the demo loader and partnership settlements,
    /// which pass the settlement it comes from).</summary>
    public static async Task<long> InsertAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long villageId, BookEntry entry, long? reversesId,
        string reason, string enteredBy, CancellationToken cancellationToken, long? settlementId = null)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO book_entries (village_id, year, entry_date, category, counterparty, document_no, amount, reverses_id, reason, entered_by, settlement_id)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id
            """, connection, transaction);
        object[] values = [villageId, entry.Year, entry.Date, entry.Category.Code, entry.Counterparty, entry.DocumentNumber, entry.Amount.Amount];
        foreach (var value in values) command.Parameters.Add(new() { Value = value });
        command.Parameters.Add(new() { Value = (object?)reversesId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        command.Parameters.Add(new() { Value = reason });
        command.Parameters.Add(new() { Value = enteredBy });
        command.Parameters.Add(new() { Value = (object?)settlementId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task<List<EntryRow>> QueryAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, long villageId, int year, long? entryId,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT e.id, e.entry_date, e.category, e.counterparty, e.document_no, e.amount, e.reverses_id, r.id, e.reason, e.entered_by, e.entered_at,
                   e.settlement_id, s.partnership_id
            FROM book_entries e LEFT JOIN book_entries r ON r.reverses_id = e.id LEFT JOIN partnership_settlements s ON s.id = e.settlement_id
            WHERE e.village_id = $1 AND e.year = $2 AND ($3::bigint IS NULL OR e.id = $3) ORDER BY e.entry_date, e.id
            """, connection, transaction);
        command.Parameters.Add(new() { Value = villageId });
        command.Parameters.Add(new() { Value = year });
        command.Parameters.Add(new() { Value = (object?)entryId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        var rows = new List<EntryRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var reversal = !reader.IsDBNull(6);
            var entry = new BookEntry(reader.GetFieldValue<DateOnly>(1), year, EntryCategory.Parse(reader.GetString(2)), reader.GetString(3),
                reader.GetString(4), new Yuan(reader.GetDecimal(5)), reversal);
            rows.Add(new EntryRow(reader.GetInt64(0), entry, reversal ? reader.GetInt64(6) : null, reader.IsDBNull(7) ? null : reader.GetInt64(7),
                reader.GetString(8), reader.GetString(9), reader.GetFieldValue<DateTimeOffset>(10),
                reader.IsDBNull(11) ? null : reader.GetInt64(11), reader.IsDBNull(12) ? null : reader.GetInt64(12)));
        }
        return rows;
    }
}
