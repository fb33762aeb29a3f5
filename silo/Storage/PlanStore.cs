using Npgsql;
using VillageCollective.Grains.Dividends;
using VillageCollective.Grains.Money;
using VillageCollective.Silo.Api;

namespace VillageCollective.Silo.Storage;

/// <summary>A stored distribution plan: the grain's plan plus its id, status and approval date.</summary>
public sealed record PlanRow(long Id, long VillageId, string Status, DateOnly? ApprovedOn, string Note, DistributionPlan Plan)
{
    public const string Draft = "draft";
    public const string Approved = "approved";
}

/// <summary>
/// Distribution plans (收益分配方案), versioned per year. A minimal store for the foundation: draft,
/// approve, read. The plan's own rules (pool, rate, dates) are checked by <see cref="DistributionPlan"/>.
/// </summary>
public sealed class PlanStore(NpgsqlDataSource dataSource)
{
    private const string Columns = "id, village_id, status, approved_on, note, year, version, members_pool, rate_mode, fixed_rate, rounding_unit, record_date, meeting_date";

    public async Task<List<PlanRow>> ListAsync(long villageId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"SELECT {Columns} FROM distribution_plans WHERE village_id = $1 ORDER BY year DESC, version DESC", connection);
        command.Parameters.Add(new() { Value = villageId });
        return await ReadAll(command, cancellationToken);
    }

    public async Task<PlanRow?> GetAsync(long villageId, long planId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"SELECT {Columns} FROM distribution_plans WHERE village_id = $1 AND id = $2", connection);
        command.Parameters.Add(new() { Value = villageId });
        command.Parameters.Add(new() { Value = planId });
        return (await ReadAll(command, cancellationToken)).SingleOrDefault();
    }

    /// <summary>The plan of a year and version, read inside a command's transaction.</summary>
    public static async Task<PlanRow?> GetAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long villageId, int year, int version, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT {Columns} FROM distribution_plans WHERE village_id = $1 AND year = $2 AND version = $3", connection, transaction);
        command.Parameters.Add(new() { Value = villageId });
        command.Parameters.Add(new() { Value = year });
        command.Parameters.Add(new() { Value = version });
        return (await ReadAll(command, cancellationToken)).SingleOrDefault();
    }

    /// <summary>Saves <paramref name="draft"/> as a new draft plan; its version becomes the next free one of its year.</summary>
    /// <returns>The new plan's id and version.</returns>
    public async Task<(long Id, int Version)> CreateDraftAsync(long villageId, DistributionPlan draft, string note, CancellationToken cancellationToken)
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
            await using var insert = new NpgsqlCommand("""
                INSERT INTO distribution_plans (village_id, year, version, members_pool, rate_mode, fixed_rate, rounding_unit, record_date, meeting_date, status, note)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'draft', $10) RETURNING id
                """, connection, transaction);
            insert.Parameters.Add(new() { Value = villageId });
            insert.Parameters.Add(new() { Value = plan.Year });
            insert.Parameters.Add(new() { Value = plan.Version });
            insert.Parameters.Add(new() { Value = plan.MembersPool.Amount });
            insert.Parameters.Add(new() { Value = plan.Rate is FixedRate ? "fixed" : "derived" });
            insert.Parameters.Add(new() { Value = plan.Rate is FixedRate f ? f.PerShare.Amount : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Numeric });
            insert.Parameters.Add(new() { Value = plan.Rate is DerivedRate d ? d.Unit.Code : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            insert.Parameters.Add(new() { Value = plan.RecordDate });
            insert.Parameters.Add(new() { Value = plan.MeetingDate });
            insert.Parameters.Add(new() { Value = note });
            var id = (long)(await insert.ExecuteScalarAsync(cancellationToken))!;
            await transaction.CommitAsync(cancellationToken);
            return (id, version);
        }
    }

    /// <summary>Approves a draft on <paramref name="approvedOn"/> (the assembly's date).</summary>
    /// <exception cref="ProblemException">404 for an unknown plan; 409 when it is approved already.</exception>
    public async Task ApproveAsync(long villageId, long planId, DateOnly approvedOn, CancellationToken cancellationToken)
    {
        var (connection, transaction) = await VillageLock.BeginAsync(dataSource, villageId, cancellationToken);
        await using (connection)
        await using (transaction)
        {
            await using var command = new NpgsqlCommand("SELECT status FROM distribution_plans WHERE village_id = $1 AND id = $2", connection, transaction);
            command.Parameters.Add(new() { Value = villageId });
            command.Parameters.Add(new() { Value = planId });
            var status = await command.ExecuteScalarAsync(cancellationToken) as string ?? throw ProblemException.NotFound("planId", "分配方案");
            if (status == PlanRow.Approved)
            {
                throw new ProblemException(StatusCodes.Status409Conflict, "plan.alreadyApproved", "planId", "方案已批准，不能再改 (the plan is approved already)");
            }
            await using var update = new NpgsqlCommand("UPDATE distribution_plans SET status = 'approved', approved_on = $3 WHERE village_id = $1 AND id = $2", connection, transaction);
            update.Parameters.Add(new() { Value = villageId });
            update.Parameters.Add(new() { Value = planId });
            update.Parameters.Add(new() { Value = approvedOn });
            await update.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
    }

    private static async Task<List<PlanRow>> ReadAll(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var plans = new List<PlanRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            RateRule rate = reader.GetString(8) == "fixed"
                ? new FixedRate(new Yuan(reader.GetDecimal(9)))
                : new DerivedRate(RoundingUnit.Parse(reader.GetString(10)));
            var plan = new DistributionPlan(reader.GetInt32(5), reader.GetInt32(6), new Yuan(reader.GetDecimal(7)), rate,
                reader.GetFieldValue<DateOnly>(11), reader.GetFieldValue<DateOnly>(12));
            plans.Add(new PlanRow(reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetFieldValue<DateOnly>(3), reader.GetString(4), plan));
        }
        return plans;
    }
}
