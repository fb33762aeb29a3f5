using System.Threading.RateLimiting;
using VillageCollective.Silo.Api;

namespace VillageCollective.Silo.Hosting;

/// <summary>
/// Logins are rate-limited per client address (ASP.NET Core's rate limiter): <c>RateLimits:LoginsPerMinute</c>
/// attempts a minute (default 10), then 429 problem+json. Repeated failures on one account lock it as well
/// (see <see cref="Storage.AccountStore"/>).
/// </summary>
public static class LoginRateLimit
{
    public const string Policy = "login";

    public static IServiceCollection AddLoginRateLimit(this IServiceCollection services)
    {
        services.AddRateLimiter(options =>
        {
            options.AddPolicy(Policy, context =>
            {
                var perMinute = context.RequestServices.GetRequiredService<IConfiguration>().GetValue("RateLimits:LoginsPerMinute", 10);
                return RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
            });
            options.OnRejected = (context, _) => new ValueTask(ProblemResponses.WriteAsync(context.HttpContext, StatusCodes.Status429TooManyRequests,
                "登录尝试过于频繁，请一分钟后再试 (too many login attempts from this address; wait a minute)", "auth.rateLimited"));
        });
        return services;
    }
}
