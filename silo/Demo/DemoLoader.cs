using Microsoft.AspNetCore.Identity;
using Npgsql;
using NpgsqlTypes;
using VillageCollective.Grains.Household;
using VillageCollective.Silo.Storage;

namespace VillageCollective.Silo.Demo;

/// <summary>A demo login that <c>scripts/run</c> prints.</summary>
public sealed record DemoLogin(string Login, string Password, string DisplayName, string Role);

/// <summary>
/// Loads the Baiyanghe demo village (marked <c>is_demo</c>): its register, its approved 2025 plan
/// (members' pool 186,500.00 yuan, rate derived and rounded down to the yuan = 220 yuan a share,
/// record date 2025-11-30, meeting 2025-12-01) and its demo logins. All in one transaction.
/// </summary>
public sealed class DemoLoader(NpgsqlDataSource dataSource, IPasswordHasher<Account> hasher)
{
    public const string VillageCode = "baiyanghe";

    /// <summary>The demo logins (passwords are demo data, printed by scripts/run).</summary>
    public static readonly IReadOnlyList<DemoLogin> Logins =
    [
        new("baiyanghe-kuaiji", "baiyanghe2025", "白杨河村会计（演示）", "accountant"),
        new("baiyanghe-chuna", "baiyanghe2025", "白杨河村出纳（演示）", "cashier"),
    ];

