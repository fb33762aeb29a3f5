using System.Globalization;
using Npgsql;
using NpgsqlTypes;
using VillageCollective.Grains.Dividends;
using VillageCollective.Grains.Household;
using VillageCollective.Grains.Shares;
using VillageCollective.Grains.Money;
using VillageCollective.Silo.Storage;

namespace VillageCollective.Silo.Demo;

/// <summary>
/// The demo county for the overseers' comparison (issue 7): 79 synthetic villages (codes <c>mulei-demo-NNN</c>, all
/// <c>is_demo</c>) in five townships of 木垒县 — 白杨河乡 (beside the real Baiyanghe, which it leaves as it is), 东城镇,
/// 西吉尔镇, 大石头乡, 英格堡乡 — with registers, books 2021–2025, an approved plan, a dividend run and a closed dividend
/// meeting per year. Generated from a fixed seed, so every load is the same; the spread is plausible for the county
/// (domain.md: most villages between 100,000 and 1,000,000 yuan of operating income, a few weak ones, about three above
/// 1,000,000; joint ventures (投资收益) from 2023 in a third of them). Set-based: arrays and binary COPY in one transaction.
/// Run by <c>scripts/run</c>'s first start (<c>Demo:LoadWhenEmpty</c>), never by the tests' per-test reset.
/// </summary>
public sealed class DemoCountyLoader(NpgsqlDataSource dataSource)
{
    /// <summary>How big a demo county to generate: villages, years of books, households per village (at least <paramref name="MinHouseholds"/>,
    /// up to <paramref name="MinHouseholds"/> + <paramref name="HouseholdSpread"/> − 1).</summary>
    public sealed record Shape(int Villages, int FirstYear, int LastYear, int MinHouseholds, int HouseholdSpread);

    /// <summary>The demo of <c>scripts/run</c>: 79 villages beside Baiyanghe (80 in all), books 2021–2025, 120–419 households each.</summary>
    public static readonly Shape Demo = new(79, FirstYear, LastYear, 120, 300);

    /// <summary>The seed of the generator: the demo is the same on every machine.</summary>
    public const int Seed = 20251201;

    /// <summary>The code prefix of the synthetic villages (clear of real county codes such as 652328…).</summary>
    public const string CodePrefix = "mulei-demo-";

    /// <summary>The first and last year of the demo's books.</summary>
    public const int FirstYear = 2021, LastYear = 2025;

