using VillageCollective.Grains.Register;
using VillageCollective.Grains.Tests.Support;
using static VillageCollective.Grains.Tests.Register.Charters;

namespace VillageCollective.Grains.Tests.Register;

public sealed class ShareRegisterTests
{
    private static readonly DateOnly Later = new(2024, 6, 1);

    [Fact]
    public void A_transfer_moves_shares_between_member_households_and_keeps_the_total()
    {
        var register = Allocated(2, 3m);

        var movement = register.Transfer(On(Later), 1, 2, "basic", 1.5m);

        Assert.Equal(MovementKind.Transfer, movement.Kind);
        Assert.Equal(1.5m, register.HoldingsAsOf(Later)[(1, "basic")]);
        Assert.Equal(4.5m, register.HoldingsAsOf(Later)[(2, "basic")]);
        Assert.Equal(6m, register.TotalAsOf(Later));
        Assert.Equal(3m, register.HoldingsAsOf(Later.AddDays(-1))[(1, "basic")]);
    }

    [Fact]
    public void A_transfer_to_a_household_that_is_no_longer_a_member_is_refused()
    {
        var register = Allocated(2, 3m);
        register.EndHousehold(2);

        Refusal.Expect("register.notMember", "toHousehold", () => register.Transfer(On(Later), 1, 2, "basic", 1m));
        Assert.Equal(2, register.Journal.Count);
    }

    [Fact]
    public void A_transfer_to_an_unknown_household_is_refused()
    {
        var register = Allocated(1, 3m);

        Refusal.Expect("register.unknownHousehold", "toHousehold", () => register.Transfer(On(Later), 1, 9, "basic", 1m));
    }

    [Fact]
    public void A_transfer_of_more_than_the_household_holds_is_refused_and_changes_nothing()
    {
        var register = Allocated(2, 3m);

        Refusal.Expect("register.negativeHolding", "shares", () => register.Transfer(On(Later), 1, 2, "basic", 3.1m));
        Assert.Equal(3m, register.Current[(1, "basic")]);
        Assert.Equal(2, register.Journal.Count);
    }

    [Fact]
    public void A_backdated_transfer_that_would_leave_an_earlier_date_negative_is_refused()
    {
        var register = Allocated(2, 1m);
        register.Allocate(On(Later), 1, "basic", 5m);

        // On 2020-01-01 household 1 held only 1 share, although it holds 6 now.
        Refusal.Expect("register.negativeHolding", "shares", () => register.Transfer(On(new(2020, 1, 1)), 1, 2, "basic", 2m));
    }

    [Fact]
    public void Shares_finer_than_the_charters_precision_are_refused()
    {
        var register = Allocated(2, 3m);

        Refusal.Expect("register.tooPrecise", "shares", () => register.Transfer(On(Later), 1, 2, "basic", 0.25m));
    }

    [Fact]
    public void A_class_the_charter_does_not_have_is_refused()
    {
        var register = Allocated(2, 3m);

        Refusal.Expect("register.unknownClass", "shareClass", () => register.Transfer(On(Later), 1, 2, "cash", 1m));
    }

    [Fact]
    public void Inheritance_is_recorded_as_its_own_kind()
    {
        var register = Allocated(2, 3m);

        var movement = register.Transfer(On(Later, "父亲去世由子继承"), 1, 2, "basic", 3m, inheritance: true);

        Assert.Equal(MovementKind.Inheritance, movement.Kind);
        Assert.False(register.HoldingsAsOf(Later).ContainsKey((1, "basic")));
    }

    [Fact]
    public void A_split_divides_the_shares_between_old_and_new_household_and_keeps_the_total()
    {
        var register = Allocated(1, 4m);
        register.Allocate(On(Reform), 1, "age", 2m);
        register.AddHousehold(2);

        register.Split(On(Later, "分户"), 1, 2, new Dictionary<string, decimal> { ["basic"] = 1.5m, ["age"] = 0.5m });

        var holdings = register.HoldingsAsOf(Later);
        Assert.Equal(2.5m, holdings[(1, "basic")]);
        Assert.Equal(1.5m, holdings[(2, "basic")]);
        Assert.Equal(1.5m, holdings[(1, "age")]);
        Assert.Equal(0.5m, holdings[(2, "age")]);
        Assert.Equal(6m, register.TotalAsOf(Later));
    }

