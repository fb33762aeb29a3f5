namespace VillageCollective.Grains.Household;

/// <summary>A member's particulars as entered (see <see cref="MemberParticulars"/> for the rules).</summary>
[GenerateSerializer, Alias("vc.MemberParticularsEntry")]
public sealed record MemberParticularsEntry(
    [property: Id(0)] DateOnly? MemberSince, [property: Id(1)] string? SinceReason, [property: Id(2)] DateOnly? EndedOn,
    [property: Id(3)] string? EndedReason, [property: Id(4)] string? Phone, [property: Id(5)] string? PayoutAccount);

/// <summary>
/// A line of a household's statement (股权变动明细): one leg of a movement touching it, with the running balance of its class;
/// <see cref="Counterparts"/> are the other households' numbers. Shares are decimals.
/// </summary>
[GenerateSerializer, Alias("vc.HouseholdStatementLine")]
public sealed record HouseholdStatementLine(
    [property: Id(0)] long MovementNo, [property: Id(1)] string Kind, [property: Id(2)] string KindLabel, [property: Id(3)] DateOnly EffectiveOn,
    [property: Id(4)] string ShareClass, [property: Id(5)] string ShareClassName, [property: Id(6)] decimal Delta, [property: Id(7)] decimal Balance,
    [property: Id(8)] string Reason, [property: Id(9)] string DocumentRef, [property: Id(10)] string EnteredBy, [property: Id(11)] DateTimeOffset EnteredAt,
    [property: Id(12)] long? Reverses, [property: Id(13)] string Counterparts);

/// <summary>
/// The household grain (key: the village's id, extension: the household number as text): takes the edits of a household's
/// particulars and its members', and answers for its statement (design.md §2). It keeps nothing between calls: PostgreSQL is the record, and the village
/// grain sees every change through the village's version.
/// </summary>
[Alias("vc.IHouseholdGrain")]
public interface IHouseholdGrain : IGrainWithIntegerCompoundKey
{
    /// <summary>The household's statement, oldest first; null when the village has no such household. Read from PostgreSQL each time.</summary>
    [Alias("vc.IHouseholdGrain.Statement")]
    Task<IReadOnlyList<HouseholdStatementLine>?> StatementAsync();

    /// <summary>Sets the household's village group (村民小组) and address; blank clears them.</summary>
    /// <exception cref="Exception">404 (field <c>number</c>) for an unknown household.</exception>
    [Alias("vc.IHouseholdGrain.SetParticulars")]
    Task SetParticularsAsync(string? villageGroup, string? address);

    /// <summary>Sets a member's particulars.</summary>
    /// <exception cref="DomainException"><c>member.ended</c>, <c>member.payoutAccount</c>, <c>member.phone</c>; 404 (field <c>memberId</c>).</exception>
    [Alias("vc.IHouseholdGrain.SetMemberParticulars")]
    Task SetMemberParticularsAsync(long memberId, MemberParticularsEntry entry);
}
