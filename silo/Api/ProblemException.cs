namespace VillageCollective.Silo.Api;

/// <summary>
/// A refusal decided in the silo rather than in a grain (not found, a reused idempotency key, a plan
/// that is not approved yet). Mapped to problem+json by <see cref="ProblemExceptionHandler"/> with its
/// status, code and field; the command's transaction has rolled back by then.
/// </summary>
public sealed class ProblemException(int status, string code, string field, string message) : Exception(message)
{
    /// <summary>HTTP status: 404, 409 or 422.</summary>
    public int Status { get; } = status;

    /// <summary>Machine-readable code, e.g. <c>idempotency.keyReused</c>.</summary>
    public string Code { get; } = code;

    /// <summary>The request field at fault (camelCase), or an empty string.</summary>
    public string Field { get; } = field;

    /// <summary>More members of the problem body, e.g. who marked a line and when (camelCase names).</summary>
    public IReadOnlyDictionary<string, object?> Extensions { get; init; } = new Dictionary<string, object?>();

    public static ProblemException NotFound(string field, string what) =>
        new(StatusCodes.Status404NotFound, "notFound", field, $"{what}不存在 ({what} not found)");
}
