namespace VillageCollective.Grains.Partnerships;

/// <summary>
/// An enterprise's unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters from the alphabet
/// 0-9 A-H J-N P-R T-U W-Y (no I, O, S, V, Z), the last one a check character.
/// </summary>
/// <remarks>
/// Check character (GB 32100-2015 §5): with the code values of the first 17 characters c<sub>i</sub> (0–30, their
/// place in the alphabet) and the weights w<sub>i</sub> = 3<sup>i</sup> mod 31 (1, 3, 9, 27, 19, 26, 16, 17, 20, 29,
/// 25, 13, 8, 24, 10, 30, 28), the check value is 31 − (Σ c<sub>i</sub>·w<sub>i</sub> mod 31), with 31 written as 0.
/// Example: 91350100M000100Y43.
/// </remarks>
public readonly record struct UnifiedSocialCreditCode
{
    /// <summary>The 31 characters allowed, in code-value order.</summary>
    public const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    /// <summary>The code's length.</summary>
    public const int Length = 18;

    /// <summary>Reads and validates a code; white space around it is trimmed and letters are upper-cased.</summary>
    /// <param name="text">The code as written, e.g. <c>91350100M000100Y43</c>.</param>
    /// <exception cref="DomainException"><c>enterprise.creditCode</c> (field <c>creditCode</c>): not 18 characters, a
    /// character outside the alphabet, or a wrong check character (the message names the expected one).</exception>
    public UnifiedSocialCreditCode(string? text)
    {
        var code = (text ?? "").Trim().ToUpperInvariant();
        if (code.Length != Length)
        {
            throw Refused($"统一社会信用代码应为18位 (the unified social credit code has 18 characters): '{text}'");
        }

        var bad = code.FirstOrDefault(c => !Alphabet.Contains(c, StringComparison.Ordinal));
        if (bad != default)
        {
            throw Refused($"统一社会信用代码含非法字符“{bad}” (the code contains '{bad}', which GB 32100 does not use)");
        }

        var expected = CheckCharacter(code[..17]);
        if (code[17] != expected)
        {
            throw Refused($"统一社会信用代码校验位错误，应为“{expected}” (wrong check character: expected '{expected}'): {code}");
        }

        Value = code;
    }

    /// <summary>The 18 characters, upper case.</summary>
    public string Value { get; }

    /// <summary>The check character for the first 17 characters of a code (GB 32100-2015).</summary>
    /// <param name="first17">17 characters from <see cref="Alphabet"/>.</param>
    /// <exception cref="DomainException"><c>enterprise.creditCode</c> (field <c>creditCode</c>): not 17 characters of the alphabet.</exception>
    public static char CheckCharacter(string first17)
    {
        ArgumentNullException.ThrowIfNull(first17);
        if (first17.Length != 17)
        {
            throw Refused("统一社会信用代码主体应为17位 (the code's body has 17 characters)");
        }

        var sum = 0;
        var weight = 1;
        foreach (var c in first17)
        {
            var value = Alphabet.IndexOf(c, StringComparison.Ordinal);
            if (value < 0)
            {
                throw Refused($"统一社会信用代码含非法字符“{c}” (the code contains '{c}', which GB 32100 does not use)");
            }

            sum += value * weight;
            weight = weight * 3 % 31;
        }

        return Alphabet[(31 - (sum % 31)) % 31];
    }

    /// <summary>The code, 18 characters.</summary>
    public override string ToString() => Value ?? "";

    private static DomainException Refused(string message) => new("enterprise.creditCode", "creditCode", message);
}