    /// <summary>True when the database holds no village yet.</summary>
    public async Task<bool> IsEmptyAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT NOT EXISTS (SELECT 1 FROM villages)");
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Loads the demo village; returns its id.</summary>
    public async Task<long> LoadAsync(CancellationToken cancellationToken)
    {
        var households = BaiyangheRegister.Generate();
        // The village grain checks the generated register (one head each, unique numbers and IDs).
        var village = new Grains.Village.Village("白杨河村");
        foreach (var household in households) village.AddHousehold(household.ToHousehold());

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var villageId = await InsertVillageAsync(connection, transaction, cancellationToken);
        var householdIds = await InsertHouseholdsAsync(connection, transaction, villageId, households, cancellationToken);
        await CopyMembersAsync(connection, villageId, households, householdIds, cancellationToken);
        await CopyMovementsAsync(connection, villageId, households, householdIds, cancellationToken);
        await InsertCharterAsync(connection, transaction, villageId, cancellationToken);
        await InsertPlanAsync(connection, transaction, villageId, cancellationToken);
        foreach (var login in Logins)
        {
            var account = new Account(0, login.Login, login.DisplayName, "", login.Role, villageId);
            await AccountStore.UpsertAsync(connection, transaction, account with { PasswordHash = hasher.HashPassword(account, login.Password) }, isDemo: true, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return villageId;
    }

    private static async Task<long> InsertVillageAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "INSERT INTO villages (code, name, township, county, is_demo) VALUES ($1, '白杨河村', '白杨河乡', '木垒县', true) RETURNING id", connection, transaction);
        command.Parameters.Add(new() { Value = VillageCode });
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    // One statement for all households (unnest of arrays), returning their ids in number order.
    private static async Task<Dictionary<int, long>> InsertHouseholdsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long villageId,
        IReadOnlyList<DemoHousehold> households, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO households (village_id, number, head_name, village_group, is_demo)
            SELECT $1, n, h, g, true FROM unnest($2::int[], $3::text[], $4::text[]) AS t(n, h, g)
            RETURNING number, id
            """, connection, transaction);
        command.Parameters.Add(new() { Value = villageId });
        command.Parameters.Add(new() { Value = households.Select(h => h.Number).ToArray() });
        command.Parameters.Add(new() { Value = households.Select(h => h.Members[0].Member.Name).ToArray() });
        command.Parameters.Add(new() { Value = households.Select(h => VillageGroupOf(h.Number)).ToArray() });
        var ids = new Dictionary<int, long>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) ids[reader.GetInt32(0)] = reader.GetInt64(1);
        return ids;
    }

    private static async Task CopyMembersAsync(NpgsqlConnection connection, long villageId, IReadOnlyList<DemoHousehold> households,
        Dictionary<int, long> householdIds, CancellationToken cancellationToken)
    {
        await using var importer = await connection.BeginBinaryImportAsync(
            "COPY members (village_id, household_id, name, sex, birth_date, resident_id, relation, is_demo) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var household in households)
        {
            foreach (var member in household.Members.Select(m => m.Member))
            {
                await importer.StartRowAsync(cancellationToken);
                await importer.WriteAsync(villageId, NpgsqlDbType.Bigint, cancellationToken);
                await importer.WriteAsync(householdIds[household.Number], NpgsqlDbType.Bigint, cancellationToken);
                await importer.WriteAsync(member.Name, NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(member.Sex == Sex.Male ? "male" : "female", NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(member.BirthDate, NpgsqlDbType.Date, cancellationToken);
                await importer.WriteAsync(member.ResidentId.Value, NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(member.RelationToHead, NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(true, NpgsqlDbType.Boolean, cancellationToken);
            }
        }
        await importer.CompleteAsync(cancellationToken);
    }

    // The journal: one allocation at the reform per household for its reform members, then one
    // enrolment movement per member who joined later, on the day they joined.
    private static async Task CopyMovementsAsync(NpgsqlConnection connection, long villageId, IReadOnlyList<DemoHousehold> households,
        Dictionary<int, long> householdIds, CancellationToken cancellationToken)
    {
        await using var importer = await connection.BeginBinaryImportAsync(
            "COPY share_movements (village_id, movement_no, household_id, share_class, delta, effective_on, kind, reason, entered_by) FROM STDIN (FORMAT BINARY)", cancellationToken);
        var movementNo = 0L;
        foreach (var household in households)
        {
            var atReform = household.Members.Where(m => m.Kind != DemoMemberKind.JoinedAfterReform).Sum(m => m.Shares.Value);
            await WriteMovement(importer, villageId, ++movementNo, householdIds[household.Number], atReform, BaiyangheRegister.ReformDate, "allocation", "产权制度改革折股量化（演示数据）", cancellationToken);
            foreach (var joined in household.Members.Where(m => m.Kind == DemoMemberKind.JoinedAfterReform))
            {
                await WriteMovement(importer, villageId, ++movementNo, householdIds[household.Number], joined.Shares.Value, joined.Member.BirthDate, "enrolment",
                    $"新增成员{joined.Member.Name}配股（演示数据）", cancellationToken);
            }
        }
        await importer.CompleteAsync(cancellationToken);
    }

    private static async Task WriteMovement(NpgsqlBinaryImporter importer, long villageId, long movementNo, long householdId, decimal delta, DateOnly on, string kind,
        string reason, CancellationToken cancellationToken)
    {
        await importer.StartRowAsync(cancellationToken);
        await importer.WriteAsync(villageId, NpgsqlDbType.Bigint, cancellationToken);
        await importer.WriteAsync(movementNo, NpgsqlDbType.Bigint, cancellationToken);
        await importer.WriteAsync(householdId, NpgsqlDbType.Bigint, cancellationToken);
        await importer.WriteAsync(BasicClassCode, NpgsqlDbType.Text, cancellationToken);
        await importer.WriteAsync(delta, NpgsqlDbType.Numeric, cancellationToken);
        await importer.WriteAsync(on, NpgsqlDbType.Date, cancellationToken);
        await importer.WriteAsync(kind, NpgsqlDbType.Text, cancellationToken);
        await importer.WriteAsync(reason, NpgsqlDbType.Text, cancellationToken);
        await importer.WriteAsync("demo", NpgsqlDbType.Text, cancellationToken);
    }

    /// <summary>The demo's one share class: code <c>basic</c>, 基本股.</summary>
    public const string BasicClassCode = "basic";

    /// <summary>The demo's six village groups (村民小组), households numbered in runs of 50.</summary>
    public static string VillageGroupOf(int householdNumber) =>
        $"第{"一二三四五六"[Math.Min((householdNumber - 1) / 50, 5)]}村民小组";

    // Dynamic management (children born after the reform were allotted 0.2 share), shares to 0.1 (the demo's 0.2 and 0.5
    // shares fit), record date set in each plan, no cancellation on exit.
    private static async Task InsertCharterAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long villageId, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new("INSERT INTO village_charters (village_id, management, share_precision, record_date_rule, cancellation_on_exit, updated_by) VALUES ($1, 'dynamic', 0.1, 'setInPlan', false, 'demo')")
                    { Parameters = { new() { Value = villageId } } },
                new("INSERT INTO share_classes (village_id, code, name, position) VALUES ($1, $2, '基本股', 1)")
                    { Parameters = { new() { Value = villageId }, new() { Value = BasicClassCode } } },
            },
        };
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task InsertPlanAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long villageId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO distribution_plans (village_id, year, version, members_pool, rate_mode, rounding_unit, record_date, meeting_date, status, approved_on, note)
            VALUES ($1, 2025, 1, 186500.00, 'derived', 'yuan', '2025-11-30', '2025-12-01', 'approved', '2025-11-20',
                    '2025年度收益分配方案：成员分配额186,500元，每股分红按元取整（演示数据）')
            """, connection, transaction);
        command.Parameters.Add(new() { Value = villageId });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
