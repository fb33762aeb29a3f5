using VillageCollective.Grains.Register;
using VillageCollective.Grains.Tests.Support;

namespace VillageCollective.Grains.Tests.Household;

using VillageCollective.Grains.Household;

public sealed class HouseholdMovesTests
{
    private static readonly CurrentMember Head = new(1, "李建国", Relations.Head);
    private static readonly CurrentMember Son = new(2, "李明", Relations.Son);
    private static readonly CurrentMember DaughterInLaw = new(3, "王芳", Relations.DaughterInLaw);
    private static readonly IReadOnlyList<CurrentMember> Present = [Head, Son, DaughterInLaw];

    [Fact]
    public void A_split_moves_the_chosen_members_under_their_new_head()
    {
        var (moving, head) = HouseholdMoves.Split(7, [(2, " 户主 "), (3, "配偶")], Present);

        Assert.Equal(Son, head);
        Assert.Equal([(2L, Relations.Head), (3L, Relations.Spouse)], moving);
    }

    [Fact]
    public void A_split_without_a_new_head_is_refused() =>
        Refusal.Expect("household.noHead", "members", () => HouseholdMoves.Split(7, [(2, Relations.Son)], Present));

    [Fact]
    public void A_split_that_takes_the_old_head_is_refused() =>
        Refusal.Expect("household.noHead", "members", () => HouseholdMoves.Split(7, [(1, Relations.Head)], Present));

    [Fact]
    public void A_split_that_takes_everyone_is_refused() =>
        Refusal.Expect("household.noMembers", "members", () =>
            HouseholdMoves.Split(7, [(2, Relations.Head), (3, Relations.Spouse)], [Son, DaughterInLaw]));

    [Fact]
    public void A_split_of_a_member_of_another_household_is_refused() =>
        Refusal.Expect("household.notAMember", "members", () => HouseholdMoves.Split(7, [(99, Relations.Head)], Present));

    [Fact]
    public void A_moving_member_without_a_relation_is_refused() =>
        Refusal.Expect("member.relation", "members", () => HouseholdMoves.Split(7, [(2, " ")], Present));

    [Fact]
    public void The_new_household_takes_the_next_number_or_a_free_one_asked_for()
    {
        Assert.Equal(295, HouseholdMoves.NewNumber(null, [1, 2, 294]));
        Assert.Equal(300, HouseholdMoves.NewNumber(300, [1, 2, 294]));
        Refusal.Expect("household.duplicateNumber", "newHousehold", () => HouseholdMoves.NewNumber(2, [1, 2, 294]));
        Refusal.Expect("household.duplicateNumber", "newHousehold", () => HouseholdMoves.NewNumber(0, [1]));
    }

    [Fact]
    public void A_merge_gives_every_member_a_relation_default_other_and_refuses_a_second_head()
    {
        var moving = HouseholdMoves.Merge(4, Present.Skip(1).ToList(), new Dictionary<long, string?> { [2] = "孙子" });
        Assert.Equal([(2L, "孙子"), (3L, Relations.Other)], moving);

        Refusal.Expect("household.twoHeads", "members", () => HouseholdMoves.Merge(4, Present, new Dictionary<long, string?> { [1] = Relations.Head }));
    }
}
