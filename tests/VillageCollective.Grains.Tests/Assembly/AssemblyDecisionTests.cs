using VillageCollective.Grains.Assembly;

namespace VillageCollective.Grains.Tests.Assembly;

public sealed class AssemblyDecisionTests
{
    private static readonly DateOnly Day = new(2025, 11, 20);

    private static AssemblyDecision Members(int eligible, int present, int votesFor, int against = 0, int abstaining = 0) =>
        new(AssemblyKind.Members, Day, eligible, present, votesFor, against, abstaining);

    [Fact]
    public void Exactly_two_thirds_present_and_in_favour_carries()
    {
        Members(300, 200, 200).EnsureCarried();
    }

    [Fact]
    public void One_short_of_two_thirds_present_fails_the_quorum()
    {
        var error = Assert.Throws<DomainException>(() => Members(300, 199, 199).EnsureCarried());

        Assert.Equal(("assembly.quorum", "present"), (error.Code, error.Field));
    }

    [Fact]
    public void Two_thirds_of_those_present_is_not_enough_it_takes_two_thirds_of_all()
    {
        // 250 present, 170 for: 68% of those present, but 170 × 3 = 510 < 600.
        var error = Assert.Throws<DomainException>(() => Members(300, 250, 170, 80).EnsureCarried());

        Assert.Equal(("assembly.majority", "votesFor"), (error.Code, error.Field));
    }

    [Theory]
    [InlineData(20, false)]
    [InlineData(21, true)]
    public void A_representatives_assembly_needs_more_than_20_delegates(int delegates, bool carries)
    {
        var decision = new AssemblyDecision(AssemblyKind.Representatives, Day, delegates, delegates, delegates, 0, 0);

        if (carries)
        {
            decision.EnsureCarried();
        }
        else
        {
            var error = Assert.Throws<DomainException>(decision.EnsureCarried);
            Assert.Equal(("assembly.tooFewDelegates", "eligible"), (error.Code, error.Field));
        }
    }

    [Fact]
    public void More_present_than_eligible_is_refused()
    {
        Assert.Equal("assembly.presentAboveEligible", Assert.Throws<DomainException>(() => Members(30, 31, 20)).Code);
    }

    [Fact]
    public void More_votes_than_present_are_refused()
    {
        Assert.Equal("assembly.votesAbovePresent", Assert.Throws<DomainException>(() => Members(30, 25, 20, 4, 2)).Code);
    }

    [Fact]
    public void A_negative_count_is_refused_naming_it()
    {
        Assert.Equal("votesAgainst", Assert.Throws<DomainException>(() => Members(30, 25, 20, -1)).Field);
    }
}
