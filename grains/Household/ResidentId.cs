using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace VillageCollective.Grains.Household;

/// <summary>
/// A resident identity number (居民身份证号码) under GB 11643-1999: 18 characters, a 6-digit region code,
/// an 8-digit birth date (yyyyMMdd), a 3-digit sequence (odd for men) and a check character
/// (ISO 7064 MOD 11-2). Example: <c>11010519491231002X</c> (domain.md, "Resident ID").
/// </summary>
/// <remarks>
/// The number is personal data: <see cref="ToString"/> returns <see cref="Masked"/>, so logs, records
/// that print their members and string interpolation never show it in full. Use <see cref="Value"/>
/// deliberately where the full number is needed. Validation is pure: the birth date is not compared
/// with today.
/// </remarks>
public sealed record ResidentId
{
    /// <summary>The number of characters of a resident ID.</summary>
    public const int Length = 18;

    /// <summary>The earliest birth date accepted.</summary>
    public static readonly DateOnly EarliestBirthDate = new(1900, 1, 1);

    // GB 11643-1999: weight of each of the first 17 digits, and the check character for each remainder mod 11.
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCharacters = "10X98765432";

    private ResidentId(string value, DateOnly birthDate)
    {
        Value = value;
        BirthDate = birthDate;
    }

    /// <summary>The full 18-character number, check character <c>X</c> in upper case.</summary>
    public string Value { get; }

    /// <summary>The 6-digit administrative region code (行政区划代码) of first registration.</summary>
    public string RegionCode => Value[..6];

    /// <summary>The birth date, characters 7–14.</summary>
    public DateOnly BirthDate { get; }

    /// <summary>Whether the holder is male: the sequence number (characters 15–17) is odd (GB 11643-1999).</summary>
    public bool IsMale => (Value[16] - '0') % 2 == 1;

    /// <summary>The number with the birth date and sequence hidden: first 6 + <c>********</c> + last 4,
    /// e.g. <c>110105********002X</c>.</summary>
    public string Masked => string.Concat(Value.AsSpan(0, 6), "********", Value.AsSpan(14, 4));

    /// <summary>Parses and validates a resident ID; surrounding white space is ignored and a lower-case
    /// <c>x</c> is accepted as <c>X</c>.</summary>
    /// <param name="text">The number as typed.</param>
    /// <returns>The validated ID.</returns>
    /// <exception cref="DomainException">Field <c>residentId</c>, code <c>residentId.length</c>: not 18 characters;
    /// <c>residentId.digits</c>: the first 17 are not all digits; <c>residentId.birthDate</c>: characters 7–14
    /// are not a real date on or after 1900-01-01; <c>residentId.checkCharacter</c>: the last character is not
    /// the GB 11643 check character (the message names the expected one).</exception>
    public static ResidentId Parse(string? text) =>
        TryParse(text, out var id, out var error) ? id : throw error;

    /// <summary>Parses and validates a resident ID without throwing; see <see cref="Parse"/> for the rules.</summary>
    /// <param name="text">The number as typed.</param>
    /// <param name="id">The validated ID, or <see langword="null"/> if invalid.</param>
    /// <param name="error">Why it is invalid (the exception <see cref="Parse"/> would throw), or <see langword="null"/>.</param>
    /// <returns>Whether the number is valid.</returns>
    public static bool TryParse(string? text, [NotNullWhen(true)] out ResidentId? id, [NotNullWhen(false)] out DomainException? error)
    {
        id = null;
        var value = (text ?? string.Empty).Trim().ToUpperInvariant();
        error = Validate(value, out var birthDate);
        if (error is not null)
        {
            return false;
        }

        id = new ResidentId(value, birthDate);
        return true;
    }

    /// <summary>The GB 11643-1999 check character (ISO 7064 MOD 11-2) for the first 17 digits: the digits times the
    /// weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2, summed, mod 11; remainder 0–10 → 1 0 X 9 8 7 6 5 4 3 2.</summary>
    /// <param name="first17Digits">The first 17 characters, all ASCII digits.</param>
    /// <returns>A digit or <c>X</c>.</returns>
    /// <exception cref="DomainException">Field <c>residentId</c>: <c>residentId.length</c> if not 17 characters,
    /// <c>residentId.digits</c> if not all digits.</exception>
    public static char CheckCharacter(string first17Digits)
    {
        ArgumentNullException.ThrowIfNull(first17Digits);
        if (first17Digits.Length != Length - 1)
        {
            throw LengthError(first17Digits, Length - 1);
        }

        if (!first17Digits.All(char.IsAsciiDigit))
        {
            throw DigitsError();
        }

        var sum = 0;
        for (var i = 0; i < Weights.Length; i++)
        {
            sum += (first17Digits[i] - '0') * Weights[i];
        }

        return CheckCharacters[sum % 11];
    }

    /// <summary>The masked number (<see cref="Masked"/>), never the full one: it is personal data.</summary>
    public override string ToString() => Masked;

    private static DomainException? Validate(string value, out DateOnly birthDate)
    {
        birthDate = default;
        if (value.Length != Length)
        {
            return LengthError(value, Length);
        }

        var first17 = value[..17];
        if (!first17.All(char.IsAsciiDigit))
        {
            return DigitsError();
        }

        if (!DateOnly.TryParseExact(value.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out birthDate)
            || birthDate < EarliestBirthDate)
        {
            return new DomainException("residentId.birthDate", "residentId",
                $"身份证号第7至14位不是有效的出生日期（1900年1月1日及以后） (characters 7–14 of a resident ID must be a real birth date on or after 1900-01-01, GB 11643): {value.Substring(6, 8)}");
        }

        var expected = CheckCharacter(first17);
        if (value[17] != expected)
        {
            return new DomainException("residentId.checkCharacter", "residentId",
                $"身份证号校验码应为{expected}，实际为{value[17]} (the GB 11643 check character should be '{expected}', found '{value[17]}')");
        }

        return null;
    }

    private static DomainException LengthError(string value, int expected) =>
        new("residentId.length", "residentId",
            $"身份证号应为{expected}位，实际为{value.Length}位 (a resident ID has {expected} characters, GB 11643; found {value.Length})");

    private static DomainException DigitsError() =>
        new("residentId.digits", "residentId",
            "身份证号前17位必须是数字 (the first 17 characters of a resident ID must be digits, GB 11643)");
}
