using Microsoft.AspNetCore.Identity;
using Npgsql;
using NpgsqlTypes;
using VillageCollective.Grains.Books;
using VillageCollective.Grains.Household;
using VillageCollective.Grains.Money;
using VillageCollective.Silo.Storage;

namespace VillageCollective.Silo.Demo;

/// <summary>A demo login that <c>scripts/run</c> prints.</summary>
public sealed record DemoLogin(string Login, string Password, string DisplayName, string Role);

/// <summary>
/// Loads the Baiyanghe demo village (marked <c>is_demo</c>): its register, its 2025 books, its approved 2025 plan
/// (members' pool 186,500.00 yuan, rate derived and rounded down to the yuan = 220 yuan a share,
/// record date 2025-11-30, meeting 2025-12-01) and its demo logins. All in one transaction.
/// </summary>
/// <remarks>The grain factory (Orleans registers it in a silo) is needed by <see cref="LoadPartnershipsAsync"/> only, so that
/// a loader built without a silo (the benchmarks, the crash tests) still loads Baiyanghe.</remarks>
public sealed class DemoLoader(NpgsqlDataSource dataSource, IPasswordHasher<Account> hasher, IGrainFactory? grains = null)
{
    public const string VillageCode = "baiyanghe";

    /// <summary>The demo logins (passwords are demo data, printed by scripts/run).</summary>
    public static readonly IReadOnlyList<DemoLogin> Logins =
    [
        new("baiyanghe-kuaiji", "baiyanghe2025", "白杨河村会计（演示）", Api.Roles.Accountant),
        new("baiyanghe-chuna", "baiyanghe2025", "白杨河村出纳（演示）", Api.Roles.Cashier),
        new("baiyanghe-xiang", "baiyanghe2025", "白杨河乡农经站（演示）", Api.Roles.TownshipOverseer),
        new("mulei-xian", "baiyanghe2025", "木垒县农经站管理员（演示）", Api.Roles.CountyAdmin),
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
        // The village row and its place (county, township): not the village grain's data, they stay here.
        var villageId = await InsertVillageAsync(connection, transaction, cancellationToken);
        var (townshipId, countyId) = await PlaceVillageAsync(connection, transaction, villageId, cancellationToken);

        // Village data, one step per kind; each is to become one command of the village grain (IVillageGrain), called once
        // the transaction above has committed the village row:
        // 1. The register (households, members, the reform's allocations and later enrolments): the register part's import.
        var householdIds = await InsertHouseholdsAsync(connection, transaction, villageId, households, cancellationToken);
        await MemberCopy.WriteAsync(connection, villageId, households.SelectMany(h => h.Members.Select(m =>
            new MemberCopyRow(householdIds[h.Number], m.Member, Phone: "", MemberSince: null, SinceReason: "", IsDemo: true))), cancellationToken);
        await CopyMovementsAsync(connection, villageId, households, householdIds, cancellationToken);
        // 2. The charter (dynamic management, shares to 0.1): the charter's command.
        await InsertCharterAsync(connection, transaction, villageId, cancellationToken);
        // 3. The 2025 books (opening balance and entries): the books part's entries.
        await InsertBooksAsync(connection, transaction, villageId, cancellationToken);
        // 4. The approved 2025 plan: the plans part's command (a plan recorded as approved).
        await InsertPlanAsync(connection, transaction, villageId, cancellationToken);

        // The demo logins: accounts, not village data.
        foreach (var login in Logins)
        {
            var homeVillage = login.Role is Api.Roles.Accountant or Api.Roles.Cashier ? villageId : (long?)null;
            var account = new Account(0, login.Login, login.DisplayName, "", login.Role, homeVillage);
            await AccountStore.UpsertAsync(connection, transaction, account with { PasswordHash = hasher.HashPassword(account, login.Password) }, isDemo: true, cancellationToken);
            await AccountStore.GrantAsync(connection, transaction, login.Login, login.Role switch
            {
                Api.Roles.TownshipOverseer => new Api.RoleGrant(login.Role, null, townshipId, null),
                Api.Roles.CountyAdmin => new Api.RoleGrant(login.Role, null, null, countyId),
                _ => new Api.RoleGrant(login.Role, villageId, null, null),
            }, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return villageId;
    }

    /// <summary>
    /// The partnerships' demo (<see cref="PartnershipDemo"/>: 昌吉市's two contracts and the pooled project in 木垒县 › 东城镇)
    /// beside a loaded Baiyanghe: places and contracts in one transaction, then each year's settlement and payments through
    /// the partnership grains; scripts/run loads it on first start with the demo county. Kept out of <see cref="LoadAsync"/>
    /// so that the tests' per-test demo stays Baiyanghe alone and the comparison's hand-computed county totals hold.
    /// </summary>
    public async Task LoadPartnershipsAsync(CancellationToken cancellationToken)
    {
        var partnershipGrains = grains ?? throw new InvalidOperationException("the partnerships' demo is settled through grains: load it in a silo");
        List<PartnershipDemo.GrainCommands> commands;
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            var countyId = (long)(await Sql.ScalarAsync(connection, transaction, "SELECT id FROM counties WHERE name = '木垒县'", cancellationToken)
                ?? throw new InvalidOperationException("load the Baiyanghe demo first"));
            commands = await PartnershipDemo.LoadAsync(connection, transaction, countyId, hasher, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        await PartnershipDemo.SettleAsync(partnershipGrains, commands);
    }

    // 木垒县 › 白杨河乡 › 白杨河村: the county and township are created once and reused.
    private static async Task<(long TownshipId, long CountyId)> PlaceVillageAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long villageId,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            WITH county AS (INSERT INTO counties (name) VALUES ('木垒县') ON CONFLICT (name) DO UPDATE SET name = excluded.name RETURNING id),
                 township AS (INSERT INTO townships (county_id, name) SELECT id, '白杨河乡' FROM county
                              ON CONFLICT (county_id, name) DO UPDATE SET name = excluded.name RETURNING id, county_id)
            UPDATE villages SET township_id = (SELECT id FROM township) WHERE id = $1 RETURNING township_id, (SELECT county_id FROM township)
            """, connection, transaction);
        command.Parameters.Add(new() { Value = villageId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.GetInt64(1));
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

    // The approved 2025 plan (a representatives' assembly of 31 delegates on 2025-11-20, twelve days after the notice):
    // 15% reserve of 235,750.00 = 35,362.50, welfare fund 8,000.00, members' pool 186,500.00, rate rounded down to the yuan.
    private static async Task InsertPlanAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long villageId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO distribution_plans (village_id, year, version, members_pool, rate_mode, rounding_unit, record_date, meeting_date, status, approved_on, note,
                reserve_percent, welfare_fund, notice_published_on, notice_token, assembly_kind, assembly_date, eligible, present, votes_for, votes_against, abstaining,
                approved_reserve)
            VALUES ($1, 2025, 1, 186500.00, 'derived', 'yuan', '2025-11-30', '2025-12-01', 'approved', '2025-11-20',
                    '2025年度收益分配方案：提取公积公益金15%，福利费8,000元，成员分配额186,500元，每股分红按元取整（演示数据）',
                    15, 8000.00, '2025-11-08', $2, 'representatives', '2025-11-20', 31, 28, 27, 0, 1, 35362.50)
            """, connection, transaction);
        command.Parameters.Add(new() { Value = villageId });
        command.Parameters.Add(new() { Value = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)) });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Baiyanghe's 2025 books (plausible demo figures): income 319,300.00, costs 96,000.00, net income 223,300.00; with the
    /// 12,450.00 carried in, 235,750.00 distributable — enough for the plan above, which pays exactly 220 yuan a share.
    /// </summary>
    public static readonly IReadOnlyList<BookEntry> Books2025 =
    [
        Entry("2025-01-10", EntryCategory.ContractingIncome, "本村承包户", "记-2025-001", 78_400.00m),
        Entry("2025-03-15", EntryCategory.OperatingIncome, "冷库租赁户", "记-2025-014", 42_600.00m),
        Entry("2025-03-31", EntryCategory.OperatingCost, "国网木垒县供电公司", "记-2025-016", 21_400.00m),
        Entry("2025-04-01", EntryCategory.ContractingIncome, "草场承包户", "记-2025-019", 18_000.00m),
        Entry("2025-06-18", EntryCategory.SubsidyIncome, "白杨河乡财政所", "记-2025-041", 30_000.00m),
        Entry("2025-06-30", EntryCategory.ManagementCost, "办公及会议", "记-2025-044", 14_700.00m),
        Entry("2025-07-20", EntryCategory.OperatingIncome, "农机服务队", "记-2025-052", 51_300.00m),
        Entry("2025-08-31", EntryCategory.OperatingCost, "农机燃油及维修", "记-2025-063", 30_700.00m),
        Entry("2025-09-09", EntryCategory.OtherIncome, "闲置资产处置", "记-2025-070", 4_300.00m),
        Entry("2025-10-15", EntryCategory.OtherCost, "公益设施维护", "记-2025-078", 5_200.00m),
        Entry("2025-10-30", EntryCategory.OperatingIncome, "村集体超市", "记-2025-081", 34_700.00m),
        Entry("2025-11-05", EntryCategory.InvestmentIncome, "村企联营：木垒县某农业科技有限公司", "记-2025-085", 60_000.00m),
        Entry("2025-11-10", EntryCategory.ManagementCost, "村干部报酬（集体承担部分）", "记-2025-088", 24_000.00m),
    ];

    /// <summary>年初未分配收益 of 2025 (entered: the demo has no 2024 books).</summary>
    public const decimal Opening2025 = 12_450.00m;

    private static BookEntry Entry(string date, EntryCategory category, string counterparty, string document, decimal amount) =>
        new(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), 2025, category, counterparty, document, new Yuan(amount));

    private static async Task InsertBooksAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long villageId, CancellationToken cancellationToken)
    {
        await using (var year = new NpgsqlCommand("INSERT INTO fiscal_years (village_id, year, opening_undistributed) VALUES ($1, 2025, $2)", connection, transaction))
        {
            year.Parameters.Add(new() { Value = villageId });
            year.Parameters.Add(new() { Value = Opening2025 });
            await year.ExecuteNonQueryAsync(cancellationToken);
        }
        foreach (var entry in Books2025)
        {
            await BooksStore.InsertAsync(connection, transaction, villageId, entry, null, "", "demo", cancellationToken);
        }
    }
}
