using FsCheck;
using FsCheck.Fluent;
using VillageCollective.Grains.DividendDay;
using VillageCollective.Grains.Money;
using VillageCollective.Grains.Tests.Support;

namespace VillageCollective.Grains.Tests.DividendDay;

public sealed class TableCashCountTests
{
    [Fact]
    public void A_table_that_paid_less_than_it_was_issued_has_the_rest_left_over_to_the_fen()
    {
        var count = TableCashCount.Of(1, new Yuan(50_000.00m), [new Yuan(1_409.50m), new Yuan(16_409.02m), new Yuan(0.01m)]);

        Assert.Equal(new Yuan(17_818.53m), count.Paid);
        Assert.Equal(new Yuan(32_181.47m), count.Difference);
        Assert.Equal(3, count.LinesPaid);
    }

    [Fact]
    public void A_table_that_paid_more_than_it_was_issued_shows_a_shortage()
    {
        var count = TableCashCount.Of(2, new Yuan(1_000.00m), [new Yuan(1_000.01m)]);

        Assert.Equal(new Yuan(-0.01m), count.Difference);
    }

    [Fact]
    public void Issued_equals_paid_plus_difference_for_any_amounts_in_fen()
    {
        Prop.ForAll(Gen.Choose(0, 100_000_000).ToArbitrary(), Gen.ListOf(Gen.Choose(0, 5_000_000)).ToArbitrary(), (issuedFen, linesFen) =>
        {
            var count = TableCashCount.Of(3, Yuan.FromFen(issuedFen), linesFen.Select(f => Yuan.FromFen(f)));
            return count.Paid + count.Difference == count.Issued
                && count.Paid.Fen == linesFen.Sum(f => (long)f);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void A_table_number_below_one_is_refused()
    {
        Refusal.Expect("cash.tableNo", "tableNo", () => TableCashCount.Of(0, Yuan.Zero, []));
    }

    [Fact]
    public void Negative_cash_issued_is_refused()
    {
        Refusal.Expect("cash.negativeIssued", "cashIssued", () => TableCashCount.Of(1, new Yuan(-1m), []));
    }
}
