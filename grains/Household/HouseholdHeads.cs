namespace VillageCollective.Grains.Household;

/// <summary>
/// The rule that a household has exactly one head (户主), in one place for the register's households and the register
/// import's rows (the split's own head rule, with its wording for the moving members, is <see cref="HouseholdMoves"/>).
/// </summary>
public static class HouseholdHeads
{
    /// <summary>The broken rule for a household with <paramref name="heads"/> heads, or null when it has exactly one.</summary>
    /// <param name="number">The household number, for the message.</param>
    /// <param name="heads">How many of its members are 户主.</param>
    /// <returns><c>household.noHead</c> or <c>household.twoHeads</c> (field <c>members</c>); null for one head.</returns>
    public static DomainException? Problem(int number, int heads) => heads switch
    {
        1 => null,
        0 => new DomainException("household.noHead", "members",
            $"第{number}户没有户主 (household {number} has no head of household; exactly one member is {Relations.Head})"),
        _ => new DomainException("household.twoHeads", "members",
            $"第{number}户有{heads}名户主 (household {number} has {heads} heads of household; exactly one member is {Relations.Head})"),
    };
}
