using System.Globalization;
using Npgsql;

namespace VillageCollective.Silo.Demo;

/// <summary>
/// Generates a prefecture's worth of demo villages (for benchmarks and crash tests), set-based in SQL: each new village is a
/// copy of Baiyanghe's register (294 households, 846.2 shares, the same members and movement journal), charter and approved
/// 2025 plan, with its own members' pool (186,500.00 yuan less 100.00 × (village number mod 50)) so that rates and residues
/// differ. Villages are coded <c>gen-00001</c>… (marked <c>is_demo</c>), spread over the seven counties of 昌吉回族自治州,
/// one demo township (演示乡) each. Baiyanghe itself must be loaded first and is not changed.
/// </summary>
public sealed class PrefectureGenerator(NpgsqlDataSource dataSource)
{
    /// <summary>The counties and county-level cities of Changji Prefecture.</summary>
    public static readonly IReadOnlyList<string> Counties = ["木垒县", "奇台县", "吉木萨尔县", "阜康市", "呼图壁县", "玛纳斯县", "昌吉市"];

    /// <summary>Villages written per transaction: the per-statement audit rows of one chunk stay small.</summary>
    public const int ChunkSize = 50;

    /// <summary>
    /// Adds <paramref name="villages"/> generated villages after any generated earlier; reports each chunk's last village number
    /// to <paramref name="progress"/>. Returns the new villages' ids in number order.
    /// </summary>
    /// <exception cref="InvalidOperationException">Baiyanghe (the template) is not loaded.</exception>
    public async Task<List<long>> GenerateAsync(int villages, Action<int>? progress, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(villages);
        var ids = new List<long>(villages);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var template = await ScalarAsync<long?>(connection, null, "SELECT id FROM villages WHERE code = $1", cancellationToken, DemoLoader.VillageCode)
            ?? throw new InvalidOperationException("The Baiyanghe demo village (the template) is not loaded.");
        var first = (int)await ScalarAsync<long>(connection, null, "SELECT count(*) FROM villages WHERE code LIKE 'gen-%'", cancellationToken) + 1;
        for (var from = first; from < first + villages; from += ChunkSize)
        {
            var to = Math.Min(from + ChunkSize, first + villages) - 1;
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using (var setActor = new NpgsqlCommand("SELECT set_config('vc.actor', 'generator', true)", connection, transaction))
            {
                await setActor.ExecuteNonQueryAsync(cancellationToken);
            }
            // Several statements in one round trip take no parameters: the values are numbers and our own constant names, written in.
            var sql = Sql.Replace("$1", template.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("$2", from.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("$3", to.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("$4", "ARRAY[" + string.Join(", ", Counties.Select(c => $"'{c}'")) + "]", StringComparison.Ordinal);
            await using (var command = new NpgsqlCommand(sql, connection, transaction))
            {
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                do
                {
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        if (reader.FieldCount == 1 && reader.GetName(0) == "new_village") ids.Add(reader.GetInt64(0));
                    }
                }
                while (await reader.NextResultAsync(cancellationToken));
            }
            await transaction.CommitAsync(cancellationToken);
            progress?.Invoke(to);
        }
        return ids;
    }

    // $1 template village, $2…$3 the village numbers of this chunk, $4 the county names.
    private const string Sql = """
        CREATE TEMP TABLE gen_numbers ON COMMIT DROP AS SELECT g AS n FROM generate_series($2::int, $3::int) g;
        INSERT INTO counties (name) SELECT unnest($4::text[]) ON CONFLICT (name) DO NOTHING;
        INSERT INTO townships (county_id, name) SELECT id, name || '演示乡' FROM counties WHERE name = ANY ($4::text[])
            ON CONFLICT (county_id, name) DO NOTHING;
        INSERT INTO villages (code, name, township, county, is_demo, township_id)
        SELECT 'gen-' || lpad(n::text, 5, '0'), '演示' || n || '村', t.name, c.name, true, t.id
        FROM gen_numbers
        JOIN counties c ON c.name = ($4::text[])[1 + n % cardinality($4::text[])]
        JOIN townships t ON t.county_id = c.id AND t.name = c.name || '演示乡';
        CREATE TEMP TABLE gen_villages ON COMMIT DROP AS
            SELECT v.id, g.n FROM villages v JOIN gen_numbers g ON v.code = 'gen-' || lpad(g.n::text, 5, '0');
        INSERT INTO households (village_id, number, head_name, village_group, address, is_demo)
        SELECT v.id, h.number, h.head_name, h.village_group, h.address, true
        FROM gen_villages v CROSS JOIN households h WHERE h.village_id = $1;
        CREATE TEMP TABLE gen_households ON COMMIT DROP AS
            SELECT old.id AS old_id, new.id AS new_id, new.village_id
            FROM households old JOIN households new ON new.number = old.number
            WHERE old.village_id = $1 AND new.village_id IN (SELECT id FROM gen_villages);
        INSERT INTO members (village_id, household_id, name, sex, birth_date, resident_id, relation, is_demo, member_since, since_reason)
        SELECT g.village_id, g.new_id, m.name, m.sex, m.birth_date, m.resident_id, m.relation, true, m.member_since, m.since_reason
        FROM gen_households g JOIN members m ON m.household_id = g.old_id;
        INSERT INTO share_movements (village_id, household_id, share_class, delta, effective_on, kind, reason, movement_no, entered_by)
        SELECT g.village_id, g.new_id, s.share_class, s.delta, s.effective_on, s.kind, s.reason, s.movement_no, 'generator'
        FROM gen_households g JOIN share_movements s ON s.household_id = g.old_id;
        INSERT INTO village_charters (village_id, management, share_precision, record_date_rule, cancellation_on_exit, updated_by)
        SELECT v.id, c.management, c.share_precision, c.record_date_rule, c.cancellation_on_exit, 'generator'
        FROM gen_villages v CROSS JOIN village_charters c WHERE c.village_id = $1;
        INSERT INTO share_classes (village_id, code, name, position)
        SELECT v.id, s.code, s.name, s.position FROM gen_villages v CROSS JOIN share_classes s WHERE s.village_id = $1;
        INSERT INTO distribution_plans (village_id, year, version, members_pool, rate_mode, fixed_rate, rounding_unit, record_date, meeting_date,
            status, approved_on, note, reserve_percent, reserve_amount, welfare_fund, outside_investors, other_distribution, notice_published_on,
            notice_token, assembly_kind, assembly_date, eligible, present, votes_for, votes_against, abstaining, approved_reserve)
        SELECT v.id, p.year, p.version, p.members_pool - 100.00 * (v.n % 50), p.rate_mode, p.fixed_rate, p.rounding_unit, p.record_date,
            p.meeting_date, p.status, p.approved_on, '生成的演示方案', p.reserve_percent, p.reserve_amount, p.welfare_fund, p.outside_investors,
            p.other_distribution, p.notice_published_on, md5(random()::text || v.id), p.assembly_kind, p.assembly_date, p.eligible, p.present,
            p.votes_for, p.votes_against, p.abstaining, p.approved_reserve
        FROM gen_villages v CROSS JOIN distribution_plans p WHERE p.village_id = $1 AND p.status = 'approved';
        SELECT id AS new_village FROM gen_villages ORDER BY n;
        """;

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken,
        params object[] values)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var value in values) command.Parameters.Add(new() { Value = value });
        var result = await command.ExecuteScalarAsync(cancellationToken);
        return result is DBNull or null ? default! : (T)result;
    }
}
