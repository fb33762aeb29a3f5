using System.Text.Json.Nodes;

namespace VillageCollective.Silo.Tests.Fuzz;

/// <summary>
/// Values a careless or hostile client sends: wrong types, huge and negative numbers, numbers beyond decimal and
/// double, impossible dates, over-long and control-character strings, nested structures. Seeded, so a failing case
/// can be replayed.
/// </summary>
internal sealed class MalformedValues(Random random)
{
    private static readonly Func<Random, JsonNode?>[] Nasty =
    [
        _ => null,
        _ => JsonValue.Create(true),
        _ => JsonValue.Create(-1),
        _ => JsonValue.Create(0),
        _ => JsonValue.Create(int.MaxValue),
        _ => JsonValue.Create(long.MinValue),
        _ => JsonValue.Create(double.MaxValue),
        _ => JsonValue.Create(-1e-300),
        _ => JsonValue.Create(0.001),
        _ => JsonNode.Parse("79228162514264337593543950336"), // one more than decimal.MaxValue
        _ => JsonNode.Parse("1e400"),
        _ => JsonValue.Create("79228162514264337593543950336.999"),
        _ => JsonValue.Create("-0.001"),
        _ => JsonValue.Create("0.000000001"),
        _ => JsonValue.Create("1,000.00"),
        _ => JsonValue.Create("NaN"),
        _ => JsonValue.Create("Infinity"),
        _ => JsonValue.Create("abc"),
        _ => JsonValue.Create(""),
        _ => JsonValue.Create("　"),
        _ => JsonValue.Create("2025-02-30"),
        _ => JsonValue.Create("2025-13-01"),
        _ => JsonValue.Create("0001-01-01"),
        _ => JsonValue.Create("9999-12-31"),
        _ => JsonValue.Create("12/01/2025"),
        _ => JsonValue.Create("'; DROP TABLE villages; --"),
        _ => JsonValue.Create("\u0000\u0001\u001f"),
        _ => JsonValue.Create("👨‍👩‍👧‍👦𠮷"),
        r => JsonValue.Create(new string('长', r.Next(1_000, 200_000))),
        _ => new JsonArray(1, "2", null),
        _ => new JsonObject { ["a"] = new JsonObject { ["b"] = -1 } },
        _ => new JsonArray(),
    ];

    /// <summary>One malformed value.</summary>
    public JsonNode? Any() => Nasty[random.Next(Nasty.Length)](random);

    /// <summary>A value that fits the schema's type and format, so the body gets past the first checks to the deeper ones.</summary>
    public JsonNode? Plausible(JsonNode? schema)
    {
        var format = schema?["format"]?.GetValue<string>();
        var types = schema?["type"] switch
        {
            JsonArray a => a.Select(t => t!.GetValue<string>()).ToArray(),
            JsonValue v => [v.GetValue<string>()],
            _ => ["string"],
        };
        return format switch
        {
            "date" => JsonValue.Create(random.Next(3) switch { 0 => "2025-12-01", 1 => "2026-01-10", _ => "2025-11-20" }),
            "date-time" => JsonValue.Create("2025-12-01T10:00:00+08:00"),
            "int32" or "int64" => JsonValue.Create(random.Next(-1, 300)),
            "double" or "decimal" => JsonValue.Create(random.Next(3) switch { 0 => "1.00", 1 => "220", _ => "0.5" }),
            _ when types.Contains("boolean") => JsonValue.Create(random.Next(2) == 0),
            _ when types.Contains("array") => new JsonArray(),
            _ when types.Contains("object") => new JsonObject(),
            _ => JsonValue.Create(random.Next(4) switch { 0 => "x", 1 => "basic", 2 => "paid_in_cash", _ => "户主" }),
        };
    }

    /// <summary>A body that is not the JSON the endpoint expects at all.</summary>
    public string RawBody() => random.Next(9) switch
    {
        0 => "",
        1 => "{",
        2 => "[",
        3 => "null",
        4 => "42",
        5 => "\"text\"",
        6 => new string('[', 5_000) + new string(']', 5_000),
        7 => "{\"a\":" + new string('9', 100_000) + "}",
        _ => Convert.ToBase64String(Bytes(random.Next(1, 4_000))),
    };

    /// <summary>Random bytes.</summary>
    public byte[] Bytes(int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }
}
