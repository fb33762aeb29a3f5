using Microsoft.AspNetCore.Identity;
using Npgsql;
using VillageCollective.Grains.Money;
using VillageCollective.Grains.Partnerships;
using VillageCollective.Silo.Storage;
using VillageCollective.Silo.Storage.Partnerships;

namespace VillageCollective.Silo.Demo;

/// <summary>
/// The partnership demo from the seeds (domain.md, "Village–enterprise joint operation"; villages and enterprises marked
/// is_demo, names of enterprises and of the 东城镇 villages invented): 佃坝镇西沟村's chili drying plant (22.5 million yuan
/// invested, about 1 million a year to the village, 50 local jobs) and 榆树沟镇勇进村's seed-production base (2.3 million a
/// year) in 昌吉市; and in 木垒县 › 东城镇 a pooled enclave project of 6.8 million yuan from four weak villages, run by the
/// strong village's company, one village joining on 1 July 2025. Each year 2025 is settled and posted as 投资收益 in the demo
/// villages' books (never Baiyanghe's). A handful of rows, so the per-test reload stays fast.
/// The places, enterprises and contracts are created in the loader's transaction (creating a contract is the county's
/// command, as over HTTP); the year's settlements and the payments received then go through each partnership's grain
/// (<see cref="IEnterprisePartnershipGrain"/>), as the county administrator's would.
/// </summary>
public static class PartnershipDemo
{
    /// <summary>The 昌吉市 county administrator's demo login (the 木垒县 one is <see cref="DemoLoader.Logins"/>).</summary>
    public static readonly DemoLogin ChangjiAdmin = new("changji-shi", "baiyanghe2025", "昌吉市农经站管理员（演示）", Api.Roles.CountyAdmin);

    private const string By = "demo";
    private static readonly DateOnly SettledOn = new(2026, 3, 1);

    /// <summary>What the partnership grains are asked once the contracts are committed: a settlement, then the payments.</summary>
    public sealed record GrainCommands(long PartnershipId, SettleYear Settle, IReadOnlyList<RecordPartnershipPayment> Payments);

