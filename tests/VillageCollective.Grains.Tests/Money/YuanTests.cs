using System.Globalization;
using VillageCollective.Grains.Money;
using VillageCollective.Grains.Tests.Support;

namespace VillageCollective.Grains.Tests.Money;

public sealed class YuanTests
{
    [Fact]
    public void An_amount_with_more_than_two_decimals_is_refused()
    {
        var error = Refusal.Expect("yuan.too_precise", "amount", () => new Yuan(1.005m));
        Assert.Contains("(", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Trailing_zeros_beyond_the_fen_are_accepted()
    {
        Assert.Equal(new Yuan(1.5m), new Yuan(1.500000m));
        Assert.Equal(2, new Yuan(1.500000m).Amount.Scale);
    }

    [Fact]
    public void Whole_and_two_decimal_amounts_are_equal_and_print_the_same()
    {
        var whole = new Yuan(220m);
        var decimals = new Yuan(220.00m);

        Assert.Equal(whole, decimals);
        Assert.Equal(whole.GetHashCode(), decimals.GetHashCode());
        Assert.Equal("220.00", whole.Amount.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(decimals.ToString(), whole.ToString());
    }

    [Fact]
    public void Amounts_print_with_separators_and_plainly()
    {
        Assert.Equal("186,164.00", new Yuan(186164m).ToString());
        Assert.Equal("186164.00", new Yuan(186164m).ToPlainString());
        Assert.Equal("-1,409.50", new Yuan(-1409.5m).ToString());
        Assert.Equal("0.00", Yuan.Zero.ToString());
        Assert.Equal("0.00", default(Yuan).ToPlainString());
    }

    [Fact]
    public void Printing_ignores_the_current_culture()
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            Assert.Equal("186,164.00", new Yuan(186164m).ToString());
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void Negative_amounts_are_allowed()
    {
        Assert.Equal(-0.01m, new Yuan(-0.01m).Amount);
        Assert.Equal(new Yuan(-5m), new Yuan(1m) - new Yuan(6m));
    }

    [Fact]
    public void An_amount_converts_to_and_from_fen()
    {
        Assert.Equal(18_616_400L, new Yuan(186164m).Fen);
        Assert.Equal(new Yuan(1409.50m), Yuan.FromFen(140_950));
        Assert.Equal(-5L, new Yuan(-0.05m).Fen);
    }

    [Theory]
    [InlineData("0.005", "0.01")]
    [InlineData("0.025", "0.03")]
    [InlineData("0.0249999", "0.02")]
    [InlineData("-0.005", "-0.01")]
    [InlineData("186164.004", "186164.00")]
    public void Rounding_to_the_fen_is_half_away_from_zero(string value, string expected)
    {
        var rounded = Yuan.RoundToFen(decimal.Parse(value, CultureInfo.InvariantCulture));
        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), rounded.Amount);
        Assert.Equal(MidpointRounding.AwayFromZero, Yuan.Rounding);
    }

    [Fact]
    public void Amounts_add_compare_and_sum()
    {
        var a = new Yuan(186164m);
        var b = new Yuan(336m);

        Assert.Equal(new Yuan(186500m), a + b);
        Assert.True(b < a && a > b && b <= a && a >= new Yuan(186164.00m));
        Assert.True(a.CompareTo(b) > 0);
        Assert.Equal(new Yuan(186500m), Yuan.Sum([a, b]));
        Assert.Equal(Yuan.Zero, Yuan.Sum([]));
    }
}
