namespace VillageCollective.Grains.Assembly;

/// <summary>Which assembly decided: the members' assembly (成员大会) or the representatives' assembly (成员代表大会).</summary>
public enum AssemblyKind
{
    /// <summary>成员大会: all members (农村集体经济组织法 Art. 26–27).</summary>
    Members,

    /// <summary>成员代表大会: delegates, one per 5–15 households, more than 20 (Art. 28).</summary>
    Representatives,
}

/// <summary>
/// An assembly's vote on a distribution plan: who could vote, who came, how they voted. Counts are persons
/// (members, or delegates for a representatives' assembly).
/// </summary>
/// <exception cref="DomainException"><c>assembly.count</c> for a negative count; <c>assembly.presentAboveEligible</c>
/// (field <c>present</c>); <c>assembly.votesAbovePresent</c> (field <c>votesFor</c>).</exception>
public sealed record AssemblyDecision(AssemblyKind Kind, DateOnly Date, int Eligible, int Present, int VotesFor, int VotesAgainst, int Abstaining)
{
    /// <summary>The minimum number of delegates, exclusive: a representatives' assembly needs more than 20 (Art. 28).</summary>
    public const int DelegatesMoreThan = 20;

    /// <summary>Members (or delegates) entitled to vote.</summary>
    public int Eligible { get; } = NotNegative(Eligible, "eligible");

    /// <summary>Those present (in person or by an authorised adult of the same household, Art. 27).</summary>
    public int Present { get; } = NotNegative(Present, "present") <= Eligible
        ? Present
        : throw new DomainException("assembly.presentAboveEligible", "present", $"出席人数{Present}多于应到人数{Eligible} (more present than eligible)");

    /// <summary>Votes for.</summary>
    public int VotesFor { get; } = NotNegative(VotesFor, "votesFor");

    /// <summary>Votes against.</summary>
    public int VotesAgainst { get; } = NotNegative(VotesAgainst, "votesAgainst");

    /// <summary>Abstentions.</summary>
    public int Abstaining { get; } = (long)NotNegative(VotesFor, "votesFor") + NotNegative(VotesAgainst, "votesAgainst") + NotNegative(Abstaining, "abstaining") <= Present
        ? Abstaining
        : throw new DomainException("assembly.votesAbovePresent", "votesFor", $"赞成、反对、弃权合计{(long)VotesFor + VotesAgainst + Abstaining}多于出席人数{Present} (more votes than present)");

    /// <summary>
    /// Refuses a decision that does not carry under 农村集体经济组织法: a representatives' assembly of 20 delegates or fewer
    /// (Art. 28); fewer than ⅔ of those entitled present (Art. 27); fewer than ⅔ of all those entitled in favour (Art. 27).
    /// The ⅔ tests are exact: 3 × present ≥ 2 × eligible.
    /// </summary>
    /// <exception cref="DomainException"><c>assembly.tooFewDelegates</c> (field <c>eligible</c>); <c>assembly.quorum</c>
    /// (field <c>present</c>); <c>assembly.majority</c> (field <c>votesFor</c>).</exception>
    public void EnsureCarried()
    {
        if (Kind == AssemblyKind.Representatives && Eligible <= DelegatesMoreThan)
        {
            throw new DomainException("assembly.tooFewDelegates", "eligible", $"成员代表大会须有{DelegatesMoreThan}名以上代表，现有{Eligible}名 (a representatives' assembly needs more than {DelegatesMoreThan} delegates)");
        }
        if (3L * Present < 2L * Eligible)
        {
            throw new DomainException("assembly.quorum", "present", $"出席{Present}人，不足应到{Eligible}人的三分之二 (fewer than two thirds present)");
        }
        if (3L * VotesFor < 2L * Eligible)
        {
            throw new DomainException("assembly.majority", "votesFor", $"赞成{VotesFor}票，不足全体{Eligible}人的三分之二，方案未通过 (fewer than two thirds of all in favour: not carried)");
        }
    }

    private static int NotNegative(int count, string field) =>
        count >= 0 ? count : throw new DomainException("assembly.count", field, $"人数不能为负 (a count cannot be negative): {field} = {count}");
}
