using System.Globalization;
using VillageCollective.Grains.Shares;
using VillageCollective.Grains.Tests.Support;

namespace VillageCollective.Grains.Tests.Shares;

public sealed class ShareCountTests
{
    [Fact]
    public void Negative_shares_are_refused() =>
        Refusal.Expect("shares.negative", "shares", () => new ShareCount(-0.1m));

    [Fact]
    public void Shares_with_more_than_four_decimals_are_refused()
    {
        var error = Refusal.Expect("shares.too_precise", "shares", () => new ShareCount(1.00001m));
        Assert.Contains("4", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("846.2", "846.2")]
    [InlineData("1", "1")]
    [InlineData("0.2500", "0.25")]
    [InlineData("0.0001", "0.0001")]
    [InlineData("0.0000", "0")]
    [InlineData("12.30000000", "12.3")]
    public void Shares_print_without_needless_trailing_zeros(string value, string expected)
    {
        var shares = new ShareCount(decimal.Parse(value, CultureInfo.InvariantCulture));
        Assert.Equal(expected, shares.ToString());
        Assert.Equal(expected, shares.Value.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Equal_share_counts_are_equal_whatever_their_scale()
    {
        Assert.Equal(new ShareCount(846.2m), new ShareCount(846.2000m));
        Assert.Equal(new ShareCount(846.2m).GetHashCode(), new ShareCount(846.2000m).GetHashCode());
    }

    [Fact]
    public void Shares_add_subtract_compare_and_sum()
    {
        var a = new ShareCount(3m);
        var b = new ShareCount(2.2m);

        Assert.Equal(new ShareCount(5.2m), a + b);
        Assert.Equal(new ShareCount(0.8m), a - b);
        Assert.True(b < a && a > b && b <= a && a >= b);
        Assert.True(a.CompareTo(b) > 0);
        Assert.Equal(new ShareCount(846.2m), ShareCount.Sum(Enumerable.Repeat(new ShareCount(4.231m), 200)));
        Assert.Equal(ShareCount.Zero, ShareCount.Sum([]));
    }

    [Fact]
    public void Subtracting_more_shares_than_held_is_refused() =>
        Refusal.Expect("shares.negative", "shares", () => new ShareCount(2.2m) - new ShareCount(3m));
}
