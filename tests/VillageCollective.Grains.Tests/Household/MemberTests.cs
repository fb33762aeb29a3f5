using VillageCollective.Grains.Tests.Support;

namespace VillageCollective.Grains.Tests.Household;

using VillageCollective.Grains.Household;

public sealed class MemberTests
{
    private static readonly DateOnly Birth = new(1949, 12, 31);
    private static readonly ResidentId Id = ResidentId.Parse("11010519491231002X");

    [Fact]
    public void A_member_agreeing_with_the_resident_id_is_accepted_and_trimmed()
    {
        var member = new Member(" 王秀兰 ", Sex.Female, Birth, Id, " " + Relations.Head);

        Assert.Equal("王秀兰", member.Name);
        Assert.Equal(Relations.Head, member.RelationToHead);
        Assert.True(member.IsHead);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData(null)]
    public void A_member_without_a_name_is_refused(string? name) =>
        Refusal.Expect("member.name", "name", () => new Member(name!, Sex.Female, Birth, Id, Relations.Head));

    [Fact]
    public void A_member_without_a_relation_to_the_head_is_refused() =>
        Refusal.Expect("member.relation", "relationToHead", () => new Member("王秀兰", Sex.Female, Birth, Id, " "));

    [Fact]
    public void A_birth_date_other_than_the_resident_ids_is_refused() =>
        Refusal.Expect("member.birthDate", "birthDate", () => new Member("王秀兰", Sex.Female, Birth.AddDays(1), Id, Relations.Head));

    [Fact]
    public void A_sex_other_than_the_resident_ids_is_refused() =>
        Refusal.Expect("member.sex", "sex", () => new Member("王秀兰", Sex.Male, Birth, Id, Relations.Head));

    [Fact]
    public void Printing_a_member_shows_the_resident_id_masked()
    {
        var member = new Member("王秀兰", Sex.Female, Birth, Id, Relations.Head);
        Assert.DoesNotContain(Id.Value, member.ToString(), StringComparison.Ordinal);
        Assert.Contains(Id.Masked, member.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_relations_include_the_head_and_the_usual_kin()
    {
        Assert.Equal("户主", Relations.Head);
        Assert.Equal(["户主", "配偶", "子", "女", "孙子", "孙女", "父亲", "母亲", "儿媳", "女婿", "其他"], Relations.All);
    }
}
