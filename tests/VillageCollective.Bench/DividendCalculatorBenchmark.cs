using BenchmarkDotNet.Attributes;
using VillageCollective.Grains.Dividends;
using VillageCollective.Grains.Money;
using VillageCollective.Silo.Demo;

namespace VillageCollective.Bench;

/// <summary>
/// The grain's computation alone for the Baiyanghe register (294 households), fixed rate and a rate
/// derived from the pool, against the baseline of summing shares × rate over the same register.
/// </summary>
[MemoryDiagnoser]
public class DividendCalculatorBenchmark
{
    private List<HouseholdShares> _register = null!;
    private DistributionPlan _fixed = null!;
    private DistributionPlan _derived = null!;

    [GlobalSetup]
    public void Setup()
    {
        _register = BaiyangheRegister.Generate().Select(h => new HouseholdShares(h.Number, h.ToHousehold().Shares)).ToList();
        var pool = new Yuan(186500m);
        _fixed = new DistributionPlan(2025, 1, pool, new FixedRate(new Yuan(220m)), new DateOnly(2025, 11, 30), new DateOnly(2025, 12, 1));
        _derived = new DistributionPlan(2025, 1, pool, new DerivedRate(RoundingUnit.Yuan), new DateOnly(2025, 11, 30), new DateOnly(2025, 12, 1));
    }

    /// <summary>Σ round(shares × 220) over the 294 households, nothing else.</summary>
    [Benchmark(Baseline = true)]
    public decimal BareSumBaseline()
    {
        var total = 0m;
        foreach (var h in _register) total += Math.Round(h.Shares.Value * 220m, 2, MidpointRounding.AwayFromZero);
        return total;
    }

    [Benchmark]
    public DividendRunResult FixedRate220() => DividendCalculator.Compute(_fixed, _register);

    [Benchmark]
    public DividendRunResult RateDerivedToTheYuan() => DividendCalculator.Compute(_derived, _register);

}
