using VillageCollective.Grains.Shares;
using VillageCollective.Grains.Tests.Support;

namespace VillageCollective.Grains.Tests.Household;

using VillageCollective.Grains.Household;

public sealed class HouseholdTests
{
    private static readonly Member Head = People.Person("李建国", 11, Relations.Head);
    private static readonly Member Spouse = People.Person("张桂英", 12, Relations.Spouse);

    [Fact]
    public void A_household_knows_its_head()
    {
        var household = People.Family(7, 3.5m, Spouse, Head);

        Assert.Equal(7, household.Number);
        Assert.Same(Head, household.HeadMember);
        Assert.Equal("李建国", household.HeadName);
        Assert.Equal(new ShareCount(3.5m), household.Shares);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void A_household_number_must_be_positive(int number) =>
        Refusal.Expect("household.number", "number", () => People.Family(number, 1m, Head));

    [Fact]
    public void A_household_without_members_is_refused() =>
        Refusal.Expect("household.noMembers", "members", () => new Household(1, [], new ShareCount(1m)));

    [Fact]
    public void A_household_without_a_head_is_refused() =>
        Refusal.Expect("household.noHead", "members", () => People.Family(1, 1m, Spouse));

    [Fact]
    public void A_household_with_two_heads_is_refused()
    {
        var secondHead = People.Person("李建军", 13, Relations.Head);
        Refusal.Expect("household.twoHeads", "members", () => People.Family(1, 1m, Head, secondHead));
    }

    [Fact]
    public void A_person_cannot_be_in_a_household_twice()
    {
        var again = Spouse with { };
        Refusal.Expect("member.duplicateResidentId", "residentId", () => People.Family(1, 1m, Head, Spouse, again));
    }

    [Fact]
    public void A_household_keeps_its_own_copy_of_the_members()
    {
        var members = new List<Member> { Head };
        var household = new Household(1, members, new ShareCount(1m));

        members.Add(Spouse);

        Assert.Single(household.Members);
        Assert.False(household.Members is IList<Member> { IsReadOnly: false });
    }

    [Fact]
    public void Households_with_the_same_number_members_and_shares_are_equal()
    {
        var one = new Household(1, [Head, Spouse], new ShareCount(2m));
        var other = new Household(1, new List<Member> { Head, Spouse }, new ShareCount(2.0m));

        Assert.Equal(one, other);
        Assert.Equal(one.GetHashCode(), other.GetHashCode());
        Assert.NotEqual(one, new Household(1, [Head], new ShareCount(2m)));
    }
}
