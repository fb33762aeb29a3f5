using Microsoft.AspNetCore.Antiforgery;
using VillageCollective.Silo.Api;

namespace VillageCollective.Silo.Hosting;

/// <summary>
/// CSRF protection on every request that changes state: POST, PUT, PATCH and DELETE under <c>/api</c> must carry the
/// <c>X-CSRF-Token</c> header with a token from <c>GET /api/auth/csrf</c> (ASP.NET Core antiforgery: the token is bound to
/// the session's cookie token and to the logged-in user). Only the login itself is exempt (it has no session yet; it is
/// rate-limited instead). A refused request answers 403 problem+json <c>csrf.invalid</c> and changes nothing.
/// </summary>
public static class CsrfProtection
{
    public const string HeaderName = "X-CSRF-Token";

    public static IServiceCollection AddCsrfProtection(this IServiceCollection services) =>
        services.AddAntiforgery(options =>
        {
            options.HeaderName = HeaderName;
            options.Cookie.Name = "vc.csrf";
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.HttpOnly = true;
        });

    public static WebApplication UseCsrfProtection(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var request = context.Request;
            if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method) && !HttpMethods.IsOptions(request.Method)
                && request.Path.StartsWithSegments("/api", StringComparison.Ordinal)
                && !request.Path.StartsWithSegments("/api/auth/login", StringComparison.Ordinal))
            {
                try
                {
                    await context.RequestServices.GetRequiredService<IAntiforgery>().ValidateRequestAsync(context);
                }
                catch (AntiforgeryValidationException)
                {
                    await ProblemResponses.WriteAsync(context, StatusCodes.Status403Forbidden,
                        "缺少或无效的防伪令牌，请刷新页面后重试 (missing or invalid CSRF token; reload the page and retry)", "csrf.invalid", HeaderName);
                    return;
                }
            }
            await next(context);
        });
        return app;
    }

    /// <summary>GET /api/auth/csrf: a token for the X-CSRF-Token header of this session (fetch it again after logging in).</summary>
    public static IEndpointRouteBuilder MapCsrfToken(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/auth/csrf", (HttpContext context, IAntiforgery antiforgery) =>
            TypedResults.Ok(new CsrfToken(antiforgery.GetAndStoreTokens(context).RequestToken!))).AllowAnonymous().WithTags("Auth");
        return routes;
    }

    /// <summary>The request token to send back in <see cref="HeaderName"/>.</summary>
    public sealed record CsrfToken(string Token);
}
