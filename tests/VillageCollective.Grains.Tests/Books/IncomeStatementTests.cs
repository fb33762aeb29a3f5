using FsCheck;
using FsCheck.Fluent;
using VillageCollective.Grains.Books;
using VillageCollective.Grains.Money;

namespace VillageCollective.Grains.Tests.Books;

public sealed class IncomeStatementTests
{
    private static BookEntry Entry(EntryCategory category, decimal amount, int month = 6) =>
        new(new DateOnly(2025, month, 1), 2025, category, "某单位", "凭-001", new Yuan(amount));

    [Fact]
    public void The_statement_adds_income_subtracts_costs_and_adds_the_opening_balance_and_transfers()
    {
        var entries = new[]
        {
            Entry(EntryCategory.OperatingIncome, 100_000.10m), Entry(EntryCategory.InvestmentIncome, 60_000m),
            Entry(EntryCategory.SubsidyIncome, 30_000m), Entry(EntryCategory.ManagementCost, 38_700.05m), Entry(EntryCategory.OtherCost, 1_000m),
        };

        var statement = IncomeStatement.Compute(2025, new Yuan(12_450m), new Yuan(500m), entries);

        Assert.Equal(new Yuan(190_000.10m), statement.TotalIncome);
        Assert.Equal(new Yuan(39_700.05m), statement.TotalCost);
        Assert.Equal(new Yuan(150_300.05m), statement.NetIncome);
        Assert.Equal(new Yuan(163_250.05m), statement.Distributable);
        Assert.Equal(new Yuan(60_000m), statement.ByCategory[EntryCategory.InvestmentIncome]);
        Assert.Equal(Yuan.Zero, statement.ByCategory[EntryCategory.ContractingIncome]);
    }

    [Fact]
    public void A_reversal_cancels_its_entry_to_the_fen()
    {
        var entry = Entry(EntryCategory.ContractingIncome, 96_400.37m);

        var statement = IncomeStatement.Compute(2025, Yuan.Zero, Yuan.Zero, [entry, entry.Reversal(new DateOnly(2025, 7, 1))]);

        Assert.Equal(Yuan.Zero, statement.TotalIncome);
    }

    [Fact]
    public void A_reversal_cannot_be_reversed()
    {
        var reversal = Entry(EntryCategory.OtherIncome, 10m).Reversal(new DateOnly(2025, 7, 1));

        Assert.Equal("entry.reverseReversal", Assert.Throws<DomainException>(() => reversal.Reversal(new DateOnly(2025, 8, 1))).Code);
    }

    [Fact]
    public void An_entry_dated_outside_its_year_is_refused()
    {
        var error = Assert.Throws<DomainException>(() => new BookEntry(new DateOnly(2024, 12, 31), 2025, EntryCategory.OtherIncome, "", "", new Yuan(1m)));

        Assert.Equal(("entry.date", "date"), (error.Code, error.Field));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void An_entry_that_is_not_positive_is_refused(decimal amount)
    {
        Assert.Equal("entry.amount", Assert.Throws<DomainException>(() => Entry(EntryCategory.OtherIncome, amount)).Code);
    }

    [Fact]
    public void An_unknown_category_is_refused_naming_the_field()
    {
        Assert.Equal("category", Assert.Throws<DomainException>(() => EntryCategory.Parse("salary")).Field);
    }

    [Fact]
    public void Net_income_is_income_minus_costs_for_any_entries()
    {
        var amounts = Gen.Choose(1, 10_000_000).Select(fen => fen / 100m);
        var entries = Gen.Zip(Gen.Elements(EntryCategory.All.ToArray()), amounts).ListOf();

        Prop.ForAll(entries.ToArbitrary(), list =>
        {
            var statement = IncomeStatement.Compute(2025, Yuan.Zero, Yuan.Zero, list.Select(e => Entry(e.Item1, e.Item2)));
            var income = list.Where(e => e.Item1.IsIncome).Sum(e => e.Item2);
            var cost = list.Where(e => !e.Item1.IsIncome).Sum(e => e.Item2);
            return statement.NetIncome.Amount == income - cost && statement.Distributable == statement.NetIncome;
        }).QuickCheckThrowOnFailure();
    }
}
