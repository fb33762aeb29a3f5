using VillageCollective.Grains.Shares;

namespace VillageCollective.Grains.Household;

/// <summary>
/// A member household (成员户) of the share register: its household number (户号), its members and the
/// shares certified to it. Shares are quantified to persons but certified to and shared within the
/// household, which holds one share certificate (domain.md, "Shares").
/// </summary>
/// <remarks>
/// Members are copied on construction, so the household cannot change behind its back; equality compares
/// the members one by one. The properties are get-only, so a <c>with</c> expression cannot skip the checks.
/// </remarks>
/// <param name="Number">The household number (户号), greater than zero.</param>
/// <param name="Members">The members, exactly one of whom is the head (<see cref="Relations.Head"/>).</param>
/// <param name="Shares">The shares certified to the household.</param>
/// <exception cref="DomainException"><c>household.number</c> (field <c>number</c>): not greater than zero;
/// <c>household.noMembers</c> (field <c>members</c>): no members;
/// <c>household.noHead</c> / <c>household.twoHeads</c> (field <c>members</c>): not exactly one head;
/// <c>member.duplicateResidentId</c> (field <c>residentId</c>): two members share a resident ID.</exception>
public sealed record Household(int Number, IReadOnlyList<Member> Members, ShareCount Shares)
{
    /// <summary>The household number (户号), greater than zero.</summary>
    public int Number { get; } = Number > 0
        ? Number
        : throw new DomainException("household.number", "number", $"户号必须大于0 (a household number must be greater than 0): {Number}");

    /// <summary>The members, in the order given; exactly one is the head.</summary>
    public IReadOnlyList<Member> Members { get; } = Checked(Number, Members);

    /// <summary>The shares certified to the household.</summary>
    public ShareCount Shares { get; } = Shares;

    /// <summary>The head of household (户主).</summary>
    public Member HeadMember => Members.Single(m => m.IsHead);

    /// <summary>The name of the head of household, as the payout checklist lists households.</summary>
    public string HeadName => HeadMember.Name;

    /// <summary>Whether both households have the same number, shares and members (compared one by one, in order).</summary>
    /// <param name="other">Another household.</param>
    public bool Equals(Household? other) =>
        other is not null && Number == other.Number && Shares == other.Shares && Members.SequenceEqual(other.Members);

    /// <summary>A hash over the number, shares and members.</summary>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Number);
        hash.Add(Shares);
        foreach (var member in Members)
        {
            hash.Add(member);
        }

        return hash.ToHashCode();
    }

    private static IReadOnlyList<Member> Checked(int number, IReadOnlyList<Member> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        var copy = members.ToArray();
        if (copy.Length == 0)
        {
            throw new DomainException("household.noMembers", "members",
                $"第{number}户没有成员 (household {number} has no members)");
        }

        if (copy.Any(m => m is null))
        {
            throw new ArgumentException("A household's members cannot be null.", nameof(members));
        }

        if (HouseholdHeads.Problem(number, copy.Count(m => m.IsHead)) is { } headProblem)
        {
            throw headProblem;
        }

        var twice = copy.GroupBy(m => m.ResidentId.Value).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
        {
            throw new DomainException("member.duplicateResidentId", "residentId",
                $"第{number}户中身份证号{twice.First().ResidentId.Masked}出现两次 (resident ID {twice.First().ResidentId.Masked} appears twice in household {number})");
        }

        // A read-only wrapper, so a caller cannot cast the list back to an array and change it.
        return Array.AsReadOnly(copy);
    }
}
