using Microsoft.AspNetCore.Diagnostics;
using Npgsql;
using Orleans.Runtime;
using VillageCollective.Grains;

namespace VillageCollective.Silo.Api;

/// <summary>
/// The one place where errors become RFC 7807 problem+json (design.md §5): domain rules (422),
/// silo refusals (their own status), malformed requests (400), write conflicts (409) and a cluster
/// that is moving a grain after a silo died (503 with <c>Retry-After</c>). Every problem names its
/// <c>code</c> and the <c>field</c> at fault. Anything else is a 500 and is logged.
/// </summary>
public sealed class ProblemExceptionHandler(ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    /// <summary>Seconds a client is told to wait before retrying a request refused with 503.</summary>
    public const int RetryAfterSeconds = 1;

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
            PostgresException e when DatabaseProblems.Of(e) is { } problem => (problem.Status, problem.Code, problem.Field, problem.Message),
            // A silo died or is leaving and the grain has not moved yet: nothing was done (a command either committed and
            // its answer was lost, which its Idempotency-Key replays, or never ran); the client retries.
            SiloUnavailableException or OrleansMessageRejectionException or TimeoutException or Orleans.Runtime.Messaging.ConnectionFailedException
                or Orleans.Networking.Shared.SocketConnectionException =>
                (StatusCodes.Status503ServiceUnavailable, "cluster.moving", "",
                    "服务器正在切换，请稍候自动重试 (a server of the cluster is changing over; retry in a moment)"),
            _ => (0, "", "", ""),
        };
        if (status == 0)
        {
            return false;
        }
        logger.LogInformation("Refused {Method} {Path}: {Code} {Field}", httpContext.Request.Method, httpContext.Request.Path, code, field);
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        await ProblemResponses.WriteAsync(httpContext, status, detail, code, field, (exception as ProblemException)?.Extensions);
        return true;
    }
}
