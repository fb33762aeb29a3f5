using VillageCollective.Grains.Household;
using VillageCollective.Grains.Shares;
using VillageCollective.Silo.Demo;

namespace VillageCollective.Silo.Tests;

public sealed class BaiyangheRegisterTests
{
    private readonly IReadOnlyList<DemoHousehold> _register = BaiyangheRegister.Generate();

    [Fact]
    public void The_generated_register_hits_the_real_totals()
    {
        Assert.Equal(294, _register.Count);
        Assert.Equal(1017, _register.Sum(h => h.Members.Count));
        Assert.Equal(new ShareCount(846.2m), ShareCount.Sum(_register.Select(h => h.ToHousehold().Shares)));
    }

    [Fact]
    public void Households_have_one_to_eight_members_and_a_head_first()
    {
        Assert.All(_register, h =>
        {
            Assert.InRange(h.Members.Count, 1, 8);
            Assert.Equal(Relations.Head, h.Members[0].Member.RelationToHead);
            Assert.Equal(DemoMemberKind.AdultAtReform, h.Members[0].Kind);
        });
    }

    [Fact]
    public void The_rule_gives_736_adults_180_minors_and_101_later_members()
    {
        var kinds = _register.SelectMany(h => h.Members).GroupBy(m => m.Kind).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(BaiyangheRegister.AdultsAtReform, kinds[DemoMemberKind.AdultAtReform]);
        Assert.Equal(BaiyangheRegister.MinorsAtReform, kinds[DemoMemberKind.MinorAtReform]);
        Assert.Equal(BaiyangheRegister.JoinedAfterReform, kinds[DemoMemberKind.JoinedAfterReform]);
        Assert.All(_register.SelectMany(h => h.Members), m =>
        {
            var adultAtReform = m.Member.BirthDate.AddYears(18) <= BaiyangheRegister.ReformDate;
            Assert.Equal(m.Kind == DemoMemberKind.AdultAtReform, adultAtReform);
            Assert.Equal(m.Kind == DemoMemberKind.JoinedAfterReform, m.Member.BirthDate > BaiyangheRegister.ReformDate);
        });
    }

    [Fact]
    public void Demo_resident_ids_are_valid_unique_and_from_no_real_region()
    {
        var ids = _register.SelectMany(h => h.Members).Select(m => m.Member.ResidentId).ToList();

        Assert.Equal(ids.Count, ids.Select(i => i.Value).Distinct().Count());
        Assert.All(ids, id =>
        {
            Assert.StartsWith("99", id.Value, StringComparison.Ordinal);
            Assert.Equal(id.Value, ResidentId.Parse(id.Value).Value);
        });
    }

    [Fact]
    public void The_same_seed_gives_the_same_register()
    {
        var again = BaiyangheRegister.Generate();

        Assert.Equal(
            _register.SelectMany(h => h.Members).Select(m => (m.Member.Name, m.Member.ResidentId.Value)),
            again.SelectMany(h => h.Members).Select(m => (m.Member.Name, m.Member.ResidentId.Value)));
    }
}
