using Npgsql;

namespace VillageCollective.Silo.Api;

/// <summary>
/// The database errors a user can cause or wait out, as problems: used by the HTTP handler and at the grain boundary
/// (<see cref="Hosting.GrainErrorFilter"/>), so a grain's caller sees the same refusal as a request that never passed a grain.
/// </summary>
public static class DatabaseProblems
{
    /// <summary>The problem for <paramref name="exception"/>, or <see langword="null"/> for an error that is a bug (a 500).</summary>
    public static ProblemException? Of(PostgresException exception) => exception.SqlState switch
    {
        // Text PostgreSQL cannot store (U+0000) that reached it by another way than a JSON body (a file, a query string).
        PostgresErrorCodes.CharacterNotInRepertoire or PostgresErrorCodes.UntranslatableCharacter =>
            new(StatusCodes.Status400BadRequest, "text.invalidCharacter", "", "文本含有无法保存的字符 (the text holds a character that cannot be stored)"),
        // A text too long for an index (a unique name of several thousand characters).
        PostgresErrorCodes.ProgramLimitExceeded =>
            new(StatusCodes.Status400BadRequest, "text.tooLong", "", "文本过长 (a text is too long to be stored)"),
        // A deadlock PostgreSQL broke by aborting this transaction (two writers taking the same rows in another order, e.g. a
        // register edit and a meeting's batch of marks in one village): nothing was written; the client may retry.
        PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected =>
            new(StatusCodes.Status409Conflict, "write.conflict", exception.ColumnName ?? "", "数据已被他人修改，请刷新后重试 (a concurrent change won; reload and retry)"),
        // A burst of requests beyond the server's connections: nothing was done; the client may retry.
        PostgresErrorCodes.TooManyConnections =>
            new(StatusCodes.Status503ServiceUnavailable, "server.busy", "", "服务器繁忙，请稍后重试 (the server is busy; retry in a moment)"),
        _ => null,
    };
}