    private static readonly string[] Townships = ["白杨河乡", "东城镇", "西吉尔镇", "大石头乡", "英格堡乡"];
    private static readonly string[] First = ["东", "西", "南", "北", "新", "上", "下", "大", "小", "红", "青", "白", "沙", "泉", "双", "三"];
    private static readonly string[] Second = ["湾", "沟", "庄", "梁", "滩", "渠", "坪", "湖", "台", "营"];
    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "马", "周", "吴", "徐", "孙", "朱", "胡", "郭", "何", "高", "罗", "韩", "苏"];
    private static readonly string[] Given = ["建国", "国强", "军", "明", "伟", "芳", "丽", "娟", "敏", "静", "秀英", "海", "文斌", "华", "平", "玲", "桂兰", "萍", "永福", "德胜"];

    private sealed record DemoVillage(int Index, string Code, string Name, string Township, List<DemoHome> Homes, List<DemoYear> Years, decimal Opening);

    private sealed record DemoHome(int Number, string Head, List<(string Name, bool Male, DateOnly Birth, string Relation)> Members, decimal Shares);

    private sealed record DemoYear(int Year, Dictionary<string, decimal> Books, decimal ReservePercent, decimal Welfare, decimal Pool, decimal Rate, DateOnly Meeting);

    /// <summary>True when the demo county's villages are loaded already.</summary>
    public async Task<bool> IsLoadedAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT EXISTS (SELECT 1 FROM villages WHERE code LIKE '{CodePrefix}%')");
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Loads the demo county in one transaction; returns how many villages it added.</summary>
    public Task<int> LoadAsync(CancellationToken cancellationToken) => LoadAsync(Demo, cancellationToken);

    /// <summary>Loads a demo county of <paramref name="shape"/> (e.g. the benchmark's 300 villages × 10 years) in one transaction.</summary>
    public async Task<int> LoadAsync(Shape shape, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var villages = Generate(shape);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, transaction, "SELECT set_config('vc.actor', 'demo', true)", cancellationToken);
        await ExecuteAsync(connection, transaction, """
            WITH county AS (INSERT INTO counties (name) VALUES ('木垒县') ON CONFLICT (name) DO UPDATE SET name = excluded.name RETURNING id)
            INSERT INTO townships (county_id, name) SELECT county.id, t FROM county, unnest($1::text[]) t ON CONFLICT (county_id, name) DO NOTHING
            """, cancellationToken, (object)Townships);
        var ids = new Dictionary<string, long>();
        await using (var command = Sql.Command(connection, transaction, """
            INSERT INTO villages (code, name, township, county, is_demo, township_id, min_reserve_percent)
            SELECT c, n, t, '木垒县', true, (SELECT tw.id FROM townships tw JOIN counties co ON co.id = tw.county_id WHERE co.name = '木垒县' AND tw.name = t), 10
            FROM unnest($1::text[], $2::text[], $3::text[]) AS x(c, n, t) RETURNING code, id
            """, villages.Select(v => v.Code).ToArray(), villages.Select(v => v.Name).ToArray(), villages.Select(v => v.Township).ToArray()))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken)) ids[reader.GetString(0)] = reader.GetInt64(1);
        }
        await ExecuteAsync(connection, transaction, $"""
            INSERT INTO village_charters (village_id, management, share_precision, record_date_rule, cancellation_on_exit, updated_by)
            SELECT id, 'static', 0.1, 'dayBeforeMeeting', false, 'demo' FROM villages WHERE code LIKE '{CodePrefix}%';
            INSERT INTO share_classes (village_id, code, name, position) SELECT id, 'basic', '基本股', 1 FROM villages WHERE code LIKE '{CodePrefix}%';
            """, cancellationToken);

        var homes = villages.SelectMany(v => v.Homes.Select(h => (Village: ids[v.Code], Home: h))).ToList();
        var homeIds = new Dictionary<(long, int), long>();
        await using (var command = Sql.Command(connection, transaction, """
            INSERT INTO households (village_id, number, head_name, village_group, is_demo)
            SELECT v, n, h, g, true FROM unnest($1::bigint[], $2::int[], $3::text[], $4::text[]) AS x(v, n, h, g) RETURNING village_id, number, id
            """, homes.Select(h => h.Village).ToArray(), homes.Select(h => h.Home.Number).ToArray(), homes.Select(h => h.Home.Head).ToArray(),
            homes.Select(h => DemoLoader.VillageGroupOf(h.Home.Number)).ToArray()))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken)) homeIds[(reader.GetInt64(0), reader.GetInt32(1))] = reader.GetInt64(2);
        }
        // Village data, one set-based step per kind over all villages; each is to become one command per village grain
        // (IVillageGrain), called for the villages in parallel once the village rows are committed, with the set-based
        // writing kept inside the grains' storage so that the first start stays fast (~26 s in all today):
        // 1. The registers (members, the reform's allocations): the register part's import.
        await CopyRegisterAsync(connection, villages, ids, homeIds, cancellationToken);
        // 2. The books of each year (opening balance and entries): the books part's entries.
        await InsertBooksAsync(connection, transaction, villages, ids, cancellationToken);
        // 3. The approved plan of each year: the plans part's command.
        await InsertPlansAsync(connection, transaction, villages, ids, cancellationToken);
        // 4. Each plan's run with its lines: the runs part's start of a run.
        await InsertRunsAsync(connection, transaction, villages, ids, homeIds, cancellationToken);
        // 5. Each run's meeting, held and closed: the dividend-meeting grain's marks and closing.
        await MeetingsAsync(connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return villages.Count;
    }

    private static async Task CopyRegisterAsync(NpgsqlConnection connection, List<DemoVillage> villages, Dictionary<string, long> ids,
        Dictionary<(long, int), long> homeIds, CancellationToken cancellationToken)
    {
        await using (var members = await connection.BeginBinaryImportAsync(
            "COPY members (village_id, household_id, name, sex, birth_date, resident_id, relation, is_demo) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var village in villages)
            {
                var used = new Dictionary<DateOnly, int>();
                foreach (var home in village.Homes)
                {
                    foreach (var (name, male, birth, relation) in home.Members)
                    {
                        var n = used.GetValueOrDefault(birth);
                        used[birth] = n + 1;
                        var first17 = $"652328{birth:yyyyMMdd}{n * 2 + (male ? 1 : 2):000}";
                        await members.WriteRowAsync(cancellationToken, ids[village.Code], homeIds[(ids[village.Code], home.Number)], name, male ? "male" : "female",
                            birth, first17 + ResidentId.CheckCharacter(first17), relation, true);
                    }
                }
            }
            await members.CompleteAsync(cancellationToken);
        }
        await using var movements = await connection.BeginBinaryImportAsync(
            "COPY share_movements (village_id, movement_no, household_id, share_class, delta, effective_on, kind, reason, entered_by) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var village in villages)
        {
            foreach (var home in village.Homes)
            {
                await movements.StartRowAsync(cancellationToken);
                await movements.WriteAsync(ids[village.Code], NpgsqlDbType.Bigint, cancellationToken);
                await movements.WriteAsync((long)home.Number, NpgsqlDbType.Bigint, cancellationToken);
                await movements.WriteAsync(homeIds[(ids[village.Code], home.Number)], NpgsqlDbType.Bigint, cancellationToken);
                await movements.WriteAsync(DemoLoader.BasicClassCode, NpgsqlDbType.Text, cancellationToken);
                await movements.WriteAsync(home.Shares, NpgsqlDbType.Numeric, cancellationToken);
                await movements.WriteAsync(new DateOnly(2019, 12, 31), NpgsqlDbType.Date, cancellationToken);
                await movements.WriteAsync("allocation", NpgsqlDbType.Text, cancellationToken);
                await movements.WriteAsync("产权制度改革折股量化（演示数据）", NpgsqlDbType.Text, cancellationToken);
                await movements.WriteAsync("demo", NpgsqlDbType.Text, cancellationToken);
            }
        }
        await movements.CompleteAsync(cancellationToken);
    }

    private static readonly (string Code, string Counterparty)[] Categories =
    [
        ("operating_income", "村集体经营项目"), ("contracting_income", "土地及资产发包"), ("investment_income", "村企联营分红"),
        ("subsidy_income", "乡财政所"), ("other_income", "其他"), ("operating_cost", "经营支出"), ("management_cost", "办公及村干部报酬"), ("other_cost", "公益设施维护"),
    ];

    private static async Task InsertBooksAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, List<DemoVillage> villages,
        Dictionary<string, long> ids, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, transaction, "INSERT INTO fiscal_years (village_id, year, opening_undistributed) SELECT * FROM unnest($1::bigint[], $2::int[], $3::numeric[])",
            cancellationToken, villages.Select(v => ids[v.Code]).ToArray(), villages.Select(v => v.Years[0].Year).ToArray(), villages.Select(v => v.Opening).ToArray());
        var entries = villages.SelectMany(v => v.Years.SelectMany(y => Categories.Where(c => y.Books.GetValueOrDefault(c.Code) > 0)
            .Select((c, i) => (Village: ids[v.Code], y.Year, Category: c.Code, c.Counterparty, Amount: y.Books[c.Code], Document: $"记-{y.Year}-{i + 1:000}")))).ToList();
        await ExecuteAsync(connection, transaction, """
            INSERT INTO book_entries (village_id, year, entry_date, category, counterparty, document_no, amount, entered_by)
            SELECT v, y, make_date(y, 11, 30), c, p || '（演示数据）', d, a, 'demo'
            FROM unnest($1::bigint[], $2::int[], $3::text[], $4::text[], $5::text[], $6::numeric[]) AS x(v, y, c, p, d, a)
            """, cancellationToken, entries.Select(e => e.Village).ToArray(), entries.Select(e => e.Year).ToArray(), entries.Select(e => e.Category).ToArray(),
            entries.Select(e => e.Counterparty).ToArray(), entries.Select(e => e.Document).ToArray(), entries.Select(e => e.Amount).ToArray());
    }

    private static async Task InsertPlansAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, List<DemoVillage> villages,
        Dictionary<string, long> ids, CancellationToken cancellationToken)
    {
        // The approved plan of each year: reserve as a percentage (its yuan locked at approval), a fixed per-share rate (the run pays it: InsertRunsAsync).
        var plans = villages.SelectMany(v => v.Years.Where(y => y.Rate > 0).Select(y => (Village: ids[v.Code], Y: y, Reserve: ReserveOf(v, y)))).ToList();
        await ExecuteAsync(connection, transaction, """
            INSERT INTO distribution_plans (village_id, year, version, members_pool, rate_mode, fixed_rate, record_date, meeting_date, status, approved_on, note,
                reserve_percent, welfare_fund, notice_published_on, assembly_kind, assembly_date, eligible, present, votes_for, votes_against, abstaining, approved_reserve)
            SELECT v, y, 1, pool, 'fixed', rate, m - 1, m, 'approved', m - 10, y || '年度收益分配方案（演示数据）',
                   pct, welfare, m - 22, 'representatives', m - 10, 31, 29, 28, 0, 1, reserve
            FROM unnest($1::bigint[], $2::int[], $3::numeric[], $4::numeric[], $5::date[], $6::numeric[], $7::numeric[], $8::numeric[])
                AS x(v, y, pool, rate, m, pct, welfare, reserve)
            """, cancellationToken, plans.Select(p => p.Village).ToArray(), plans.Select(p => p.Y.Year).ToArray(), plans.Select(p => p.Y.Pool).ToArray(),
            plans.Select(p => p.Y.Rate).ToArray(), plans.Select(p => p.Y.Meeting).ToArray(), plans.Select(p => p.Y.ReservePercent).ToArray(),
            plans.Select(p => p.Y.Welfare).ToArray(), plans.Select(p => p.Reserve).ToArray());
    }

    // The big statements (a benchmark county writes hundreds of thousands of rows each) may take longer than a request's default timeout.
    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken, params object?[] values)
    {
        await using var command = Sql.Command(connection, transaction, sql, values);
        command.CommandTimeout = 600;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static decimal ReserveOf(DemoVillage village, DemoYear year) => Distributable(village, year.Year) is var d && d > 0
        ? Yuan.RoundToFen(d * year.ReservePercent / 100m).Amount : 0m;

    // 可分配收益 as the books compute it: net income + the year before's closing (its distributable − the plan's lines + the run's residue).
    private static decimal Distributable(DemoVillage village, int year)
    {
        var closing = village.Opening;
        var shares = village.Homes.Sum(h => h.Shares);
        foreach (var y in village.Years.Where(y => y.Year <= year))
        {
            var net = y.Books.Where(b => !b.Key.EndsWith("_cost", StringComparison.Ordinal)).Sum(b => b.Value) - y.Books.Where(b => b.Key.EndsWith("_cost", StringComparison.Ordinal)).Sum(b => b.Value);
            var distributable = net + closing;
            if (y.Year == year) return distributable;
            var reserve = y.Rate > 0 ? Yuan.RoundToFen(distributable * y.ReservePercent / 100m).Amount : 0m;
            closing = y.Rate > 0 ? distributable - reserve - y.Welfare - y.Pool + (y.Pool - y.Rate * shares) : distributable;
        }
        return closing;
    }

    // Each approved plan's run as the silo computes one (DividendCalculator: round(shares × rate, fen) per household, pool =
    // Σ payouts + residue), its row inserted in one statement and its lines by binary COPY.
    private static async Task InsertRunsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, List<DemoVillage> villages, Dictionary<string, long> ids,
        Dictionary<(long, int), long> homeIds, CancellationToken cancellationToken)
    {
        var plans = new Dictionary<(long, int), long>();
        await using (var command = Sql.Command(connection, transaction,
            $"SELECT p.village_id, p.year, p.id FROM distribution_plans p JOIN villages v ON v.id = p.village_id WHERE v.code LIKE '{CodePrefix}%'"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken)) plans[(reader.GetInt64(0), reader.GetInt32(1))] = reader.GetInt64(2);
        }
        var runs = villages.SelectMany(v => v.Years.Where(y => y.Rate > 0).Select(y =>
        {
            var id = ids[v.Code];
            var plan = new DistributionPlan(y.Year, 1, new Yuan(y.Pool), new FixedRate(new Yuan(y.Rate)), y.Meeting.AddDays(-1), y.Meeting);
            var result = DividendCalculator.Compute(plan, v.Homes.Select(h => new HouseholdShares(homeIds[(id, h.Number)], new ShareCount(h.Shares))).ToList());
            return (Village: v, Id: id, Year: y, Result: result);
        })).ToList();

        var runIds = new Dictionary<(long, int), long>();
        await using (var command = Sql.Command(connection, transaction, """
            INSERT INTO dividend_runs (village_id, plan_id, year, plan_version, idempotency_key, request_fingerprint, per_share_rate, total_shares, pool, total_paid,
                residue, household_count, started_by, started_at)
            SELECT v, p, y, 1, 'demo-' || y, 'demo', rate, shares, pool, paid, residue, households, 'demo', ((m - 2)::timestamp) AT TIME ZONE 'Asia/Shanghai'
            FROM unnest($1::bigint[], $2::bigint[], $3::int[], $4::numeric[], $5::numeric[], $6::numeric[], $7::numeric[], $8::numeric[], $9::int[], $10::date[])
                AS x(v, p, y, rate, shares, pool, paid, residue, households, m)
            RETURNING village_id, year, id
            """, runs.Select(r => r.Id).ToArray(), runs.Select(r => plans[(r.Id, r.Year.Year)]).ToArray(), runs.Select(r => r.Year.Year).ToArray(),
            runs.Select(r => r.Result.PerShareRate.Amount).ToArray(), runs.Select(r => r.Result.TotalShares.Value).ToArray(),
            runs.Select(r => r.Result.Pool.Amount).ToArray(), runs.Select(r => r.Result.TotalPaid.Amount).ToArray(), runs.Select(r => r.Result.Residue.Amount).ToArray(),
            runs.Select(r => r.Result.Lines.Count).ToArray(), runs.Select(r => r.Year.Meeting).ToArray()))
        {
            command.CommandTimeout = 600;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) runIds[(reader.GetInt64(0), reader.GetInt32(1))] = reader.GetInt64(2);
        }

        await using var lines = await connection.BeginBinaryImportAsync(
            "COPY payout_lines (village_id, run_id, line_no, household_id, household_number, head_name, member_count, shares, amount) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var (village, id, year, result) in runs)
        {
            var homes = village.Homes.ToDictionary(h => homeIds[(id, h.Number)]);
            var lineNo = 0;
            foreach (var line in result.Lines)
            {
                var home = homes[line.HouseholdId];
                await lines.WriteRowAsync(cancellationToken, id, runIds[(id, year.Year)], ++lineNo, line.HouseholdId, home.Number, home.Head,
                    home.Members.Count, line.Shares.Value, line.Amount.Amount);
            }
        }
        await lines.CompleteAsync(cancellationToken);
    }

    // Each run's meeting, held and closed on the plan's meeting date: most lines paid in cash at the tables that day, some by
    // proxy or to the bank, a few paid in the days after, a few deferred (a hash of the household number and year decides).
    private static Task MeetingsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, transaction, $"""
            INSERT INTO dividend_meetings (village_id, run_id, status, meeting_date, opened_by, opened_at, closings)
            SELECT r.village_id, r.id, 'closed', p.meeting_date, 'demo', (p.meeting_date + time '09:00') AT TIME ZONE 'Asia/Shanghai', 1
            FROM dividend_runs r JOIN distribution_plans p ON p.id = r.plan_id JOIN villages v ON v.id = r.village_id WHERE v.code LIKE '{CodePrefix}%';
            CREATE TEMP TABLE demo_marks ON COMMIT DROP AS
            SELECT l.village_id, l.run_id, l.line_no, l.head_name, m.meeting_date, abs(hashtext(l.household_number || ':' || r.year)) % 100 AS luck
            FROM payout_lines l JOIN dividend_runs r ON r.id = l.run_id JOIN dividend_meetings m ON m.run_id = r.id JOIN villages v ON v.id = r.village_id
            WHERE v.code LIKE '{CodePrefix}%';
            INSERT INTO payout_events (village_id, run_id, line_no, kind, status, recipient_name, relation, batch_reference, reason, cashier, table_no, at)
            SELECT village_id, run_id, line_no, 'mark',
                   CASE WHEN luck < 80 OR luck BETWEEN 94 AND 96 THEN 'paid_in_cash' WHEN luck < 87 THEN 'collected_by_proxy'
                        WHEN luck < 94 THEN 'transferred_to_bank' ELSE 'deferred' END,
                   CASE WHEN luck < 97 THEN head_name END, CASE WHEN luck < 97 THEN '户主' END,
                   CASE WHEN luck BETWEEN 87 AND 93 THEN 'DEMO-BANK' END, CASE WHEN luck >= 97 THEN '外出务工，暂缓发放（演示数据）' END, 'demo', 1 + line_no % 4,
                   ((meeting_date + CASE WHEN luck BETWEEN 94 AND 96 THEN 3 ELSE 0 END) + time '10:00' + (line_no % 300) * interval '1 minute') AT TIME ZONE 'Asia/Shanghai'
            FROM demo_marks;
            INSERT INTO payout_line_status (village_id, run_id, line_no, status, last_event_id)
            SELECT e.village_id, e.run_id, e.line_no, e.status, e.id FROM payout_events e JOIN demo_marks d ON d.run_id = e.run_id AND d.line_no = e.line_no;
            """, cancellationToken);

    private static List<DemoVillage> Generate(Shape shape)
    {
        var random = new Random(Seed);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        decimal Money(double value) => Math.Round((decimal)value, 2, MidpointRounding.AwayFromZero);
        var villages = new List<DemoVillage>();
        var names = new HashSet<string> { "白杨河村" };
        for (var i = 0; i < shape.Villages; i++)
        {
            string name;
            var attempt = 0;
            // Two characters and 村; when those run out (a big county), a numbered one: 东湾二村.
            do name = First[random.Next(First.Length)] + Second[random.Next(Second.Length)] + (attempt++ < 20 ? "" : "一二三四五六七八九"[attempt / 20 % 9].ToString()) + "村";
            while (!names.Add(name));
            var township = Townships[i * Townships.Length / shape.Villages];
            var homes = new List<DemoHome>();
            var householdCount = shape.MinHouseholds + random.Next(shape.HouseholdSpread);
            for (var n = 1; n <= householdCount; n++)
            {
                var surname = Surnames[random.Next(Surnames.Length)];
                var size = 1 + random.Next(5);
                var members = new List<(string, bool, DateOnly, string)>();
                var headMale = random.Next(10) < 8;
                var headBirth = new DateOnly(1945, 1, 1).AddDays(random.Next(45 * 365));
                members.Add((surname + Given[random.Next(Given.Length)], headMale, headBirth, "户主"));
                for (var k = 1; k < size; k++)
                {
                    var spouse = k == 1;
                    var birth = spouse ? headBirth.AddDays(random.Next(-1500, 1500)) : headBirth.AddYears(20 + random.Next(12)).AddDays(random.Next(365));
                    if (birth.Year > 2015) birth = new DateOnly(2015, 6, 1).AddDays(-random.Next(3000));
                    members.Add(((spouse ? Surnames[random.Next(Surnames.Length)] : surname) + Given[random.Next(Given.Length)], spouse ? !headMale : random.Next(2) == 0,
                        birth, spouse ? "配偶" : "子女"));
                }
                // One basic share per member at the reform; some households hold half a share more for farming age (农龄股).
                homes.Add(new DemoHome(n, members[0].Item1, members, members.Count + (random.Next(10) < 3 ? 0.5m : 0m)));
            }
            var shares = homes.Sum(h => h.Shares);
            // Operating income of 2021: log-normal around 260,000 yuan; a few weak villages, about three above a million by 2025.
            var income = Math.Clamp(260_000 * Math.Exp(0.85 * Normal()), 25_000, 1_400_000);
            var trend = 0.07 + 0.06 * Normal();
            var jointVenture = random.Next(3) == 0;
            var years = new List<DemoYear>();
            var village = new DemoVillage(i + 1, $"{CodePrefix}{i + 1:000}", name, township, homes, years, Money(5_000 + random.NextDouble() * 45_000));
            for (var year = shape.FirstYear; year <= shape.LastYear; year++)
            {
                if (year > shape.FirstYear) income = Math.Max(15_000, income * (1 + trend + 0.08 * Normal()));
                var investment = jointVenture && year >= shape.LastYear - 2 ? income * (0.15 + 0.2 * random.NextDouble()) : 0;
                var own = income - investment;
                var books = new Dictionary<string, decimal>
                {
                    ["operating_income"] = Money(own * 0.55), ["contracting_income"] = Money(own * 0.45), ["investment_income"] = Money(investment),
                    ["subsidy_income"] = Money(20_000 + random.Next(40) * 1_000), ["other_income"] = Money(random.Next(10) * 800),
                    ["operating_cost"] = Money(own * 0.55 * (0.25 + 0.15 * random.NextDouble())), ["management_cost"] = Money(15_000 + random.Next(26) * 1_000),
                    ["other_cost"] = Money(random.Next(8) * 1_000),
                };
                years.Add(new DemoYear(year, books, 0, 0, 0, 0, default));
                var distributable = Distributable(village, year);
                var net = books.Where(b => !b.Key.EndsWith("_cost", StringComparison.Ordinal)).Sum(b => b.Value) - books.Where(b => b.Key.EndsWith("_cost", StringComparison.Ordinal)).Sum(b => b.Value);
                var meeting = new DateOnly(year, 12, 1).AddDays(random.Next(20));
                if (net > 0 && distributable > 0)
                {
                    var percent = 15m;
                    var welfare = Math.Min(8_000m, Math.Round(distributable * 0.03m, 0));
                    var reserve = Yuan.RoundToFen(distributable * percent / 100m).Amount;
                    var pool = Math.Floor((distributable - reserve - welfare) * 0.7m / 100m) * 100m;
                    var rate = Math.Floor(pool / shares);
                    years[^1] = rate >= 1 ? new DemoYear(year, books, percent, welfare, pool, rate, meeting) : years[^1] with { Meeting = meeting };
                }
            }
            villages.Add(village);
        }
        return villages;
    }
}

internal static class BinaryImportExtensions
{
    /// <summary>Writes one COPY row of values whose PostgreSQL types Npgsql infers (long, int, string, bool, decimal, DateOnly).</summary>
    public static async Task WriteRowAsync(this NpgsqlBinaryImporter importer, CancellationToken cancellationToken, params object[] values)
    {
        await importer.StartRowAsync(cancellationToken);
        foreach (var value in values)
        {
            switch (value)
            {
                case long l: await importer.WriteAsync(l, NpgsqlDbType.Bigint, cancellationToken); break;
                case int i: await importer.WriteAsync(i, NpgsqlDbType.Integer, cancellationToken); break;
                case string s: await importer.WriteAsync(s, NpgsqlDbType.Text, cancellationToken); break;
                case bool b: await importer.WriteAsync(b, NpgsqlDbType.Boolean, cancellationToken); break;
                case decimal d: await importer.WriteAsync(d, NpgsqlDbType.Numeric, cancellationToken); break;
                case DateOnly date: await importer.WriteAsync(date, NpgsqlDbType.Date, cancellationToken); break;
                default: throw new ArgumentException($"no COPY type for {value.GetType()}", nameof(values));
            }
        }
    }
}
