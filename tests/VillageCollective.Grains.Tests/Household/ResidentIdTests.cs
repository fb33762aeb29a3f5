using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using VillageCollective.Grains.Tests.Support;

namespace VillageCollective.Grains.Tests.Household;

using VillageCollective.Grains.Household;

public sealed class ResidentIdTests
{
    private const string Example = "11010519491231002X";

    [Fact]
    public void The_standard_example_parses_into_its_parts()
    {
        var id = ResidentId.Parse(Example);

        Assert.Equal(Example, id.Value);
        Assert.Equal("110105", id.RegionCode);
        Assert.Equal(new DateOnly(1949, 12, 31), id.BirthDate);
        Assert.False(id.IsMale);
    }

    [Fact]
    public void The_check_character_follows_GB_11643()
    {
        Assert.Equal('X', ResidentId.CheckCharacter("11010519491231002"));
        Assert.Equal('4', ResidentId.CheckCharacter("44052418800101001"));
    }

    [Fact]
    public void A_lower_case_x_and_surrounding_spaces_are_accepted()
    {
        var id = ResidentId.Parse("  11010519491231002x ");
        Assert.Equal(Example, id.Value);
        Assert.Equal(ResidentId.Parse(Example), id);
    }

    [Fact]
    public void An_odd_sequence_number_is_male()
    {
        var id = People.Id(new DateOnly(1980, 1, 1), 1);
        Assert.True(id.IsMale);
    }

    [Fact]
    public void The_id_is_masked_by_default_because_it_is_personal_data()
    {
        var id = ResidentId.Parse(Example);

        Assert.Equal("110105********002X", id.Masked);
        Assert.Equal(id.Masked, id.ToString());
        Assert.Equal(id.Masked, $"{id}");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("11010519491231002")]
    [InlineData("11010519491231002X1")]
    [InlineData("110105194912310")]
    public void An_id_that_is_not_18_characters_is_refused(string? text) =>
        Refusal.Expect("residentId.length", "residentId", () => ResidentId.Parse(text));

    [Theory]
    [InlineData("1101051949123100AX")]
    [InlineData("X10105194912310020")]
    [InlineData("１１０１０５１９４９１２３１００２Ｘ")]
    public void An_id_whose_first_17_characters_are_not_digits_is_refused(string text) =>
        Refusal.Expect("residentId.digits", "residentId", () => ResidentId.Parse(text));

    [Theory]
    [InlineData("19491331")]
    [InlineData("20230229")]
    [InlineData("19490000")]
    [InlineData("18991231")]
    public void An_id_without_a_real_birth_date_from_1900_on_is_refused(string birth)
    {
        var first17 = "110105" + birth + "002";
        Refusal.Expect("residentId.birthDate", "residentId", () => ResidentId.Parse(first17 + ResidentId.CheckCharacter(first17)));
    }

    [Fact]
    public void An_id_with_a_wrong_check_character_is_refused_naming_the_expected_one()
    {
        var error = Refusal.Expect("residentId.checkCharacter", "residentId", () => ResidentId.Parse("110105194912310021"));
        Assert.Contains("'X'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_reports_the_error_instead_of_throwing()
    {
        Assert.False(ResidentId.TryParse("110105194912310021", out var id, out var error));
        Assert.Null(id);
        Assert.Equal("residentId.checkCharacter", error.Code);

        Assert.True(ResidentId.TryParse(Example, out id, out error));
        Assert.Equal(Example, id.Value);
        Assert.Null(error);
    }

    [Fact]
    public void The_check_character_needs_17_digits()
    {
        Refusal.Expect("residentId.length", "residentId", () => ResidentId.CheckCharacter("1101051949123100"));
        Refusal.Expect("residentId.digits", "residentId", () => ResidentId.CheckCharacter("1101051949123100A"));
    }

    [Fact]
    public void Any_valid_prefix_with_its_check_character_parses_back_and_any_other_is_refused()
    {
        Prop.ForAll(Prefixes().ToArbitrary(), prefix =>
        {
            var check = ResidentId.CheckCharacter(prefix.First17);
            var id = ResidentId.Parse(prefix.First17 + check);

            Assert.Equal(prefix.BirthDate, id.BirthDate);
            Assert.Equal(prefix.First17[..6], id.RegionCode);
            Assert.Equal(prefix.Sequence % 2 == 1, id.IsMale);
            Assert.Equal(prefix.First17[..6] + "********" + prefix.First17[14..] + check, id.Masked);

            foreach (var wrong in "0123456789X".Where(c => c != check))
            {
                Assert.False(ResidentId.TryParse(prefix.First17 + wrong, out _, out var error));
                Assert.Equal("residentId.checkCharacter", error.Code);
            }
        }).QuickCheckThrowOnFailure();
    }

    private sealed record Prefix(string First17, DateOnly BirthDate, int Sequence);

    private static Gen<Prefix> Prefixes() =>
        from region in Gen.Choose(100000, 999999)
        from day in Gen.Choose(0, new DateOnly(2099, 12, 31).DayNumber - new DateOnly(1900, 1, 1).DayNumber)
        from sequence in Gen.Choose(0, 999)
        let birth = new DateOnly(1900, 1, 1).AddDays(day)
        select new Prefix(
            region.ToString(CultureInfo.InvariantCulture) + birth.ToString("yyyyMMdd", CultureInfo.InvariantCulture)
                + sequence.ToString("D3", CultureInfo.InvariantCulture),
            birth,
            sequence);
}
