using FsCheck;
using FsCheck.Fluent;
using VillageCollective.Grains.Register;
using static VillageCollective.Grains.Tests.Register.Charters;

namespace VillageCollective.Grains.Tests.Register;

public sealed class ShareRegisterProperties
{
    private const int Households = 5;

    /// One command against the register: what kind, which households, which class, how many tenths, on which day after the reform.
    public sealed record Step(int Kind, int From, int To, bool Basic, int Tenths, int Day)
    {
        public override string ToString() => $"{Kind}:{From}->{To} {(Basic ? "basic" : "age")} {Tenths / 10m} +{Day}d";
    }

    private static readonly Gen<Step> Steps =
        from kind in Gen.Choose(0, 7)
        from source in Gen.Choose(1, Households + 1)
        from target in Gen.Choose(1, Households + 1)
        from basic in Gen.Elements(true, false)
        from tenths in Gen.Choose(1, 40)
        from day in Gen.Choose(0, 3000)
        select new Step(kind, source, target, basic, tenths, day);

    // How many steps of each kind were recorded (not refused), so a test can check the generator reaches every kind.
    private readonly int[] _recorded = new int[8];

    // Applies a step; a refused step must leave the register exactly as it was.
    private void Apply(ShareRegister register, Step step)
    {
        var info = On(Reform.AddDays(step.Day));
        var shareClass = step.Basic ? "basic" : "age";
        var shares = step.Tenths / 10m;
        var before = register.Journal.ToList();
        var current = register.Current;
        try
        {
            switch (step.Kind)
            {
                case 0: register.Allocate(info, step.From, shareClass, shares); break;
                case 1: register.Transfer(info, step.From, step.To, shareClass, shares); break;
                case 2: register.Transfer(info, step.From, step.To, shareClass, shares, inheritance: true); break;
                case 3:
                    var fresh = 100 + register.Journal.Count;
                    if (!register.IsMemberHousehold(fresh)) register.AddHousehold(fresh);
                    register.Split(info, step.From, fresh, new Dictionary<string, decimal> { [shareClass] = shares });
                    break;
                case 4: register.Merge(info, step.From, step.To); break;
                case 5: register.Cancel(info, step.From, shareClass, shares); break;
                default:
                    if (register.Journal.Count > 0)
                    {
                        var target = register.Journal[(step.Tenths * 7) % register.Journal.Count];
                        register.Correct(info, target.No, step.Basic ? [] : target.Legs);
                    }
                    break;
            }
            if (register.Journal.Count > before.Count) _recorded[step.Kind]++;
        }
        catch (DomainException)
        {
            Assert.Equal(before, register.Journal);
            Assert.Equal(current, register.Current);
        }
    }

    private ShareRegister Run(IEnumerable<Step> steps)
    {
        var register = Allocated(Households, 2m);
        foreach (var step in steps)
        {
            var before = register.Journal.ToList();
            Apply(register, step);
            // Append-only: what was recorded stays recorded, unchanged and in place.
            Assert.Equal(before, register.Journal.Take(before.Count));
        }

        return register;
    }

    [Fact]
    public void Only_allocation_and_cancellation_change_the_total_and_every_other_movement_balances()
    {
        Prop.ForAll(Gen.ListOf(Steps).ToArbitrary(), steps =>
        {
            var register = Run(steps);
            var journal = register.Journal;
            foreach (var movement in journal)
            {
                var kind = movement.Kind == MovementKind.Reversal ? journal.Single(m => m.No == movement.Reverses).Kind : movement.Kind;
                if (!MovementKinds.ChangesTotal(kind))
                {
                    Assert.All(movement.Legs.GroupBy(l => l.ShareClass), g => Assert.Equal(0m, g.Sum(l => l.Delta)));
                }
            }

            var changing = journal.Where(m => MovementKinds.ChangesTotal(m.Kind == MovementKind.Reversal ? journal.Single(o => o.No == m.Reverses).Kind : m.Kind));
            Assert.Equal(changing.Sum(m => m.NetChange), register.TotalAsOf(DateOnly.MaxValue));
        }).QuickCheckThrowOnFailure();

        // The random sequences did record every kind of movement, not only refusals.
        Assert.All(_recorded, count => Assert.True(count > 0, string.Join(",", _recorded)));
    }

    [Fact]
    public void Replaying_the_journal_as_of_the_last_date_equals_the_current_register_and_no_holding_is_ever_negative()
    {
        Prop.ForAll(Gen.ListOf(Steps).ToArbitrary(), steps =>
        {
            var register = Run(steps);

            Assert.Equal(register.Current, register.HoldingsAsOf(DateOnly.MaxValue));
            foreach (var date in register.Journal.Select(m => m.Info.EffectiveOn).Distinct())
            {
                var asOf = register.HoldingsAsOf(date);
                Assert.All(asOf.Values, v => Assert.True(v > 0m));
                Assert.All(asOf.Values, v => Assert.Equal(v, Math.Round(v, 1)));
                Assert.Equal(register.TotalAsOf(date), asOf.Values.Sum());
            }
        }).QuickCheckThrowOnFailure();
    }
}