    [Fact]
    public void A_split_that_moves_nothing_is_refused()
    {
        var register = Allocated(1, 4m);
        register.AddHousehold(2);

        Refusal.Expect("register.nothingToMove", "shares", () => register.Split(On(Later), 1, 2, new Dictionary<string, decimal> { ["basic"] = 0m }));
    }

    [Fact]
    public void A_merge_moves_everything_and_ends_the_merged_household()
    {
        var register = Allocated(2, 2m);
        register.Allocate(On(Reform), 1, "age", 1m);

        register.Merge(On(Later), 1, 2);

        var holdings = register.HoldingsAsOf(Later);
        Assert.DoesNotContain(holdings.Keys, k => k.Household == 1);
        Assert.Equal(4m, holdings[(2, "basic")]);
        Assert.Equal(1m, holdings[(2, "age")]);
        Assert.False(register.IsMemberHousehold(1));
        Refusal.Expect("register.notMember", "toHousehold", () => register.Transfer(On(Later), 2, 1, "basic", 1m));
    }

    [Fact]
    public void An_enrolment_is_refused_under_static_management_and_recorded_under_dynamic()
    {
        var fixedRegister = Allocated(1, 1m);
        var dynamicRegister = new ShareRegister(new ShareCharter([new("basic", "基本股")], ShareManagement.Dynamic, 0.1m, RecordDateRule.SetInPlan, false));
        dynamicRegister.AddHousehold(1);

        Refusal.Expect("register.staticManagement", "kind", () => fixedRegister.Allocate(On(Later), 1, "basic", 0.2m, enrolment: true));
        Assert.Equal(MovementKind.Enrolment, dynamicRegister.Allocate(On(Later), 1, "basic", 0.2m, enrolment: true).Kind);
    }

    [Fact]
    public void Cancellation_lowers_the_total_where_the_charter_allows_it()
    {
        var register = Allocated(2, 2m);

        register.Cancel(On(Later, "迁出退社"), 1, "basic", 2m);

        Assert.Equal(2m, register.TotalAsOf(Later));
        Assert.Equal(4m, register.TotalAsOf(Later.AddDays(-1)));
    }

    [Fact]
    public void Cancellation_is_refused_when_the_charter_does_not_allow_it()
    {
        var register = Allocated(2, 2m, cancellationOnExit: false);

        Refusal.Expect("register.cancellationNotAllowed", "kind", () => register.Cancel(On(Later), 1, "basic", 2m));
    }

    [Fact]
    public void A_correction_appends_a_reversal_and_a_new_movement_and_leaves_the_original_untouched()
    {
        var register = Allocated(2, 3m);
        var wrong = register.Transfer(On(Later), 1, 2, "basic", 2m);

        var (reversal, replacement) = register.Correct(On(Later.AddDays(3), "录入错误：应为0.5股"), wrong.No,
            [new(1, "basic", -0.5m), new(2, "basic", 0.5m)]);

        Assert.Equal(5, register.Journal.Count);
        Assert.Same(wrong, register.Journal[2]);
        Assert.Equal(wrong.No, reversal.Reverses);
        Assert.Equal(MovementKind.Transfer, replacement!.Kind);
        Assert.Equal(2.5m, register.Current[(1, "basic")]);
        Refusal.Expect("register.alreadyReversed", "movementNo", () => register.Correct(On(Later), wrong.No, []));
    }

    [Fact]
    public void An_unbalanced_correction_is_refused_and_nothing_is_recorded()
    {
        var register = Allocated(2, 3m);
        var transfer = register.Transfer(On(Later), 1, 2, "basic", 2m);

        Refusal.Expect("register.unbalanced", "legs", () => register.Correct(On(Later), transfer.No, [new(2, "basic", 0.5m)]));
        Assert.Equal(3, register.Journal.Count);
        Assert.Equal(5m, register.Current[(2, "basic")]);
    }

    [Fact]
    public void A_charter_refuses_a_precision_outside_0_1_to_0_0001()
    {
        Refusal.Expect("charter.precision", "precision",
            () => new ShareCharter([new("basic", "基本股")], ShareManagement.Static, 0.5m, RecordDateRule.SetInPlan, false));
        Refusal.Expect("charter.duplicateClass", "classes",
            () => new ShareCharter([new("basic", "基本股"), new("basic", "人口股")], ShareManagement.Static, 0.1m, RecordDateRule.SetInPlan, false));
    }
}
