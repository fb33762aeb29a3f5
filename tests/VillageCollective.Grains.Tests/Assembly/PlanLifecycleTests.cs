using VillageCollective.Grains.Assembly;

namespace VillageCollective.Grains.Tests.Assembly;

public sealed class PlanLifecycleTests
{
    private static readonly DateOnly Notice = new(2025, 11, 8);

    private static AssemblyDecision Carried(DateOnly date) => new(AssemblyKind.Representatives, date, 31, 28, 27, 0, 1);

    [Fact]
    public void A_draft_is_published_then_approved_by_a_carried_vote_ten_days_later()
    {
        var published = PlanLifecycle.Publish(PlanStatus.Draft);

        Assert.Equal(PlanStatus.Published, published);
        Assert.Equal(PlanStatus.Approved, PlanLifecycle.Decide(published, Notice, Carried(Notice.AddDays(10))));
    }

    [Fact]
    public void An_assembly_nine_days_after_the_notice_is_too_soon()
    {
        var error = Assert.Throws<DomainException>(() => PlanLifecycle.Decide(PlanStatus.Published, Notice, Carried(Notice.AddDays(9))));

        Assert.Equal(("assembly.noticeTooShort", "date"), (error.Code, error.Field));
    }

    [Fact]
    public void A_draft_cannot_be_voted_on_before_its_notice()
    {
        Assert.Equal("plan.notPublished", Assert.Throws<DomainException>(() => PlanLifecycle.Decide(PlanStatus.Draft, Notice, Carried(Notice.AddDays(12)))).Code);
    }

    [Theory]
    [InlineData(PlanStatus.Published)]
    [InlineData(PlanStatus.Approved)]
    public void Only_a_draft_can_be_published(PlanStatus status)
    {
        Assert.Equal("plan.notDraft", Assert.Throws<DomainException>(() => PlanLifecycle.Publish(status)).Code);
    }

    [Fact]
    public void An_approved_plan_cannot_be_voted_on_again()
    {
        Assert.Equal("plan.notPublished", Assert.Throws<DomainException>(() => PlanLifecycle.Decide(PlanStatus.Approved, Notice, Carried(Notice.AddDays(12)))).Code);
    }
}
