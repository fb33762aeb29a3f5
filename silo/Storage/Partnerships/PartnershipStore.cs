using Npgsql;
using NpgsqlTypes;
using VillageCollective.Grains.Books;
using VillageCollective.Grains.Money;
using VillageCollective.Grains.Partnerships;
using VillageCollective.Silo.Api;

namespace VillageCollective.Silo.Storage.Partnerships;

/// <summary>
/// Partnerships (村企联营 / 飞地抱团) of a county: enterprises, contracts, yearly settlements posted into each village's
/// books as 投资收益, and payments received. Every write that touches villages locks all of them in id order in one
/// transaction (<see cref="VillageLock.BeginManyAsync"/>): all villages change or none does.
/// </summary>
public sealed class PartnershipStore(NpgsqlDataSource dataSource)
{
    public async Task<List<EnterpriseRow>> EnterprisesAsync(long countyId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Sql.Command(connection, null, "SELECT id, name, credit_code, contact FROM enterprises WHERE county_id = $1 ORDER BY name", countyId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<EnterpriseRow>();
        while (await reader.ReadAsync(cancellationToken)) rows.Add(new EnterpriseRow(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        return rows;
    }

    /// <summary>Registers an enterprise in the county; returns its id.</summary>
    /// <exception cref="ProblemException">409 <c>enterprise.exists</c> (field <c>creditCode</c>) when the county has it already.</exception>
    public async Task<long> AddEnterpriseAsync(long countyId, Enterprise enterprise, bool isDemo, CancellationToken cancellationToken)
    {
        var (connection, transaction) = await AuditedTransaction.BeginAsync(dataSource, cancellationToken);
        await using (connection)
        await using (transaction)
        {
            var id = await Sql.ScalarAsync(connection, transaction, """
                INSERT INTO enterprises (county_id, name, credit_code, contact, is_demo) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING id
                """, cancellationToken, countyId, enterprise.Name, enterprise.CreditCode.Value, enterprise.Contact, isDemo) as long?
                ?? throw new ProblemException(StatusCodes.Status409Conflict, "enterprise.exists", "creditCode",
                    $"本县已登记统一社会信用代码为{enterprise.CreditCode}的企业 (the county has an enterprise with this code)");
            await transaction.CommitAsync(cancellationToken);
            return id;
        }
    }

    /// <summary>Records a contract; returns its id.</summary>
    /// <exception cref="ProblemException">404 unknown enterprise or village; 422 <c>contract.villageOutsideCounty</c> (field <c>parties</c>);
    /// 409 <c>contract.duplicate</c> (field <c>project</c>) when the same enterprise, villages and project already have a contract over an overlapping term.</exception>
    public async Task<long> CreateAsync(long countyId, PartnershipContract contract, string createdBy, bool isDemo, CancellationToken cancellationToken)
    {
        var villageIds = contract.Villages.Select(v => v.VillageId!.Value).ToArray();
        var (connection, transaction) = await VillageLock.BeginManyAsync(dataSource, villageIds, cancellationToken);
        await using (connection)
        await using (transaction)
        {
            var inCounty = (long)(await Sql.ScalarAsync(connection, transaction,
                "SELECT count(*) FROM villages v JOIN townships t ON t.id = v.township_id WHERE v.id = ANY($1) AND t.county_id = $2", cancellationToken, villageIds, countyId))!;
            if (inCounty != villageIds.Length)
            {
                throw new ProblemException(StatusCodes.Status422UnprocessableEntity, "contract.villageOutsideCounty", "parties", "合同中的村须属本县 (every village must belong to the county)");
            }
            if (await Sql.ScalarAsync(connection, transaction, "SELECT 1 FROM enterprises WHERE id = $1 AND county_id = $2 FOR SHARE", cancellationToken,
                contract.EnterpriseId, countyId) is null)
            {
                throw ProblemException.NotFound("enterpriseId", "企业");
            }

            // The villages' locks serialise contracts over them, so this check cannot race another creation.
            var sameEnterprise = (await Sql.ScalarAsync(connection, transaction, "SELECT coalesce(array_agg(id), '{}') FROM partnerships WHERE enterprise_id = $1",
                cancellationToken, contract.EnterpriseId) as long[])!;
            var duplicate = (await PartnershipReader.LoadAsync(connection, transaction, sameEnterprise, cancellationToken)).FirstOrDefault(p => p.Contract.Duplicates(contract));
            if (duplicate is not null)
            {
                throw new ProblemException(StatusCodes.Status409Conflict, "contract.duplicate", "project",
                    $"同一企业、同样的村、同一项目已有合同（第{duplicate.Id}号，{duplicate.Contract.TermStart:yyyy-MM-dd}至{duplicate.Contract.TermEnd:yyyy-MM-dd}），合同期重叠 " +
                    "(the same enterprise, villages and project already have a contract over an overlapping term)")
                { Extensions = new Dictionary<string, object?> { ["existingId"] = duplicate.Id } };
            }

            var id = await InsertAsync(connection, transaction, countyId, contract, createdBy, isDemo, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return id;
        }
    }

    /// <summary>One partnership of the county, or null.</summary>
    public async Task<PartnershipRecord?> GetAsync(long countyId, long partnershipId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await PartnershipReader.LoadAsync(connection, null, [partnershipId], cancellationToken)).SingleOrDefault(p => p.CountyId == countyId);
    }

    /// <summary>All partnerships of the county.</summary>
    public async Task<List<PartnershipRecord>> ForCountyAsync(long countyId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var ids = (await Sql.ScalarAsync(connection, null, "SELECT coalesce(array_agg(id ORDER BY id), '{}') FROM partnerships WHERE county_id = $1", cancellationToken, countyId) as long[])!;
        return await PartnershipReader.LoadAsync(connection, null, ids, cancellationToken);
    }

    /// <summary>The partnerships any village of the township is party to (a pooled project may also hold villages of other townships).</summary>
    public async Task<List<PartnershipRecord>> ForTownshipAsync(long townshipId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var ids = (await Sql.ScalarAsync(connection, null,
            "SELECT coalesce(array_agg(DISTINCT p.partnership_id ORDER BY p.partnership_id), '{}') FROM partnership_parties p JOIN villages v ON v.id = p.village_id WHERE v.township_id = $1",
            cancellationToken, townshipId) as long[])!;
        return await PartnershipReader.LoadAsync(connection, null, ids, cancellationToken);
    }

    /// <summary>Ids of the township's villages and its name (null when there is no such township).</summary>
    public async Task<(long[] Villages, string? Name)> TownshipAsync(long townshipId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var name = await Sql.ScalarAsync(connection, null, "SELECT name FROM townships WHERE id = $1", cancellationToken, townshipId) as string;
        var villages = (await Sql.ScalarAsync(connection, null, "SELECT coalesce(array_agg(id), '{}') FROM villages WHERE township_id = $1", cancellationToken, townshipId) as long[])!;
        return (villages, name);
    }

    /// <summary>The partnerships a village is party to.</summary>
    public async Task<List<PartnershipRecord>> ForVillageAsync(long villageId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var ids = (await Sql.ScalarAsync(connection, null,
            "SELECT coalesce(array_agg(partnership_id ORDER BY partnership_id), '{}') FROM partnership_parties WHERE village_id = $1", cancellationToken, villageId) as long[])!;
        return await PartnershipReader.LoadAsync(connection, null, ids, cancellationToken);
    }

    /// <summary>
    /// Settles a year: computes each party's figures, stores them with the statement, and posts each village's amount owed
    /// into its books as 投资收益 dated 31 December of the year, linked to the settlement. A year already settled is corrected
    /// only with a reason: the old settlement is superseded and its entries reversed (never edited). Returns the new settlement's id.
    /// </summary>
    /// <exception cref="ProblemException">404 unknown partnership; 409 <c>settlement.exists</c> (field <c>reason</c>) when the year is settled and no reason is given.</exception>
    /// <exception cref="Grains.DomainException">The settlement's own rules (<see cref="SettlementCalculator.Settle"/>).</exception>
    public async Task<long> SettleAsync(long countyId, long partnershipId, int year, Yuan revenue, Yuan netProfit, string? reason, string by, DateOnly today,
        CancellationToken cancellationToken)
    {
        var record = await GetAsync(countyId, partnershipId, cancellationToken) ?? throw ProblemException.NotFound("partnershipId", "联营项目");
        var villageIds = record.Contract.Villages.Select(v => v.VillageId!.Value).ToArray();
        var (connection, transaction) = await VillageLock.BeginManyAsync(dataSource, villageIds, cancellationToken);
        await using (connection)
        await using (transaction)
        {
            var settlement = SettlementCalculator.Settle(record.Contract, year, revenue, netProfit, record.VillageName);
            var standing = await Sql.ScalarAsync(connection, transaction,
                "SELECT id FROM partnership_settlements WHERE partnership_id = $1 AND year = $2 AND superseded_by IS NULL FOR UPDATE", cancellationToken, partnershipId, year) as long?;
            if (standing is not null && string.IsNullOrWhiteSpace(reason))
            {
                throw new ProblemException(StatusCodes.Status409Conflict, "settlement.exists", "reason",
                    $"{year}年已结算；更正须写明原因，原分录将冲销 (the year is settled; a correction needs a reason, and the old entries are reversed)");
            }

            var id = await NextSettlementIdAsync(connection, transaction, cancellationToken);
            if (standing is { } oldId)
            {
                await ReverseAsync(connection, transaction, oldId, year, record.Enterprise.Name, reason!.Trim(), by, cancellationToken);
                await Sql.ExecuteAsync(connection, transaction, "UPDATE partnership_settlements SET superseded_by = $1 WHERE id = $2", cancellationToken, id, oldId);
            }

            await InsertSettlementAsync(connection, transaction, id, partnershipId, record.Enterprise.Name, settlement, reason?.Trim() ?? "", today, by, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return id;
        }
    }

    /// <summary>Records a payment received for a village's settled year; returns its id.</summary>
    /// <exception cref="ProblemException">404 unknown partnership; 422 <c>payment.notParty</c> (field <c>villageId</c>), <c>payment.notSettled</c>
    /// (field <c>year</c>), <c>payment.exceedsOwed</c> (field <c>amount</c>): more than is still owed is refused, not kept as a credit.</exception>
    public async Task<long> RecordPaymentAsync(long countyId, long partnershipId, long villageId, int year, DateOnly paidOn, Yuan amount, string note, string by,
        CancellationToken cancellationToken)
    {
        var record = await GetAsync(countyId, partnershipId, cancellationToken) ?? throw ProblemException.NotFound("partnershipId", "联营项目");
        if (!record.Contract.Villages.Any(v => v.VillageId == villageId))
        {
            throw new ProblemException(StatusCodes.Status422UnprocessableEntity, "payment.notParty", "villageId", "该村不是本项目的合作方 (the village is not a party to this partnership)");
        }
        if (amount <= Yuan.Zero)
        {
            throw new Grains.DomainException("payment.notPositive", "amount", $"收款金额必须大于零 (the amount must be positive): {amount}");
        }

        var (connection, transaction) = await VillageLock.BeginAsync(dataSource, villageId, cancellationToken);
        await using (connection)
        await using (transaction)
        {
            var owed = await Sql.ScalarAsync(connection, transaction, """
                SELECT l.owed FROM settlement_lines l JOIN partnership_settlements s ON s.id = l.settlement_id
                WHERE s.partnership_id = $1 AND s.year = $2 AND s.superseded_by IS NULL AND l.village_id = $3
                """, cancellationToken, partnershipId, year, villageId) as decimal?
                ?? throw new ProblemException(StatusCodes.Status422UnprocessableEntity, "payment.notSettled", "year", $"{year}年尚未结算 (the year is not settled yet)");
            var paid = (decimal)(await Sql.ScalarAsync(connection, transaction,
                "SELECT coalesce(sum(amount), 0) FROM partnership_payments WHERE partnership_id = $1 AND year = $2 AND village_id = $3", cancellationToken,
                partnershipId, year, villageId))!;
            var left = new Yuan(owed) - new Yuan(paid);
            if (amount > left)
            {
                throw new Grains.DomainException("payment.exceedsOwed", "amount",
                    $"收款{amount}元超过尚欠的{left}元（应收{new Yuan(owed)}元，已收{new Yuan(paid)}元） (the payment is more than the {left} yuan still owed)");
            }
            var id = (long)(await Sql.ScalarAsync(connection, transaction, """
                INSERT INTO partnership_payments (village_id, partnership_id, year, paid_on, amount, note, entered_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id
                """, cancellationToken, villageId, partnershipId, year, paidOn, amount.Amount, note, by))!;
            await transaction.CommitAsync(cancellationToken);
            return id;
        }
    }

    /// <summary>Inserts a checked contract and its parties inside a command's transaction (also used by the demo loader); returns its id.</summary>
    internal static async Task<long> InsertAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long countyId, PartnershipContract contract,
        string createdBy, bool isDemo, CancellationToken cancellationToken)
    {
        var terms = contract.Terms;
        var id = (long)(await Sql.ScalarAsync(connection, transaction, """
            INSERT INTO partnerships (county_id, enterprise_id, project, term_start, term_end, value_per_share, income_mode, fixed_rent, guarantee_amount,
                                      guarantee_percent, profit_share_percent, schedule, local_jobs, created_by, is_demo)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb, $13, $14, $15) RETURNING id
            """, cancellationToken, countyId, contract.EnterpriseId, contract.Project, contract.TermStart, contract.TermEnd, contract.ValuePerShare.Amount,
            PartnershipCodes.Of(terms.Mode), terms.FixedRent?.Amount, terms.GuaranteeAmount?.Amount, terms.GuaranteePercent, terms.ProfitSharePercent,
            PartnershipCodes.Json(contract.Schedule), contract.LocalJobs, createdBy, isDemo))!;

        var parties = contract.Parties;
        await using (var command = new NpgsqlCommand("""
            INSERT INTO partnership_parties (partnership_id, position, village_id, joined_on, kind, mu, value_per_mu, value, shares)
            SELECT $1, * FROM unnest($2::int[], $3::bigint[], $4::date[], $5::text[], $6::numeric[], $7::numeric[], $8::numeric[], $9::numeric[])
            """, connection, transaction))
        {
            command.Parameters.Add(new() { Value = id });
            command.Parameters.Add(new() { Value = Enumerable.Range(0, parties.Count).ToArray() });
            command.Parameters.Add(new() { Value = parties.Select(p => p.VillageId).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
            command.Parameters.Add(new() { Value = parties.Select(p => p.JoinedOn).ToArray() });
            command.Parameters.Add(new() { Value = parties.Select(p => PartnershipCodes.Of(p.Contribution.Kind)).ToArray() });
            command.Parameters.Add(new() { Value = parties.Select(p => p.Contribution.Mu).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Numeric });
            command.Parameters.Add(new() { Value = parties.Select(p => p.Contribution.ValuePerMu?.Amount).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Numeric });
            command.Parameters.Add(new() { Value = parties.Select(p => p.Contribution.Value.Amount).ToArray() });
            command.Parameters.Add(new() { Value = parties.Select(p => p.SharesAt(contract.ValuePerShare).Value).ToArray() });
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    return id;
    }

    /// <summary>
    /// Inserts settlement <paramref name="id"/> (allocated by the caller) with its lines, and posts each village's amount owed into its
    /// books as 投资收益 dated 31 December of the year, linked by settlement_id (also used by the demo loader).
    /// </summary>
    internal static async Task InsertSettlementAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long id, long partnershipId, string enterpriseName,
        YearSettlement settlement, string reason, DateOnly today, string by, CancellationToken cancellationToken)
    {
        await Sql.ExecuteAsync(connection, transaction, """
            INSERT INTO partnership_settlements (id, partnership_id, year, revenue, net_profit, guarantee_total, distributed_profit, per_share_rate, profit_residue,
                                                 total_owed, statement, reason, settled_on, settled_by)
            OVERRIDING SYSTEM VALUE VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
            """, cancellationToken, id, partnershipId, settlement.Year, settlement.Revenue.Amount, settlement.NetProfit.Amount, settlement.GuaranteeTotal.Amount, settlement.DistributedProfit.Amount,
            settlement.PerShareRate.Amount, settlement.ProfitResidue.Amount, settlement.TotalOwed.Amount, settlement.Statement.ToArray(), reason, today, by);

        // Each village's amount owed becomes its 投资收益 entry (the books' own insert); then all lines in one statement.
        var lines = settlement.Lines;
        var entryIds = new long?[lines.Count];
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].VillageId is { } villageId && lines[i].Owed > Yuan.Zero)
            {
                var entry = new BookEntry(new DateOnly(settlement.Year, 12, 31), settlement.Year, EntryCategory.InvestmentIncome, enterpriseName, DocumentNumber(id), lines[i].Owed);
                entryIds[i] = await BooksStore.InsertAsync(connection, transaction, villageId, entry, null, "", by, cancellationToken, id);
            }
        }
        await using var command = new NpgsqlCommand("""
            INSERT INTO settlement_lines (settlement_id, position, village_id, days, shares, dividend_shares, guarantee, profit_share, owed, formula, book_entry_id)
            SELECT $1, * FROM unnest($2::int[], $3::bigint[], $4::int[], $5::numeric[], $6::numeric[], $7::numeric[], $8::numeric[], $9::numeric[], $10::text[], $11::bigint[])
            """, connection, transaction);
        command.Parameters.Add(new() { Value = id });
        command.Parameters.Add(new() { Value = Enumerable.Range(0, lines.Count).ToArray() });
        command.Parameters.Add(new() { Value = lines.Select(l => l.VillageId).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
        command.Parameters.Add(new() { Value = lines.Select(l => l.Days).ToArray() });
        command.Parameters.Add(new() { Value = lines.Select(l => l.Shares.Value).ToArray() });
        command.Parameters.Add(new() { Value = lines.Select(l => l.DividendShares.Value).ToArray() });
        command.Parameters.Add(new() { Value = lines.Select(l => l.Guarantee.Amount).ToArray() });
        command.Parameters.Add(new() { Value = lines.Select(l => l.ProfitShare.Amount).ToArray() });
        command.Parameters.Add(new() { Value = lines.Select(l => l.Owed.Amount).ToArray() });
        command.Parameters.Add(new() { Value = lines.Select(l => l.Formula).ToArray() });
        command.Parameters.Add(new() { Value = entryIds, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>A new settlement id, taken before the insert so that a superseded settlement can point at its correction.</summary>
    internal static async Task<long> NextSettlementIdAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        (long)(await Sql.ScalarAsync(connection, transaction, "SELECT nextval(pg_get_serial_sequence('partnership_settlements', 'id'))", cancellationToken))!;

    /// <summary>The document number of a settlement's entries, e.g. <c>联营结算-12</c>.</summary>
    public static string DocumentNumber(long settlementId) => $"联营结算-{settlementId}";

    private static async Task ReverseAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long settlementId, int year, string enterprise, string reason,
        string by, CancellationToken cancellationToken)
    {
        var entries = new List<(long VillageId, long EntryId, decimal Amount)>();
        await using (var command = Sql.Command(connection, transaction, """
            SELECT e.village_id, e.id, e.amount FROM settlement_lines l JOIN book_entries e ON e.id = l.book_entry_id
            WHERE l.settlement_id = $1 AND NOT EXISTS (SELECT 1 FROM book_entries r WHERE r.reverses_id = e.id)
            """, settlementId))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken)) entries.Add((reader.GetInt64(0), reader.GetInt64(1), reader.GetDecimal(2)));
        }
        foreach (var (villageId, entryId, amount) in entries)
        {
            var original = new BookEntry(new DateOnly(year, 12, 31), year, EntryCategory.InvestmentIncome, enterprise, DocumentNumber(settlementId), new Yuan(amount));
            await BooksStore.InsertAsync(connection, transaction, villageId, original.Reversal(new DateOnly(year, 12, 31)), entryId, reason, by, cancellationToken, settlementId);
        }
    }
}
