namespace VillageCollective.Grains.Village;

// Inside the namespace on purpose: from here the name Household would otherwise find the namespace
// VillageCollective.Grains.Household before the type of that name.
using VillageCollective.Grains.Household;
using VillageCollective.Grains.Shares;

/// <summary>
/// A village's collective economic organisation (村集体经济组织) and its share register (股权台账): the unit
/// that guards the register's rules across households: household numbers (户号) are unique, and a person
/// (by resident ID, GB 11643-1999) is a member of one household only (domain.md, "Shares").
/// </summary>
/// <remarks>Not thread-safe: one village is changed by one caller at a time (one grain, one transaction).</remarks>
public sealed class Village
{
    private readonly SortedDictionary<int, Household> _households = [];

    // Resident ID (full value) → number of the household the person belongs to.
    private readonly Dictionary<string, int> _householdByResidentId = new(StringComparer.Ordinal);

    /// <summary>Creates a village with an empty register.</summary>
    /// <param name="name">The village's name, e.g. 白杨河村; surrounding white space is trimmed.</param>
    /// <exception cref="DomainException"><c>village.name</c> (field <c>name</c>): the name is blank.</exception>
    public Village(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new DomainException("village.name", "name", "村名不能为空 (a village's name is required)");
        }

        Name = name.Trim();
    }

    /// <summary>The village's name, e.g. 白杨河村.</summary>
    public string Name { get; }

    /// <summary>The households of the register, in household-number order.</summary>
    public IReadOnlyList<Household> Households => [.. _households.Values];

    /// <summary>The number of members over all households (Baiyanghe: 1,017 in 294 households).</summary>
    public int MemberCount => _households.Values.Sum(h => h.Members.Count);

    /// <summary>The shares over all households (Baiyanghe: 846.2).</summary>
    public ShareCount TotalShares => ShareCount.Sum(_households.Values.Select(h => h.Shares));

    /// <summary>Adds a household to the register.</summary>
    /// <param name="household">A valid household.</param>
    /// <exception cref="DomainException"><c>household.duplicateNumber</c> (field <c>number</c>): the household number is
    /// taken; <c>member.duplicateResidentId</c> (field <c>residentId</c>): a member's resident ID already belongs to a
    /// member of this village (the message names both households). Nothing is added when refused.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="household"/> is null.</exception>
    public void AddHousehold(Household household)
    {
        ArgumentNullException.ThrowIfNull(household);
        if (_households.ContainsKey(household.Number))
        {
            throw new DomainException("household.duplicateNumber", "number",
                $"户号{household.Number}已存在 (household number {household.Number} is already in the register of {Name})");
        }

        foreach (var member in household.Members)
        {
            if (_householdByResidentId.TryGetValue(member.ResidentId.Value, out var other))
            {
                throw new DomainException("member.duplicateResidentId", "residentId",
                    $"身份证号{member.ResidentId.Masked}已登记在第{other}户，不能再登记在第{household.Number}户 " +
                    $"(resident ID {member.ResidentId.Masked} already belongs to household {other}; it cannot also be in household {household.Number})");
            }
        }

        _households.Add(household.Number, household);
        foreach (var member in household.Members)
        {
            _householdByResidentId.Add(member.ResidentId.Value, household.Number);
        }
    }
}
