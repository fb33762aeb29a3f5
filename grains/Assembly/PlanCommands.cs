namespace VillageCollective.Grains.Assembly;

/// <summary>
/// A new draft distribution plan for the village grain, its fields already read from the request: yuan with at most two
/// decimals; <paramref name="RateMode"/> <c>fixed</c> (with <paramref name="PerShareRate"/>, yuan a share) or <c>derived</c>
/// (with <paramref name="RoundingUnit"/>'s code); the record date only when stated; the reserve as a percentage or an amount
/// (neither: the charter's minimum percentage).
/// </summary>
[GenerateSerializer, Alias("vc.DraftPlan")]
public sealed record DraftPlan(
    [property: Id(0)] int Year,
    [property: Id(1)] decimal MembersPool,
    [property: Id(2)] string RateMode,
    [property: Id(3)] decimal? PerShareRate,
    [property: Id(4)] string? RoundingUnit,
    [property: Id(5)] DateOnly? RecordDate,
    [property: Id(6)] DateOnly MeetingDate,
    [property: Id(7)] string Note,
    [property: Id(8)] decimal? ReservePercent,
    [property: Id(9)] decimal? ReserveAmount,
    [property: Id(10)] decimal WelfareFund,
    [property: Id(11)] decimal OutsideInvestors,
    [property: Id(12)] decimal OtherDistribution);

/// <summary>A saved draft: the plan's id and its version within the year.</summary>
[GenerateSerializer, Alias("vc.PlanDrafted")]
public sealed record PlanDrafted([property: Id(0)] long PlanId, [property: Id(1)] int Version);

/// <summary>
/// The assembly's vote on a plan: <paramref name="Kind"/> <c>members</c> (成员大会) or <c>representatives</c> (成员代表大会),
/// its date and counts of persons.
/// </summary>
[GenerateSerializer, Alias("vc.AssemblyVote")]
public sealed record AssemblyVote(
    [property: Id(0)] string Kind,
    [property: Id(1)] DateOnly Date,
    [property: Id(2)] int Eligible,
    [property: Id(3)] int Present,
    [property: Id(4)] int VotesFor,
    [property: Id(5)] int VotesAgainst,
    [property: Id(6)] int Abstaining)
{
    /// <summary>The decision the vote describes.</summary>
    /// <exception cref="DomainException"><c>assembly.kind</c> for another kind; the counts' own rules (<see cref="AssemblyDecision"/>).</exception>
    public AssemblyDecision ToDecision() => new(Kind switch
    {
        "members" => AssemblyKind.Members,
        "representatives" => AssemblyKind.Representatives,
        _ => throw new DomainException("assembly.kind", "kind",
            "大会类型只能是 members（成员大会）或 representatives（成员代表大会） (kind is members or representatives)"),
    }, Date, Eligible, Present, VotesFor, VotesAgainst, Abstaining);
}
