using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using VillageCollective.Silo.Storage;

namespace VillageCollective.Silo.Api;

/// <summary>Cookie login and logout, and who is logged in.</summary>
public static class AuthApi
{
    public sealed record LoginRequest(string Login, string Password);

    public sealed record Me(string Login, string DisplayName, string Role, long? VillageId);

    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/auth").WithTags("Auth");
        group.MapPost("/login", Login).AllowAnonymous();
        group.MapPost("/logout", (Delegate)Logout);
        group.MapGet("/me", GetMe);
        return routes;
    }

    /// <summary>Checks the password against the stored hash and sets the session cookie.</summary>
    public static async Task<Results<Ok<Me>, ProblemHttpResult>> Login(LoginRequest request, AccountStore accounts,
        IPasswordHasher<Account> hasher, HttpContext http, CancellationToken cancellationToken)
    {
        var account = string.IsNullOrWhiteSpace(request.Login) ? null : await accounts.FindAsync(request.Login.Trim(), cancellationToken);
        // The same answer for an unknown login and a wrong password, so logins cannot be probed.
        if (account is null || hasher.VerifyHashedPassword(account, account.PasswordHash, request.Password ?? "") == PasswordVerificationResult.Failed)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "登录失败 (login failed)",
                detail: "用户名或密码错误 (wrong login or password)", extensions: new Dictionary<string, object?> { ["code"] = "auth.failed", ["field"] = "password" });
        }
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, account.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, account.Login),
            new(ClaimTypes.GivenName, account.DisplayName),
            new(ClaimTypes.Role, account.Role),
        };
        if (account.VillageId is { } villageId)
        {
            claims.Add(new(VillageAccess.VillageClaim, villageId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
            new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme)));
        return TypedResults.Ok(new Me(account.Login, account.DisplayName, account.Role, account.VillageId));
    }

    public static async Task<NoContent> Logout(HttpContext http)
    {
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.NoContent();
    }

    public static Ok<Me> GetMe(ClaimsPrincipal user) =>
        TypedResults.Ok(new Me(VillageAccess.Actor(user), user.FindFirstValue(ClaimTypes.GivenName) ?? "",
            user.FindFirstValue(ClaimTypes.Role) ?? "", VillageAccess.VillageOf(user)));
}
