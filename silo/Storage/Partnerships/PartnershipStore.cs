using Npgsql;
using NpgsqlTypes;
using VillageCollective.Grains.Books;
using VillageCollective.Grains.Money;
using VillageCollective.Grains.Partnerships;
using VillageCollective.Silo.Api;

namespace VillageCollective.Silo.Storage.Partnerships;

/// <summary>
/// Partnerships (村企联营 / 飞地抱团) of a county: enterprises, contracts, yearly settlements posted into each village's
/// books as 投资收益, and payments received. Creating a contract locks its villages in id order in one transaction
/// (<see cref="VillageLock.BeginManyAsync"/>); once it exists, its settlements and payments are written by its grain
/// (<see cref="Grains.Partnerships.IEnterprisePartnershipGrain"/>, through <see cref="PartnershipGrainStorage"/>).
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
    /// <remarks>A county-level command rather than the partnership grain's: the grain is keyed by the id this insert
    /// allocates, and the duplicate rule looks across all the enterprise's contracts, not at one partnership's state. The
    /// villages' locks serialise creations over the same villages; from here on the grain is the partnership's writer.</remarks>
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

    /// <summary>The document number of a settlement's entries, e.g. <c>联营结算-12</c>.</summary>
    public static string DocumentNumber(long settlementId) => $"联营结算-{settlementId}";
}
