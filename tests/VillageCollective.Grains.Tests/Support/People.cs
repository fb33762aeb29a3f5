using System.Globalization;

namespace VillageCollective.Grains.Tests.Support;

// Inside the namespace so that Household means the type, not the namespace VillageCollective.Grains.Household.
using VillageCollective.Grains.Household;
using VillageCollective.Grains.Shares;

/// Builds valid resident IDs, members and households for tests.
internal static class People
{
    public static ResidentId Id(DateOnly birthDate, int sequence, string region = "652328")
    {
        var first17 = region + birthDate.ToString("yyyyMMdd", CultureInfo.InvariantCulture)
            + sequence.ToString("D3", CultureInfo.InvariantCulture);
        return ResidentId.Parse(first17 + ResidentId.CheckCharacter(first17));
    }

    /// An odd sequence is a man, an even one a woman (GB 11643).
    public static Member Person(string name, int sequence, string relation, DateOnly? birthDate = null)
    {
        var birth = birthDate ?? new DateOnly(1970, 1, 1).AddDays(sequence);
        return new Member(name, sequence % 2 == 1 ? Sex.Male : Sex.Female, birth, Id(birth, sequence), relation);
    }

    public static Household Family(int number, decimal shares, params Member[] members) =>
        new(number, members, new ShareCount(shares));

    /// A household of a head (sequence = 2 × number + 1, so unique per number) and a spouse.
    public static Household Family(int number, decimal shares) =>
        Family(number, shares,
            Person($"户主{number}", (2 * number) + 1, Relations.Head),
            Person($"配偶{number}", (2 * number) + 2, Relations.Spouse));
}
