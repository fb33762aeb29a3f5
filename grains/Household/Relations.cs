namespace VillageCollective.Grains.Household;

/// <summary>
/// A member's relation to the head of household (与户主关系), as written in the household register and on the
/// share certificate. Every household has exactly one <see cref="Head"/> (domain.md, "Shares": a household
/// holds one share certificate).
/// </summary>
public static class Relations
{
    /// <summary>Head of household (户主).</summary>
    public const string Head = "户主";

    /// <summary>Spouse (配偶).</summary>
    public const string Spouse = "配偶";

    /// <summary>Son (子).</summary>
    public const string Son = "子";

    /// <summary>Daughter (女).</summary>
    public const string Daughter = "女";

    /// <summary>Grandson (孙子).</summary>
    public const string Grandson = "孙子";

    /// <summary>Granddaughter (孙女).</summary>
    public const string Granddaughter = "孙女";

    /// <summary>Father (父亲).</summary>
    public const string Father = "父亲";

    /// <summary>Mother (母亲).</summary>
    public const string Mother = "母亲";

    /// <summary>Daughter-in-law (儿媳).</summary>
    public const string DaughterInLaw = "儿媳";

    /// <summary>Son-in-law (女婿).</summary>
    public const string SonInLaw = "女婿";

    /// <summary>Any other relation (其他).</summary>
    public const string Other = "其他";

    /// <summary>All relations above, head first.</summary>
    public static IReadOnlyList<string> All { get; } =
        [Head, Spouse, Son, Daughter, Grandson, Granddaughter, Father, Mother, DaughterInLaw, SonInLaw, Other];
}