    /// <summary>Creates the places, the enterprises and the contracts; returns the settlements and payments for their grains
    /// (<see cref="SettleAsync"/>, after the transaction commits).</summary>
    public static async Task<List<GrainCommands>> LoadAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long muleiCountyId,
        IPasswordHasher<Account> hasher, CancellationToken cancellationToken)
    {
        var commands = new List<GrainCommands>();
        var changji = (long)(await Sql.ScalarAsync(connection, transaction,
            "INSERT INTO counties (name) VALUES ('昌吉市') ON CONFLICT (name) DO UPDATE SET name = excluded.name RETURNING id", cancellationToken))!;
        var xigou = await VillageAsync(connection, transaction, changji, "昌吉市", "佃坝镇", "652301103201", "西沟村", cancellationToken);
        var yongjin = await VillageAsync(connection, transaction, changji, "昌吉市", "榆树沟镇", "652301104202", "勇进村", cancellationToken);

        var account = new Account(0, ChangjiAdmin.Login, ChangjiAdmin.DisplayName, "", ChangjiAdmin.Role, null);
        await AccountStore.UpsertAsync(connection, transaction, account with { PasswordHash = hasher.HashPassword(account, ChangjiAdmin.Password) }, isDemo: true, cancellationToken);
        await AccountStore.GrantAsync(connection, transaction, ChangjiAdmin.Login, new Api.RoleGrant(ChangjiAdmin.Role, null, null, changji), cancellationToken);

        // The chili plant: the village's idle site and buildings at 2.5 million, the enterprise's 20 million; 800,000 a year guaranteed
        // plus 30% of net profit per share. 2025: net profit 6.3 million → 1.89 million over 2,250 shares = 840 a share → 210,000 + 800,000.
        var chili = await EnterpriseAsync(connection, transaction, changji, "昌吉市佃坝椒业有限公司（演示）", "91652301MA78LJ0C53", cancellationToken);
        var plant = new PartnershipContract(chili, "辣椒烘干厂", new DateOnly(2023, 1, 1), new DateOnly(2037, 12, 31), new Yuan(10_000m),
            [new PartnershipParty(xigou, new DateOnly(2023, 1, 1), Contribution.Assets(new Yuan(2_500_000m))),
             new PartnershipParty(null, new DateOnly(2023, 1, 1), Contribution.Cash(new Yuan(20_000_000m)))],
            IncomeTerms.Guaranteed(IncomeMode.GuaranteePlusProfitShare, new Yuan(800_000m), null, 30m),
            new PaymentSchedule([new Instalment(3, 31, 50m), new Instalment(6, 30, 50m)]), 50);
        commands.Add(await ContractAsync(connection, transaction, changji, plant, 18_000_000m, 6_300_000m, cancellationToken,
            Payment(changji, xigou, new DateOnly(2026, 3, 28), 505_000m, "第一期")));

        // The seed base: 10,000 mu of the village's land at 2,000 yuan a mu; a fixed 2.3 million a year to the collective.
        var seeds = await EnterpriseAsync(connection, transaction, changji, "昌吉市勇进种业有限公司（演示）", "91652301MA79DM2K81", cancellationToken);
        var seedBase = new PartnershipContract(seeds, "万亩制种基地", new DateOnly(2022, 1, 1), new DateOnly(2031, 12, 31), new Yuan(10_000m),
            [new PartnershipParty(yongjin, new DateOnly(2022, 1, 1), Contribution.Land(10_000m, new Yuan(2_000m))),
             new PartnershipParty(null, new DateOnly(2022, 1, 1), Contribution.Cash(new Yuan(8_000_000m)))],
            IncomeTerms.Rent(new Yuan(2_300_000m)), PaymentSchedule.Default, 0);
        commands.Add(await ContractAsync(connection, transaction, changji, seedBase, 15_600_000m, 3_100_000m, cancellationToken,
            Payment(changji, yongjin, new DateOnly(2026, 3, 15), 2_300_000m, "全额")));

        // The pooled enclave project (飞地抱团): 6.8 million from four weak villages, run by 东城村's company; 6% of the money
        // guaranteed or 40% of net profit per share, whichever is greater; 团结村 joined on 1 July 2025.
        string[] weak = ["新户村", "红旗村", "光明村", "团结村"];
        await VillageAsync(connection, transaction, muleiCountyId, "木垒县", "东城镇", "652328105901", "东城村", cancellationToken);
        var weakIds = new List<long>();
        for (var i = 0; i < weak.Length; i++)
        {
            weakIds.Add(await VillageAsync(connection, transaction, muleiCountyId, "木垒县", "东城镇", $"65232810590{i + 2}", weak[i], cancellationToken));
        }
        var operatorId = await EnterpriseAsync(connection, transaction, muleiCountyId, "木垒县东城村集体经营有限公司（演示）", "91652328MA7AD0C31J", cancellationToken);
        var pooled = new PartnershipContract(operatorId, "飞地抱团冷链仓储", new DateOnly(2025, 1, 1), new DateOnly(2034, 12, 31), new Yuan(10_000m),
            weakIds.Select((id, i) => new PartnershipParty(id, i == 3 ? new DateOnly(2025, 7, 1) : new DateOnly(2025, 1, 1), Contribution.Cash(new Yuan(1_700_000m))))
                .Append(new PartnershipParty(null, new DateOnly(2025, 1, 1), Contribution.Assets(new Yuan(3_000_000m)))).ToList(),
            IncomeTerms.Guaranteed(IncomeMode.GreaterOfGuaranteeAndProfitShare, null, 6m, 40m), PaymentSchedule.Default, 26);
        commands.Add(await ContractAsync(connection, transaction, muleiCountyId, pooled, 9_500_000m, 1_200_000m, cancellationToken));
        return commands;
    }

    /// <summary>Settles each demo partnership's 2025 and records its payments through its grain.</summary>
    /// <exception cref="InvalidOperationException">A grain refused (the demo's figures no longer fit its rules).</exception>
    public static async Task SettleAsync(IGrainFactory grains, IEnumerable<GrainCommands> commands)
    {
        ArgumentNullException.ThrowIfNull(grains);
        foreach (var command in commands ?? [])
        {
            var grain = grains.GetGrain<IEnterprisePartnershipGrain>(command.PartnershipId);
            Done(await grain.SettleAsync(command.Settle));
            foreach (var payment in command.Payments) Done(await grain.RecordPaymentAsync(payment));
        }
    }

    private static void Done(PartnershipAnswer answer)
    {
        if (answer.Outcome != PartnershipOutcome.Done) throw new InvalidOperationException($"the partnership demo was refused: {answer.Outcome}");
    }

    private static async Task<long> VillageAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long countyId, string county, string township,
        string code, string name, CancellationToken cancellationToken) =>
        (long)(await Sql.ScalarAsync(connection, transaction, """
            WITH t AS (INSERT INTO townships (county_id, name) VALUES ($1, $3) ON CONFLICT (county_id, name) DO UPDATE SET name = excluded.name RETURNING id)
            INSERT INTO villages (code, name, township, county, township_id, is_demo) SELECT $4, $5, $3, $2, id, true FROM t RETURNING id
            """, cancellationToken, countyId, county, township, code, name))!;

    private static async Task<long> EnterpriseAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long countyId, string name, string code,
        CancellationToken cancellationToken) =>
        (long)(await Sql.ScalarAsync(connection, transaction,
            "INSERT INTO enterprises (county_id, name, credit_code, contact, is_demo) VALUES ($1, $2, $3, '', true) RETURNING id", cancellationToken,
            countyId, name, new UnifiedSocialCreditCode(code).Value))!;

    private static async Task<GrainCommands> ContractAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long countyId, PartnershipContract contract,
        decimal revenue, decimal netProfit, CancellationToken cancellationToken, params RecordPartnershipPayment[] payments)
    {
        var id = await PartnershipStore.InsertAsync(connection, transaction, countyId, contract, By, isDemo: true, cancellationToken);
        return new GrainCommands(id, new SettleYear(countyId, 2025, revenue, netProfit, null, SettledOn, By), payments);
    }

    private static RecordPartnershipPayment Payment(long countyId, long villageId, DateOnly paidOn, decimal amount, string note) =>
        new(countyId, villageId, 2025, paidOn, amount, note, By);
}
