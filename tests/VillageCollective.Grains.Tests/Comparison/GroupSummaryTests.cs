using VillageCollective.Grains.Books;
using VillageCollective.Grains.Comparison;
using VillageCollective.Grains.Money;

namespace VillageCollective.Grains.Tests.Comparison;

public sealed class GroupSummaryTests
{
    private static VillageYearFigures Village(decimal operating, decimal cost, int members, decimal shares, RunPaid? run = null, decimal? before = null)
    {
        var statement = IncomeStatement.FromTotals(2025, Yuan.Zero, Yuan.Zero, new Dictionary<EntryCategory, Yuan>
        {
            [EntryCategory.OperatingIncome] = new(operating), [EntryCategory.ManagementCost] = new(cost),
        });
        return VillageYearFigures.Compute(statement, true, null, null, run, members / 3, members, shares, before is null ? null : new Yuan(before.Value));
    }

    [Fact]
    public void The_median_of_an_odd_count_is_the_middle_one_and_of_an_even_count_the_mean_of_the_two_middle_ones()
    {
        Assert.Equal(3m, Median.Of([5m, 1m, 3m]));
        Assert.Equal(2.5m, Median.Of([4m, 1m, 3m, 2m]));
        Assert.Null(Median.Of([]));
    }

    [Fact]
    public void Totals_add_up_the_villages_and_medians_are_rounded_to_the_fen()
    {
        // Three villages, hand-computed: operating 100,000.01 + 50,000.00 + 70,000.00 = 220,000.01; net 90,000.01 + 40,000 + 63,000 = 193,000.01.
        var villages = new[] { Village(100_000.01m, 10_000m, 30, 10.5m), Village(50_000m, 10_000m, 60, 20m), Village(70_000m, 7_000m, 90, 30.25m) };

        var summary = GroupSummary.Of(villages);

        Assert.Equal(3, summary.Villages);
        Assert.Equal(220_000.01m, summary.Totals["operatingIncome"]);
        Assert.Equal(193_000.01m, summary.Totals["netIncome"]);
        Assert.Equal(180m, summary.Totals["members"]);
        Assert.Equal(60.75m, summary.Totals["shares"]);
        Assert.Equal(70_000m, summary.Medians["operatingIncome"]);
        Assert.Equal(63_000m, summary.Medians["netIncome"]);
        Assert.Null(summary.Totals["perShareDividend"]); // no run anywhere: nothing to average
        Assert.Null(summary.Totals["perMemberDividend"]);
        Assert.Null(summary.Totals["totalPaid"]);
        Assert.Null(summary.Totals["operatingIncomeGrowthPercent"]); // no year before

        // Two villages: the median of 100,000.01 and 50,000.00 is 75,000.005, rounded half away from zero to 75,000.01.
        Assert.Equal(75_000.01m, GroupSummary.Of(villages.Take(2).ToList()).Medians["operatingIncome"]);
    }

    [Fact]
    public void Paid_on_dividend_day_and_per_member_dividends_are_shares_of_what_the_run_paid()
    {
        // 1,017 members share 186,164.00: 183.0521… → 183.05; 100,000.00 of it paid on the day: 53.7161… → 53.72%.
        var figures = Village(300_000m, 0m, 1017, 846.2m, new RunPaid(new Yuan(220m), new Yuan(186_164m), new Yuan(100_000m)), before: 240_000m);

        Assert.Equal(new Yuan(183.05m), figures.PerMemberDividend);
        Assert.Equal(53.72m, figures.PaidOnDividendDayPercent);
        Assert.Equal(25.00m, figures.OperatingIncomeGrowthPercent); // 300,000 on 240,000
        Assert.Equal(0m, VillageYearFigures.Percent(-0.001m, 100_000m)); // a tiny fall shows 0.00
    }

    [Fact]
    public void The_groups_per_member_and_per_share_dividends_and_growth_are_of_its_sums_not_sums_of_rates()
    {
        // Baiyanghe (1,017 members, 846.2 shares, 186,164.00 paid) and a village of 300 members, 200 shares that paid 30,000.00;
        // a third ran no dividend and had no books the year before, so it counts in neither.
        var villages = new[]
        {
            Village(300_000m, 0m, 1017, 846.2m, new RunPaid(new Yuan(220m), new Yuan(186_164m), new Yuan(186_164m)), before: 240_000m),
            Village(90_000m, 0m, 300, 200m, new RunPaid(new Yuan(150m), new Yuan(30_000m), new Yuan(0m)), before: 100_000m),
            Village(1_000_000m, 0m, 999, 999m),
        };

        var totals = GroupSummary.Of(villages).Totals;

        Assert.Equal(216_164m, totals["totalPaid"]);
        Assert.Equal(164.13m, totals["perMemberDividend"]); // 216,164.00 ÷ 1,317 = 164.1336… (not 2,316 members)
        Assert.Equal(206.62m, totals["perShareDividend"]); // 216,164.00 ÷ 1,046.2 shares = 206.6182…
        Assert.Equal(14.71m, totals["operatingIncomeGrowthPercent"]); // (390,000 − 340,000) ÷ 340,000 = 14.7058…
        Assert.Equal(86.12m, totals["paidOnDividendDayPercent"]); // 186,164 ÷ 216,164 = 86.1216…
    }
}
