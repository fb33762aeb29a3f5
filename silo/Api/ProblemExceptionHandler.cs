using Microsoft.AspNetCore.Diagnostics;
using Npgsql;
using VillageCollective.Grains;

namespace VillageCollective.Silo.Api;

/// <summary>
/// The one place where errors become RFC 7807 problem+json (design.md §5): domain rules (422),
/// silo refusals (their own status), malformed requests (400) and write conflicts (409). Every
/// problem names its <c>code</c> and the <c>field</c> at fault. Anything else is a 500 and is logged.
/// </summary>
public sealed class ProblemExceptionHandler(ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, code, field, detail) = exception switch
        {
            DomainException e => (StatusCodes.Status422UnprocessableEntity, e.Code, e.Field, e.Message),
            ProblemException e => (e.Status, e.Code, e.Field, e.Message),
            // A body that is not the JSON the endpoint reads: the JSON path names the field ("$.amount" → "amount").
            BadHttpRequestException { InnerException: System.Text.Json.JsonException json } e => (StatusCodes.Status400BadRequest, "request.malformed",
                json.Path is { Length: > 2 } path ? path[2..] : "", $"请求格式错误 (malformed request): {json.Message}"),
            BadHttpRequestException e => (StatusCodes.Status400BadRequest, "request.malformed", "", $"请求格式错误 (malformed request): {e.Message}"),
            // Text PostgreSQL cannot store (U+0000) that reached it by another way than a JSON body (a file, a query string).
            PostgresException { SqlState: PostgresErrorCodes.CharacterNotInRepertoire or PostgresErrorCodes.UntranslatableCharacter } =>
                (StatusCodes.Status400BadRequest, "text.invalidCharacter", "", "文本含有无法保存的字符 (the text holds a character that cannot be stored)"),
            // A text too long for an index (a unique name of several thousand characters).
            PostgresException { SqlState: PostgresErrorCodes.ProgramLimitExceeded } =>
                (StatusCodes.Status400BadRequest, "text.tooLong", "", "文本过长 (a text is too long to be stored)"),
            PostgresException { SqlState: PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.SerializationFailure } e =>
                (StatusCodes.Status409Conflict, "write.conflict", e.ColumnName ?? "", "数据已被他人修改，请刷新后重试 (a concurrent change won; reload and retry)"),
            // A burst of requests beyond the server's connections: nothing was done; the client may retry.
            PostgresException { SqlState: PostgresErrorCodes.TooManyConnections } =>
                (StatusCodes.Status503ServiceUnavailable, "server.busy", "", "服务器繁忙，请稍后重试 (the server is busy; retry in a moment)"),
            _ => (0, "", "", ""),
        };
        if (status == 0)
        {
            return false;
        }
        logger.LogInformation("Refused {Method} {Path}: {Code} {Field}", httpContext.Request.Method, httpContext.Request.Path, code, field);
        await ProblemResponses.WriteAsync(httpContext, status, detail, code, field, (exception as ProblemException)?.Extensions);
        return true;
    }
}
