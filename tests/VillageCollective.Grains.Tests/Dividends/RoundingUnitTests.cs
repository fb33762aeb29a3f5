using VillageCollective.Grains.Dividends;
using VillageCollective.Grains.Tests.Support;

namespace VillageCollective.Grains.Tests.Dividends;

public sealed class RoundingUnitTests
{
    [Theory]
    [InlineData("fen", "0.01")]
    [InlineData("jiao", "0.1")]
    [InlineData("yuan", "1")]
    [InlineData("ten_yuan", "10")]
    [InlineData(" YUAN ", "1")]
    public void A_rounding_unit_is_found_by_its_code(string code, string step)
    {
        var unit = RoundingUnit.Parse(code);
        Assert.Equal(decimal.Parse(step, System.Globalization.CultureInfo.InvariantCulture), unit.Step);
        Assert.Same(unit, RoundingUnit.Parse(unit.Code));
        Assert.Equal(unit.Code, unit.ToString());
    }

    [Theory]
    [InlineData("mao")]
    [InlineData("")]
    [InlineData(null)]
    public void An_unknown_rounding_unit_is_refused(string? code) =>
        Refusal.Expect("plan.roundingUnit", "roundingUnit", () => RoundingUnit.Parse(code));

    [Fact]
    public void There_are_four_units_finest_first() =>
        Assert.Equal([RoundingUnit.Fen, RoundingUnit.Jiao, RoundingUnit.Yuan, RoundingUnit.TenYuan], RoundingUnit.All);

    [Fact]
    public void Rounding_down_goes_to_a_multiple_of_the_step()
    {
        Assert.Equal(225.37m, RoundingUnit.Fen.RoundDown(225.3799m));
        Assert.Equal(225.3m, RoundingUnit.Jiao.RoundDown(225.3799m));
        Assert.Equal(220m, RoundingUnit.Yuan.RoundDown(220.3917m));
        Assert.Equal(220m, RoundingUnit.TenYuan.RoundDown(229.99m));
        Assert.Equal(0m, RoundingUnit.TenYuan.RoundDown(9.99m));
    }
}
