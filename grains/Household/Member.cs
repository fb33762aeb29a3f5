namespace VillageCollective.Grains.Household;

/// <summary>
/// A member (成员) of a household in the share register. Name, sex and birth date must agree with the
/// resident ID (GB 11643-1999), so a typing error in either is caught when the member is entered.
/// </summary>
/// <remarks>The properties are get-only, so a <c>with</c> expression cannot skip the checks: build a new member instead.</remarks>
/// <param name="Name">Full name (姓名); surrounding white space is trimmed.</param>
/// <param name="Sex">Sex; must match the parity of the resident ID's sequence number.</param>
/// <param name="BirthDate">Birth date; must equal the resident ID's characters 7–14.</param>
/// <param name="ResidentId">The validated resident ID.</param>
/// <param name="RelationToHead">Relation to the head of household, usually one of <see cref="Relations"/>
/// (<see cref="Relations.Head"/> for the head); surrounding white space is trimmed.</param>
/// <exception cref="DomainException"><c>member.name</c> (field <c>name</c>): the name is blank;
/// <c>member.relation</c> (field <c>relationToHead</c>): the relation is blank;
/// <c>member.birthDate</c> (field <c>birthDate</c>): the birth date differs from the resident ID's;
/// <c>member.sex</c> (field <c>sex</c>): the sex differs from the resident ID's.</exception>
/// <exception cref="ArgumentNullException"><paramref name="ResidentId"/> is null.</exception>
public sealed record Member(string Name, Sex Sex, DateOnly BirthDate, ResidentId ResidentId, string RelationToHead)
{
    /// <summary>Full name (姓名), trimmed.</summary>
    public string Name { get; } = NotBlank(Name, "member.name", "name", "成员姓名不能为空 (a member's name is required)");

    /// <summary>Sex, as the resident ID records it.</summary>
    public Sex Sex { get; } = Sex;

    /// <summary>Birth date, as the resident ID records it.</summary>
    public DateOnly BirthDate { get; } = BirthDate;

    /// <summary>The resident ID; printing a member shows it masked (<see cref="ResidentId.ToString"/>).</summary>
    public ResidentId ResidentId { get; } = Agreeing(ResidentId, Sex, BirthDate);

    /// <summary>Relation to the head of household (与户主关系), trimmed; <see cref="Relations.Head"/> for the head.</summary>
    public string RelationToHead { get; } = NotBlank(RelationToHead, "member.relation", "relationToHead",
        "与户主关系不能为空 (a member's relation to the head of household is required)");

    /// <summary>Whether this member is the head of household (<see cref="Relations.Head"/>).</summary>
    public bool IsHead => RelationToHead == Relations.Head;

    private static string NotBlank(string? value, string code, string field, string message) =>
        string.IsNullOrWhiteSpace(value) ? throw new DomainException(code, field, message) : value.Trim();

    private static ResidentId Agreeing(ResidentId residentId, Sex sex, DateOnly birthDate)
    {
        ArgumentNullException.ThrowIfNull(residentId);
        if (residentId.BirthDate != birthDate)
        {
            throw new DomainException("member.birthDate", "birthDate",
                $"出生日期{birthDate:yyyy-MM-dd}与身份证号中的出生日期不符 (the birth date {birthDate:yyyy-MM-dd} differs from the one in the resident ID, GB 11643)");
        }

        var idSex = residentId.IsMale ? Sex.Male : Sex.Female;
        if (idSex != sex)
        {
            throw new DomainException("member.sex", "sex",
                "性别与身份证号第17位不符（奇数为男） (the sex differs from the resident ID: an odd 17th digit is male, GB 11643)");
        }

        return residentId;
    }
}
