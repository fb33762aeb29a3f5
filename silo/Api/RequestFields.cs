using VillageCollective.Grains;
using VillageCollective.Grains.Money;

namespace VillageCollective.Silo.Api;

/// <summary>Reads request fields so that a refusal always names the field at fault.</summary>
public static class RequestFields
{
    /// <exception cref="ProblemException">400 naming the missing field.</exception>
    public static T Required<T>(T? value, string field) where T : struct =>
        value ?? throw Missing(field);

    /// <exception cref="ProblemException">400 naming the missing field.</exception>
    public static T Required<T>(T? value, string field) where T : class =>
        value ?? throw Missing(field);

    /// <summary>A required text, trimmed; blank counts as missing.</summary>
    /// <exception cref="ProblemException">400 naming the missing field.</exception>
    public static string Required(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? throw Missing(field) : value.Trim();

    /// <summary>A required text, trimmed, of at most <paramref name="maxLength"/> characters (a name, a login).</summary>
    /// <exception cref="ProblemException">400 naming the field: missing (<c>request.missingField</c>) or too long (<c>request.tooLong</c>).</exception>
    public static string Required(string? value, string field, int maxLength)
    {
        var text = Required(value, field);
        return text.Length <= maxLength ? text
            : throw new ProblemException(StatusCodes.Status400BadRequest, "request.tooLong", field, $"{field}不能超过{maxLength}个字 (at most {maxLength} characters)");
    }

    /// <summary>An amount in yuan from a request field.</summary>
    /// <exception cref="ProblemException">400 when missing.</exception>
    /// <exception cref="DomainException">More than two decimals (<c>yuan.too_precise</c>), with <paramref name="field"/>.</exception>
    public static Yuan Money(decimal? value, string field)
    {
        try
        {
            return new Yuan(Required(value, field));
        }
        catch (DomainException e)
        {
            throw new DomainException(e.Code, field, e.Message);
        }
    }

    private static ProblemException Missing(string field) =>
        new(StatusCodes.Status400BadRequest, "request.missingField", field, $"缺少必填项 {field} (the field {field} is required)");
}
