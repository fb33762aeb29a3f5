using BenchmarkDotNet.Attributes;
using VillageCollective.Grains.Dividends;
using VillageCollective.Grains.Money;
using VillageCollective.Grains.Partnerships;
using VillageCollective.Grains.Shares;

namespace VillageCollective.Bench;

/// <summary>
/// A pooled enclave project the size of a county (300 villages, a third joining during the year): the year's settlement
/// (time-weighted guarantee split by largest remainder, profit per share, the greater of the two, the statement) against
/// the baseline of the per-share dividend alone over the same 301 shareholders.
/// </summary>
[MemoryDiagnoser]
public class PooledSettlementBenchmark
{
    private PartnershipContract _contract = null!;
    private List<HouseholdShares> _register = null!;
    private DistributionPlan _plan = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(6_800_000);
        var start = new DateOnly(2025, 1, 1);
        var parties = Enumerable.Range(1, 300)
            .Select(id => new PartnershipParty(id, id % 3 == 0 ? start.AddDays(random.Next(365)) : start, Contribution.Cash(new Yuan(random.Next(100, 5_000) * 1_000m))))
            .Append(new PartnershipParty(null, start, Contribution.Assets(new Yuan(50_000_000m)))).ToList();
        _contract = new PartnershipContract(1, "飞地抱团", start, new DateOnly(2034, 12, 31), new Yuan(10_000m), parties,
            IncomeTerms.Guaranteed(IncomeMode.GreaterOfGuaranteeAndProfitShare, null, 6m, 40m), PaymentSchedule.Default, 100);
        _register = parties.Select((p, i) => new HouseholdShares(i, p.SharesAt(_contract.ValuePerShare))).ToList();
        _plan = new DistributionPlan(2025, 1, new Yuan(4_800_000m), new DerivedRate(RoundingUnit.Fen), new DateOnly(2025, 12, 31), new DateOnly(2025, 12, 31));
    }

    /// <summary>The per-share dividend of 4.8 million (40% of 12 million) over the 301 shareholders, nothing else.</summary>
    [Benchmark(Baseline = true)]
    public DividendRunResult PerShareDividendBaseline() => DividendCalculator.Compute(_plan, _register);

    [Benchmark]
    public YearSettlement SettleYear() => SettlementCalculator.Settle(_contract, 2025, new Yuan(90_000_000m), new Yuan(12_000_000m));
}
