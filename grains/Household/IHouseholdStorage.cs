namespace VillageCollective.Grains.Household;

/// <summary>The household grain's storage (implemented by the silo over PostgreSQL): its statement, its particulars and its members'.</summary>
public interface IHouseholdStorage
{
    /// <summary>A household's statement, oldest first; null when the village has no such household.</summary>
    Task<IReadOnlyList<HouseholdStatementLine>?> StatementAsync(long villageId, int number, CancellationToken cancellationToken);

    /// <summary>Sets a household's village group and address, under the village's lock.</summary>
    /// <exception cref="Exception">The silo's 404 problem (field <c>number</c>) when the village has no such household.</exception>
    Task SaveParticularsAsync(long villageId, int number, string villageGroup, string address, CancellationToken cancellationToken);

    /// <summary>Sets a member's particulars, under the village's lock.</summary>
    /// <exception cref="Exception">The silo's 404 problem (field <c>memberId</c>) when the household has no such member.</exception>
    Task SaveMemberAsync(long villageId, int number, long memberId, MemberParticulars particulars, CancellationToken cancellationToken);
}
