using VillageCollective.Grains.Shares;
using VillageCollective.Grains.Tests.Support;

namespace VillageCollective.Grains.Tests.Village;

using VillageCollective.Grains.Household;
using VillageCollective.Grains.Village;

public sealed class VillageTests
{
    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void A_village_needs_a_name(string name) =>
        Refusal.Expect("village.name", "name", () => new Village(name));

    [Fact]
    public void Households_are_listed_in_number_order_with_their_members_and_shares()
    {
        var village = new Village(" 白杨河村 ");
        village.AddHousehold(People.Family(3, 2.2m));
        village.AddHousehold(People.Family(1, 3m));
        village.AddHousehold(People.Family(2, 1.6m));

        Assert.Equal("白杨河村", village.Name);
        Assert.Equal([1, 2, 3], village.Households.Select(h => h.Number));
        Assert.Equal(6, village.MemberCount);
        Assert.Equal(new ShareCount(6.8m), village.TotalShares);
    }

    [Fact]
    public void An_empty_village_has_no_members_and_no_shares()
    {
        var village = new Village("白杨河村");

        Assert.Empty(village.Households);
        Assert.Equal(0, village.MemberCount);
        Assert.Equal(ShareCount.Zero, village.TotalShares);
    }

    [Fact]
    public void A_household_number_already_taken_is_refused()
    {
        var village = new Village("白杨河村");
        village.AddHousehold(People.Family(1, 3m));

        var other = People.Family(1, 2m, People.Person("赵六", 901, Relations.Head));
        Refusal.Expect("household.duplicateNumber", "number", () => village.AddHousehold(other));
        Assert.Single(village.Households);
    }

    [Fact]
    public void A_person_already_in_another_household_is_refused_naming_both_households()
    {
        var village = new Village("白杨河村");
        var first = People.Family(1, 3m);
        village.AddHousehold(first);

        var spouseOfFirst = first.Members[1];
        var second = People.Family(2, 2m, People.Person("赵六", 901, Relations.Head), spouseOfFirst with { });

        var error = Refusal.Expect("member.duplicateResidentId", "residentId", () => village.AddHousehold(second));
        Assert.Contains("household 1", error.Message, StringComparison.Ordinal);
        Assert.Contains("household 2", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(spouseOfFirst.ResidentId.Value, error.Message, StringComparison.Ordinal);
        Assert.Single(village.Households);
        Assert.Equal(2, village.MemberCount);
    }

    [Fact]
    public void A_refused_household_leaves_its_other_members_free_to_join_later()
    {
        var village = new Village("白杨河村");
        var first = People.Family(1, 3m);
        village.AddHousehold(first);
        var newcomer = People.Person("赵六", 901, Relations.Head);

        Assert.Throws<DomainException>(() => village.AddHousehold(People.Family(2, 1m, newcomer, first.Members[1])));
        village.AddHousehold(People.Family(2, 1m, newcomer));

        Assert.Equal(3, village.MemberCount);
    }
}
