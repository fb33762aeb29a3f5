using System.Security.Cryptography;
using Npgsql;
using NpgsqlTypes;
using VillageCollective.Grains.Assembly;
using VillageCollective.Grains.Dividends;
using VillageCollective.Grains.Money;
using VillageCollective.Grains.Register;
using VillageCollective.Silo.Api;

namespace VillageCollective.Silo.Storage;

/// <summary>
/// A stored distribution plan (收益分配方案): the dividend part (<see cref="DistributionPlan"/>), the statement's
/// distribution lines (<see cref="IncomeDistribution"/>), where it stands, its public notice and the assembly's vote.
/// Once approved, <see cref="Distribution"/> holds the reserve in yuan as approved (locked); <see cref="DraftedReserve"/>
/// keeps the rule as drafted (e.g. 15%) for display.
/// </summary>
public sealed record PlanRow(long Id, long VillageId, PlanStatus Status, string Note, DistributionPlan Plan, IncomeDistribution Distribution,
    ReserveRule DraftedReserve, DateOnly? NoticePublishedOn, string? NoticeToken, AssemblyDecision? Decision)
{
    /// <summary>The date the assembly approved it, if it did.</summary>
    public DateOnly? ApprovedOn => Status == PlanStatus.Approved ? Decision?.Date : null;

    public static string StatusCode(PlanStatus status) => status.ToString().ToLowerInvariant();
}

/// <summary>
/// Distribution plans, versioned per year, through their steps: draft → published notice → the assembly's vote →
/// approved and locked (<see cref="PlanLifecycle"/>). Every step re-checks the plan against the year's books and the
/// register as of its record date (<see cref="PlanCheck"/>), under the village's lock.
/// </summary>
public sealed class PlanStore(NpgsqlDataSource dataSource) : IPlanStorage
{
    private const string Columns = """
        id, village_id, status, note, year, version, members_pool, rate_mode, fixed_rate, rounding_unit, record_date, meeting_date,
        reserve_percent, reserve_amount, welfare_fund, outside_investors, other_distribution, notice_published_on, notice_token,
        assembly_kind, assembly_date, eligible, present, votes_for, votes_against, abstaining, approved_reserve
        """;

    public async Task<List<PlanRow>> ListAsync(long villageId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await QueryAsync(connection, null, "village_id = $1 ORDER BY year DESC, version DESC", [villageId], cancellationToken);
    }

