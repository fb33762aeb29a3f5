namespace VillageCollective.Grains.Household;

/// <summary>A member's particulars as entered (see <see cref="MemberParticulars"/> for the rules).</summary>
[GenerateSerializer, Alias("vc.MemberParticularsEntry")]
public sealed record MemberParticularsEntry(
    [property: Id(0)] DateOnly? MemberSince, [property: Id(1)] string? SinceReason, [property: Id(2)] DateOnly? EndedOn,
    [property: Id(3)] string? EndedReason, [property: Id(4)] string? Phone, [property: Id(5)] string? PayoutAccount);

/// <summary>
/// The household grain (key: the village's id, extension: the household number as text): takes the edits of a household's
/// particulars and its members' (design.md §2). It keeps nothing between calls: PostgreSQL is the record, and the village
/// grain sees every change through the village's version.
/// </summary>
[Alias("vc.IHouseholdGrain")]
public interface IHouseholdGrain : IGrainWithIntegerCompoundKey
{
    /// <summary>Sets the household's village group (村民小组) and address; blank clears them.</summary>
    /// <exception cref="Exception">404 (field <c>number</c>) for an unknown household.</exception>
    [Alias("vc.IHouseholdGrain.SetParticulars")]
    Task SetParticularsAsync(string? villageGroup, string? address);

    /// <summary>Sets a member's particulars.</summary>
    /// <exception cref="DomainException"><c>member.ended</c>, <c>member.payoutAccount</c>, <c>member.phone</c>; 404 (field <c>memberId</c>).</exception>
    [Alias("vc.IHouseholdGrain.SetMemberParticulars")]
    Task SetMemberParticularsAsync(long memberId, MemberParticularsEntry entry);
}
