using System.Text.Json;
using System.Text.Json.Serialization;

namespace VillageCollective.Silo.Api;

/// <summary>
/// Reads every JSON string of a request as plain text: control characters other than tab, line feed and carriage
/// return are refused (PostgreSQL's text cannot hold U+0000, and none belongs in a name, reason or address). The
/// refusal is a <see cref="JsonException"/>, which becomes a 400 naming the field (<see cref="ProblemExceptionHandler"/>).
/// No text of a request is longer than <see cref="MaxLength"/> characters (a reason or a note is a few lines; fields
/// with a tighter rule check it themselves).
/// </summary>
public sealed class PlainTextConverter : JsonConverter<string>
{
    /// <summary>The longest text a request may carry: 2,000 characters.</summary>
    public const int MaxLength = 2_000;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString()
            : throw new JsonException($"expected text, found {reader.TokenType}");
        if (text is { Length: > MaxLength })
        {
            throw new JsonException($"文本超过{MaxLength}字 (the text is longer than {MaxLength} characters)");
        }
        return text is not null && text.Any(c => char.IsControl(c) && c is not ('\t' or '\n' or '\r'))
            ? throw new JsonException("文本含有控制字符 (the text holds a control character)")
            : text;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