    public async Task<PlanRow?> GetAsync(long villageId, long planId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await QueryAsync(connection, null, "village_id = $1 AND id = $2", [villageId, planId], cancellationToken)).SingleOrDefault();
    }

    /// <summary>The plan whose public notice has this token, with its village id; null when none.</summary>
    public async Task<PlanRow?> GetByNoticeTokenAsync(string token, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await QueryAsync(connection, null, "notice_token = $1", [token], cancellationToken)).SingleOrDefault();
    }

    /// <summary>The plans of several (village, year, version) triples in one query, inside a command's transaction (a dividend batch); missing ones are left out.</summary>
    public static Task<List<PlanRow>> GetManyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        IReadOnlyCollection<(long VillageId, int Year, int Version)> plans, CancellationToken cancellationToken) =>
        QueryAsync(connection, transaction, "(village_id, year, version) IN (SELECT * FROM unnest($1::bigint[], $2::int[], $3::int[]))",
            [plans.Select(p => p.VillageId).ToArray(), plans.Select(p => p.Year).ToArray(), plans.Select(p => p.Version).ToArray()], cancellationToken);

    /// <summary>The approved plans of a village (all years), read with the ledger.</summary>
    public static Task<List<PlanRow>> ApprovedAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, long villageId, CancellationToken cancellationToken) =>
        QueryAsync(connection, transaction, "village_id = $1 AND status = 'approved' ORDER BY year, version", [villageId], cancellationToken);

    /// <summary>The village's charter and its minimum reserve percentage, in one connection.</summary>
    /// <exception cref="ProblemException">404 for an unknown village.</exception>
    public async Task<(ShareCharter Charter, decimal MinimumReservePercent)> CharterAsync(long villageId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT min_reserve_percent FROM villages WHERE id = $1", connection);
        command.Parameters.Add(new() { Value = villageId });
        var minimum = await command.ExecuteScalarAsync(cancellationToken) as decimal? ?? throw ProblemException.NotFound("villageId", "村");
        return (await CharterStore.ReadAsync(connection, null, villageId, cancellationToken), minimum);
    }

    /// <summary>
    /// Saves a new draft as the next free version of its year, after checking it against the year's books and the
    /// register as of its record date.
    /// </summary>
    /// <returns>The new plan's id and version.</returns>
    /// <exception cref="Grains.DomainException">The plan breaks a rule of the books or of the dividend.</exception>
    public async Task<(long Id, int Version)> CreateDraftAsync(long villageId, DistributionPlan draft, IncomeDistribution distribution, string note, CancellationToken cancellationToken)
    {
        var (connection, transaction) = await VillageLock.BeginAsync(dataSource, villageId, cancellationToken);
        await using (connection)
        await using (transaction)
        {
            await using var next = new NpgsqlCommand("SELECT COALESCE(max(version), 0) + 1 FROM distribution_plans WHERE village_id = $1 AND year = $2", connection, transaction);
            next.Parameters.Add(new() { Value = villageId });
            next.Parameters.Add(new() { Value = draft.Year });
            var version = (int)(await next.ExecuteScalarAsync(cancellationToken))!;
            var plan = new DistributionPlan(draft.Year, version, draft.MembersPool, draft.Rate, draft.RecordDate, draft.MeetingDate);
            await PlanCheck.CheckAsync(connection, transaction, villageId, plan, distribution, cancellationToken);
            var reserve = distribution.Reserve;
            await using var insert = new NpgsqlCommand("""
                INSERT INTO distribution_plans (village_id, year, version, members_pool, rate_mode, fixed_rate, rounding_unit, record_date, meeting_date,
                    status, note, reserve_percent, reserve_amount, welfare_fund, outside_investors, other_distribution)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'draft', $10, $11, $12, $13, $14, $15) RETURNING id
                """, connection, transaction);
            AddValues(insert, villageId, plan.Year, plan.Version, plan.MembersPool.Amount, plan.Rate is FixedRate ? "fixed" : "derived");
            insert.Parameters.Add(new() { Value = plan.Rate is FixedRate f ? f.PerShare.Amount : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Numeric });
            insert.Parameters.Add(new() { Value = plan.Rate is DerivedRate d ? d.Unit.Code : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            AddValues(insert, plan.RecordDate, plan.MeetingDate, note);
            insert.Parameters.Add(new() { Value = reserve is ReservePercent p ? p.Percent : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Numeric });
            insert.Parameters.Add(new() { Value = reserve is ReserveAmount a ? a.Amount.Amount : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Numeric });
            AddValues(insert, distribution.WelfareFund.Amount, distribution.OutsideInvestors.Amount, distribution.Other.Amount);
            var id = (long)(await insert.ExecuteScalarAsync(cancellationToken))!;
            await transaction.CommitAsync(cancellationToken);
            return (id, version);
        }
    }

    /// <summary>Publishes the draft's public notice on <paramref name="publishedOn"/> and gives it an unguessable public address token.</summary>
    /// <exception cref="ProblemException">404 for an unknown plan.</exception>
    /// <exception cref="Grains.DomainException"><c>plan.notDraft</c>; or the plan no longer fits the books or the register.</exception>
    public async Task PublishAsync(long villageId, long planId, DateOnly publishedOn, Func<PlanStatus, PlanStatus> step,
        CancellationToken cancellationToken)
    {
        var (connection, transaction) = await VillageLock.BeginAsync(dataSource, villageId, cancellationToken);
        await using (connection)
        await using (transaction)
        {
            var plan = await RequireAsync(connection, transaction, villageId, planId, cancellationToken);
            var status = step(plan.Status);
            await PlanCheck.CheckAsync(connection, transaction, villageId, plan.Plan, plan.Distribution, cancellationToken);
            await Sql.ExecuteAsync(connection, transaction,
                "UPDATE distribution_plans SET status = $3, notice_published_on = $4, notice_token = $5 WHERE village_id = $1 AND id = $2", cancellationToken,
                villageId, planId, PlanRow.StatusCode(status), publishedOn, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));
            await transaction.CommitAsync(cancellationToken);
        }
    }

    /// <summary>Records the assembly's vote; a carried vote approves and locks the plan.</summary>
    /// <exception cref="ProblemException">404 for an unknown plan.</exception>
    /// <exception cref="Grains.DomainException">See <see cref="PlanLifecycle.Decide"/>; or the plan no longer fits the books or the register.</exception>
    public async Task DecideAsync(long villageId, long planId, AssemblyDecision decision, Func<PlanStatus, DateOnly, PlanStatus> step,
        CancellationToken cancellationToken)
    {
        var (connection, transaction) = await VillageLock.BeginAsync(dataSource, villageId, cancellationToken);
        await using (connection)
        await using (transaction)
        {
            var plan = await RequireAsync(connection, transaction, villageId, planId, cancellationToken);
            var status = step(plan.Status, plan.NoticePublishedOn ?? DateOnly.MaxValue);
            var (outcome, _) = await PlanCheck.CheckAsync(connection, transaction, villageId, plan.Plan, plan.Distribution, cancellationToken);
            await Sql.ExecuteAsync(connection, transaction, """
                UPDATE distribution_plans SET status = $3, approved_on = $5, assembly_kind = $4, assembly_date = $5, eligible = $6, present = $7,
                    votes_for = $8, votes_against = $9, abstaining = $10, approved_reserve = $11
                WHERE village_id = $1 AND id = $2
                """, cancellationToken, villageId, planId, PlanRow.StatusCode(status), decision.Kind == AssemblyKind.Members ? "members" : "representatives",
                decision.Date, decision.Eligible, decision.Present, decision.VotesFor, decision.VotesAgainst, decision.Abstaining, outcome.Reserve.Amount);
            await transaction.CommitAsync(cancellationToken);
        }
    }

    private static void AddValues(NpgsqlCommand command, params object[] values)
    {
        foreach (var value in values) command.Parameters.Add(new() { Value = value });
    }

    private static async Task<PlanRow> RequireAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long villageId, long planId, CancellationToken cancellationToken) =>
        (await QueryAsync(connection, transaction, "village_id = $1 AND id = $2", [villageId, planId], cancellationToken)).SingleOrDefault()
        ?? throw ProblemException.NotFound("planId", "分配方案");

    private static async Task<List<PlanRow>> QueryAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string where, object[] parameters, CancellationToken cancellationToken)
    {
        await using var command = Sql.Command(connection, transaction, $"SELECT {Columns} FROM distribution_plans WHERE {where}", parameters);
        var plans = new List<PlanRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            plans.Add(Read(reader));
        }
        return plans;
    }

    private static PlanRow Read(NpgsqlDataReader r)
    {
        RateRule rate = r.GetString(7) == "fixed" ? new FixedRate(new Yuan(r.GetDecimal(8))) : new DerivedRate(RoundingUnit.Parse(r.GetString(9)));
        var pool = new Yuan(r.GetDecimal(6));
        var plan = new DistributionPlan(r.GetInt32(4), r.GetInt32(5), pool, rate, r.GetFieldValue<DateOnly>(10), r.GetFieldValue<DateOnly>(11));
        ReserveRule drafted = r.IsDBNull(12) ? new ReserveAmount(new Yuan(r.GetDecimal(13))) : new ReservePercent(r.GetDecimal(12));
        ReserveRule reserve = r.IsDBNull(26) ? drafted : new ReserveAmount(new Yuan(r.GetDecimal(26)));
        var distribution = new IncomeDistribution(reserve, new Yuan(r.GetDecimal(14)), new Yuan(r.GetDecimal(15)), pool, new Yuan(r.GetDecimal(16)));
        AssemblyDecision? decision = r.IsDBNull(19) ? null : new AssemblyDecision(
            r.GetString(19) == "members" ? AssemblyKind.Members : AssemblyKind.Representatives, r.GetFieldValue<DateOnly>(20),
            r.GetInt32(21), r.GetInt32(22), r.GetInt32(23), r.GetInt32(24), r.GetInt32(25));
        return new PlanRow(r.GetInt64(0), r.GetInt64(1), Enum.Parse<PlanStatus>(r.GetString(2), ignoreCase: true), r.GetString(3), plan, distribution, drafted,
            r.IsDBNull(17) ? null : r.GetFieldValue<DateOnly>(17), r.IsDBNull(18) ? null : r.GetString(18), decision);
    }
}
