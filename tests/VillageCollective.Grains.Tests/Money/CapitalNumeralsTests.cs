using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using VillageCollective.Grains.Money;
using VillageCollective.Grains.Tests.Support;

namespace VillageCollective.Grains.Tests.Money;

public sealed class CapitalNumeralsTests
{
    [Theory]
    [InlineData("186164.00", "人民币壹拾捌万陆仟壹佰陆拾肆元整")]
    [InlineData("1409.50", "人民币壹仟肆佰零玖元伍角")]
    [InlineData("16409.02", "人民币壹万陆仟肆佰零玖元零贰分")]
    [InlineData("0.05", "人民币伍分")]
    [InlineData("10.00", "人民币壹拾元整")]
    [InlineData("100000000.00", "人民币壹亿元整")]
    [InlineData("1000010.10", "人民币壹佰万零壹拾元壹角")]
    [InlineData("0.00", "人民币零元整")]
    [InlineData("0.50", "人民币伍角")]
    [InlineData("100050000.00", "人民币壹亿零伍万元整")]
    [InlineData("100005000.00", "人民币壹亿零伍仟元整")]
    [InlineData("1010.00", "人民币壹仟零壹拾元整")]
    [InlineData("220.00", "人民币贰佰贰拾元整")]
    [InlineData("6007.14", "人民币陆仟零柒元壹角肆分")]
    [InlineData("325.04", "人民币叁佰贰拾伍元零肆分")]
    [InlineData("1680.32", "人民币壹仟陆佰捌拾元叁角贰分")]
    [InlineData("100000.00", "人民币壹拾万元整")]
    [InlineData("1000000000000.00", "人民币壹万亿元整")]
    [InlineData("1000050000000.00", "人民币壹万亿零伍仟万元整")]
    [InlineData("9999999999999.99", "人民币玖万亿玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分")]
    [InlineData("-1409.50", "人民币负壹仟肆佰零玖元伍角")]
    public void Amounts_are_written_in_capital_numerals_by_the_payment_settlement_rules(string amount, string expected)
    {
        var yuan = new Yuan(decimal.Parse(amount, CultureInfo.InvariantCulture));
        Assert.Equal(expected, CapitalNumerals.Format(yuan));
    }

    [Theory]
    [InlineData("10000000000000.00")]
    [InlineData("-10000000000000.00")]
    public void Amounts_of_ten_trillion_yuan_or_more_are_refused(string amount)
    {
        var yuan = new Yuan(decimal.Parse(amount, CultureInfo.InvariantCulture));
        Refusal.Expect("yuan.too_large", "amount", () => CapitalNumerals.Format(yuan));
    }

    [Fact]
    public void Capital_numerals_never_double_or_end_with_zero_and_read_back_to_the_amount()
    {
        Prop.ForAll(AmountsWithManyZeros().ToArbitrary(), yuan =>
        {
            var text = CapitalNumerals.Format(yuan);

            Assert.StartsWith("人民币", text, StringComparison.Ordinal);
            Assert.DoesNotContain("零零", text, StringComparison.Ordinal);
            Assert.False(text.EndsWith('零'), text);
            if (decimal.Truncate(yuan.Amount) == yuan.Amount)
            {
                Assert.EndsWith("元整", text, StringComparison.Ordinal);
            }
            else
            {
                Assert.DoesNotContain("整", text, StringComparison.Ordinal);
            }

            Assert.Equal(yuan.Amount, CapitalNumeralReader.Read(text));
        }).QuickCheckThrowOnFailure();
    }

    /// Amounts up to 9,999,999,999,999.99, digit by digit, with many zeros, since zeros are where the rules bite.
    private static Gen<Yuan> AmountsWithManyZeros() =>
        from length in Gen.Choose(1, 15)
        from digits in Gen.ArrayOf(Gen.Frequency((3, Gen.Constant(0)), (2, Gen.Choose(1, 9))), length)
        from negative in Gen.Frequency((5, Gen.Constant(false)), (1, Gen.Constant(true)))
        let fen = digits.Aggregate(0L, (n, d) => (n * 10) + d)
        select Yuan.FromFen(negative ? -fen : fen);
}
