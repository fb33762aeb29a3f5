using VillageCollective.Grains.Register;

namespace VillageCollective.Grains.Household;

/// <summary>
/// The household rules of a split (分户) and a merge (合户), in one place for every caller (the village grain's
/// movements): who may move, who heads the households afterwards, which number the new household may take.
/// </summary>
public static class HouseholdMoves
{
    /// <summary>
    /// Checks the members moving to a household split off <paramref name="from"/>: at least one, each a present member with
    /// a relation to the new head, exactly one of them its head (户主), the old head stays, and the old household keeps a member.
    /// </summary>
    /// <param name="from">The household being split.</param>
    /// <param name="moving">Member ids and their relation to the new head, as requested.</param>
    /// <param name="present">The current members of <paramref name="from"/>.</param>
    /// <returns>The moving members (relations trimmed) and the new household's head.</returns>
    /// <exception cref="DomainException">Field <c>members</c>: <c>household.noMembers</c>, <c>member.relation</c>,
    /// <c>household.notAMember</c>, <c>household.noHead</c>.</exception>
    public static (IReadOnlyList<(long Id, string Relation)> Moving, CurrentMember Head) Split(
        int from, IReadOnlyList<(long Id, string? Relation)> moving, IReadOnlyList<CurrentMember> present)
    {
        ArgumentNullException.ThrowIfNull(moving);
        ArgumentNullException.ThrowIfNull(present);
        if (moving.Count == 0)
        {
            throw new DomainException("household.noMembers", "members", "请选择迁入新户的成员 (choose the members who move)");
        }

        var checkedMoving = moving.Select(m => (m.Id, string.IsNullOrWhiteSpace(m.Relation)
            ? throw new DomainException("member.relation", "members", "与户主关系不能为空 (each moving member needs a relation to the new head)")
            : m.Relation.Trim())).ToList();
        var stranger = checkedMoving.FirstOrDefault(m => present.All(p => p.Id != m.Id));
        if (stranger != default)
        {
            throw new DomainException("household.notAMember", "members", $"成员{stranger.Id}不在第{from}户 (member {stranger.Id} is not in household {from})");
        }

        if (checkedMoving.Count(m => m.Item2 == Relations.Head) != 1)
        {
            throw new DomainException("household.noHead", "members", "新户须有且只有一名户主 (the new household needs exactly one head, 户主)");
        }

        if (present.Where(p => p.Relation == Relations.Head).Any(p => checkedMoving.Any(m => m.Id == p.Id)))
        {
            throw new DomainException("household.noHead", "members", $"第{from}户的户主须留在原户 (the head of household {from} stays; choose who moves)");
        }

        if (checkedMoving.Count >= present.Count)
        {
            throw new DomainException("household.noMembers", "members", "原户须保留成员，整户并入请用合户 (the old household keeps at least one member)");
        }

        var headId = checkedMoving.Single(m => m.Item2 == Relations.Head).Id;
        return (checkedMoving, present.Single(p => p.Id == headId));
    }

    /// <summary>The number a split's new household takes: the one requested, or the next after the highest in the register.</summary>
    /// <param name="requested">The number asked for, or null.</param>
    /// <param name="taken">The numbers in the register (member households and ended ones).</param>
    /// <exception cref="DomainException"><c>household.duplicateNumber</c> (field <c>newHousehold</c>): taken or not above zero.</exception>
    public static int NewNumber(int? requested, IReadOnlyCollection<int> taken)
    {
        ArgumentNullException.ThrowIfNull(taken);
        var number = requested ?? taken.DefaultIfEmpty(0).Max() + 1;
        if (number <= 0 || taken.Contains(number))
        {
            throw new DomainException("household.duplicateNumber", "newHousehold", $"户号{number}已存在或无效 (household number {number} is taken or invalid)");
        }

        return number;
    }

    /// <summary>
    /// The members of a household merging into <paramref name="into"/>, each with the relation given (default 其他);
    /// none may become a second head.
    /// </summary>
    /// <param name="into">The household joined.</param>
    /// <param name="present">The current members of the household that joins.</param>
    /// <param name="given">Relations asked for by member id (blank means 其他).</param>
    /// <exception cref="DomainException"><c>household.twoHeads</c> (field <c>members</c>).</exception>
    public static IReadOnlyList<(long Id, string Relation)> Merge(int into, IReadOnlyList<CurrentMember> present, IReadOnlyDictionary<long, string?> given)
    {
        ArgumentNullException.ThrowIfNull(present);
        ArgumentNullException.ThrowIfNull(given);
        var moving = present.Select(p => (p.Id, Relation: string.IsNullOrWhiteSpace(given.GetValueOrDefault(p.Id)) ? Relations.Other : given[p.Id]!.Trim())).ToList();
        if (moving.Any(m => m.Relation == Relations.Head))
        {
            throw new DomainException("household.twoHeads", "members", $"第{into}户已有户主 (household {into} has its head already)");
        }

        return moving;
    }
}
