using FsCheck;
using FsCheck.Fluent;
using VillageCollective.Grains.Books;
using VillageCollective.Grains.Comparison;
using VillageCollective.Grains.Money;

namespace VillageCollective.Grains.Tests.Comparison;

public sealed class VillageClassTests
{
    private static readonly ClassThresholds Defaults = ClassThresholds.Default;

    [Theory]
    [InlineData("99999.99", VillageClass.Weak)]
    [InlineData("100000.00", VillageClass.Ordinary)] // "below" 100,000: exactly 100,000.00 is not weak
    [InlineData("999999.99", VillageClass.Ordinary)]
    [InlineData("1000000.00", VillageClass.Million)] // "≥ 1,000,000": exactly 1,000,000.00 is million-yuan
    [InlineData("0.00", VillageClass.Weak)]
    public void The_class_edges_are_below_the_weak_threshold_and_at_or_above_the_million_one(string operatingIncome, VillageClass expected) =>
        Assert.Equal(expected, Defaults.Classify(new Yuan(decimal.Parse(operatingIncome, System.Globalization.CultureInfo.InvariantCulture))));

    [Fact]
    public void A_million_threshold_below_the_weak_one_is_refused_naming_it()
    {
        var error = Assert.Throws<DomainException>(() => new ClassThresholds(new Yuan(200_000m), new Yuan(100_000m)));
        Assert.Equal(("classes.order", "millionFrom"), (error.Code, error.Field));
        Assert.Equal("weakBelow", Assert.Throws<DomainException>(() => new ClassThresholds(new Yuan(-1m), new Yuan(100_000m))).Field);
    }

    [Fact]
    public void Every_income_falls_in_exactly_the_class_its_thresholds_say()
    {
        Prop.ForAll(Gen.Choose(0, 200_000_000).ToArbitrary(), fen =>
        {
            var income = Yuan.FromFen(fen);
            var cls = Defaults.Classify(income);
            return (cls == VillageClass.Weak) == (income.Amount < 100_000m) && (cls == VillageClass.Million) == (income.Amount >= 1_000_000m);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Operating_income_counts_operating_contracting_and_investment_income_but_not_subsidies_or_other_income()
    {
        var statement = IncomeStatement.FromTotals(2025, Yuan.Zero, Yuan.Zero, new Dictionary<EntryCategory, Yuan>
        {
            [EntryCategory.OperatingIncome] = new(128_600m), [EntryCategory.ContractingIncome] = new(96_400m), [EntryCategory.InvestmentIncome] = new(60_000m),
            [EntryCategory.SubsidyIncome] = new(30_000m), [EntryCategory.OtherIncome] = new(4_300m), [EntryCategory.ManagementCost] = new(38_700m),
        });

        Assert.Equal(new Yuan(285_000m), VillageYearFigures.OperatingIncomeOf(statement));
        Assert.Equal(new Yuan(319_300m), statement.TotalIncome);
        Assert.Equal(new Yuan(280_600m), statement.NetIncome);
    }

    [Fact]
    public void A_village_moves_when_its_class_of_one_year_differs_from_the_year_before()
    {
        var classes = new Dictionary<long, IReadOnlyDictionary<int, VillageClass>>
        {
            [1] = new Dictionary<int, VillageClass> { [2023] = VillageClass.Weak, [2024] = VillageClass.Ordinary, [2025] = VillageClass.Ordinary },
            [2] = new Dictionary<int, VillageClass> { [2023] = VillageClass.Ordinary, [2025] = VillageClass.Million }, // no books in 2024: no move
            [3] = new Dictionary<int, VillageClass> { [2024] = VillageClass.Million, [2025] = VillageClass.Ordinary },
        };

        var moves = ClassMoves.Between(classes, 2024, 2025);

        Assert.Equal([new ClassMove(1, 2024, VillageClass.Weak, VillageClass.Ordinary), new ClassMove(3, 2025, VillageClass.Million, VillageClass.Ordinary)], moves);
    }
}
