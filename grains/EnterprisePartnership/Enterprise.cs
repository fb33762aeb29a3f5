namespace VillageCollective.Grains.Partnerships;

/// <summary>An enterprise that partners with villages (村企联营): its name, unified social credit code and contact.</summary>
/// <param name="Name">The registered name, not blank.</param>
/// <param name="CreditCode">Its unified social credit code (GB 32100).</param>
/// <param name="Contact">Contact person and telephone, free text (may be empty).</param>
/// <exception cref="DomainException"><c>enterprise.name</c> (field <c>name</c>): the name is blank.</exception>
public sealed record Enterprise(string Name, UnifiedSocialCreditCode CreditCode, string Contact)
{
    /// <summary>The registered name, trimmed.</summary>
    public string Name { get; } = string.IsNullOrWhiteSpace(Name)
        ? throw new DomainException("enterprise.name", "name", "企业名称不能为空 (the enterprise needs a name)")
        : Name.Trim();

    /// <summary>Contact person and telephone, trimmed.</summary>
    public string Contact { get; } = Contact?.Trim() ?? "";
}
