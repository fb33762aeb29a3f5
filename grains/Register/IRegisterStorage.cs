namespace VillageCollective.Grains.Register;

/// <summary>A village's register as the village grain caches it: the register, its households' ids, the village's version.</summary>
/// <param name="Register">Charter, households (member or ended) and the whole movement journal.</param>
/// <param name="HouseholdIds">Database id (<c>households.id</c>) by household number.</param>
/// <param name="Version">The village's version (<c>villages.version</c>) the register was read at.</param>
public sealed record LoadedShareRegister(ShareRegister Register, Dictionary<int, long> HouseholdIds, long Version);

/// <summary>A current member of a household as a split or merge sees them: database id, name, relation to the head.</summary>
public sealed record CurrentMember(long Id, string Name, string Relation);

/// <summary>A household opened by a split: its number, the household whose group and address it takes, its head's name.</summary>
public sealed record OpenedHousehold(int Number, int LikeHousehold, string HeadName);

/// <summary>A household ended by a merge (or exit): its number, from when, why.</summary>
public sealed record EndedHousehold(int Number, DateOnly On, string Reason);

/// <summary>
/// Everything one register command writes, in one transaction: a household opened, the movements appended, members moved
/// to a household (with their new relation to its head), a household ended, and the certificates of the households the
/// movements touched reissued.
/// </summary>
public sealed record RegisterChange(
    IReadOnlyList<ShareMovement> Movements,
    OpenedHousehold? Opened = null,
    int? MembersMoveTo = null,
    IReadOnlyList<(long Id, string Relation)>? MovingMembers = null,
    EndedHousehold? Ended = null);

/// <summary>What a committed change left: the village's new version and, for a split, the new household's id.</summary>
public sealed record RegisterCommitted(long Version, long? OpenedHouseholdId);

/// <summary>
/// The village grain's register storage (implemented by the silo over PostgreSQL, the system of record).
/// </summary>
public interface IRegisterStorage
{
    /// <summary>Loads the village's register with its households' ids and the village's version.</summary>
    /// <exception cref="Exception">The silo's 404 problem when the village does not exist.</exception>
    Task<LoadedShareRegister> LoadAsync(long villageId, CancellationToken cancellationToken);

    /// <summary>The current members (membership not ended) of a household, by database id.</summary>
    Task<IReadOnlyList<CurrentMember>> MembersAsync(long householdId, CancellationToken cancellationToken);

    /// <summary>
    /// Commits a change in one transaction that first locks the village and compares its version with
    /// <paramref name="expectedVersion"/>; reissues the certificates of the households the movements touch on the first
    /// movement's date, by its enterer. Households are named by number; <paramref name="householdIds"/> gives their ids (a
    /// split's new household gets its id here).
    /// </summary>
    /// <returns>The new version, or null when the village's version differed (nothing written).</returns>
    Task<RegisterCommitted?> CommitAsync(long villageId, long expectedVersion, RegisterChange change, IReadOnlyDictionary<int, long> householdIds,
        CancellationToken cancellationToken);

    /// <summary>Replaces the charter's share rules and classes under the version check; the new version, or null when it differed.</summary>
    Task<long?> SaveCharterAsync(long villageId, long expectedVersion, ShareCharter charter, string actor, CancellationToken cancellationToken);

    /// <summary>Sets the charter's distribution rules (minimum reserve percent, unclaimed payouts) under the version check.</summary>
    Task<long?> SaveDistributionRulesAsync(long villageId, long expectedVersion, decimal minReservePercent, string unclaimedPayouts,
        CancellationToken cancellationToken);

    /// <summary>Issues a certificate to every member household without a valid one, under the village's lock; how many.</summary>
    Task<int> IssueMissingCertificatesAsync(long villageId, DateOnly on, string actor, CancellationToken cancellationToken);

    /// <summary>
    /// Imports a register file's rows in one transaction under the village's lock: parsed and checked against the charter, the
    /// household numbers and the resident IDs read in that transaction; all or nothing.
    /// </summary>
    Task<Village.RegisterImportOutcome> ImportAsync(long villageId, IReadOnlyList<string[]> rows, DateOnly effectiveOn, string reason, string actor,
        CancellationToken cancellationToken);

    /// <summary>The village's version now (<c>villages.version</c>), read without a lock; null when the village does not exist.</summary>
    Task<long?> VersionAsync(long villageId, CancellationToken cancellationToken);

    /// <summary>The silo's 404 problem for a thing not found (it crosses the grain call with its status).</summary>
    /// <param name="field">The request field that named it, e.g. <c>fromHousehold</c>.</param>
    /// <param name="what">What was not found, in Chinese, e.g. 第3户.</param>
    Exception NotFound(string field, string what);
}
