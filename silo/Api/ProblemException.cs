namespace VillageCollective.Silo.Api;

/// <summary>
/// A refusal decided in the silo rather than in a grain (not found, a reused idempotency key, a plan
/// that is not approved yet). Mapped to problem+json by <see cref="ProblemExceptionHandler"/> with its
/// status, code and field; the command's transaction has rolled back by then. Storage behind a grain throws it too, so it
/// crosses grain calls with all its members (Orleans' serializer).
/// </summary>
[GenerateSerializer, Alias("vc.ProblemException")]
public sealed class ProblemException(int status, string code, string field, string message) : Exception(message)
{
    /// <summary>HTTP status: 404, 409, 422 or 503.</summary>
    [Id(0)]
    public int Status { get; private set; } = status;

    /// <summary>Machine-readable code, e.g. <c>idempotency.keyReused</c>.</summary>
    [Id(1)]
    public string Code { get; private set; } = code;

    /// <summary>The request field at fault (camelCase), or an empty string.</summary>
    [Id(2)]
    public string Field { get; private set; } = field;

    /// <summary>More members of the problem body, e.g. who marked a line and when (camelCase names).</summary>
    [Id(3)]
    public Dictionary<string, object?> Extensions { get; init; } = [];

    public static ProblemException NotFound(string field, string what) =>
        new(StatusCodes.Status404NotFound, "notFound", field, $"{what}不存在 ({what} not found)");
}
