using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using VillageCollective.Silo.Hosting;
using VillageCollective.Silo.Storage;

namespace VillageCollective.Silo.Api;

/// <summary>
/// Cookie login and logout, who is logged in, and changing one's password. Logins are rate-limited per address
/// (<see cref="LoginRateLimit"/>) and an account locks after <see cref="AccountStore.FailuresBeforeLockout"/> failures
/// in a row; an account created by someone else must change its password before anything else.
/// </summary>
public static class AuthApi
{
    public sealed record LoginRequest(string? Login, string? Password);

    public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

    /// <summary>
    /// Who is logged in: <c>VillageId</c> is the first village the account works in (accountant or cashier), null for an
    /// overseer; <c>Grants</c> lists every role with its scope and the scope's name.
    /// </summary>
    public sealed record Me(string Login, string DisplayName, string Role, long? VillageId, bool MustChangePassword, IReadOnlyList<NamedGrant> Grants);

    /// <summary>A role in its scope (ids as in <see cref="RoleGrant"/>) with the scope's name: the village's, township's or county's, as stored now.</summary>
    public sealed record NamedGrant(string Role, long? VillageId, long? TownshipId, long? CountyId, string ScopeName);

    /// <summary>The claim that marks a session whose password must be changed first.</summary>
    public const string MustChangePasswordClaim = "must_change_password";

    /// <summary>The shortest password accepted, characters.</summary>
    public const int MinimumPasswordLength = 8;

    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/auth").WithTags("Auth");
        group.MapPost("/login", Login).AllowAnonymous().RequireRateLimiting(LoginRateLimit.Policy);
        group.MapPost("/logout", (Delegate)Logout);
        group.MapGet("/me", GetMe);
        group.MapPost("/password", ChangePassword);
        return routes;
    }

    /// <summary>Checks the password against the stored hash and sets the session cookie.</summary>
    /// <response code="401">Wrong login or password (the same answer for both, so logins cannot be probed).</response>
    /// <response code="423">The account is locked after repeated failures; the problem says until when.</response>
    public static async Task<Results<Ok<Me>, ProblemHttpResult>> Login(LoginRequest request, AccountStore accounts, TimeProvider clock,
        IPasswordHasher<Account> hasher, HttpContext http, CancellationToken cancellationToken)
    {
        var account = string.IsNullOrWhiteSpace(request.Login) ? null : await accounts.FindAsync(request.Login.Trim(), cancellationToken);
        if (account?.LockedUntil is { } lockedUntil && lockedUntil > clock.GetUtcNow())
        {
            var until = TimeZoneInfo.ConvertTime(lockedUntil, ChinaClock.Zone).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
            return Refused(StatusCodes.Status423Locked, "auth.locked", $"连续{AccountStore.FailuresBeforeLockout}次密码错误，账号已锁定至{until} (locked after repeated failures until {until})");
        }
        if (account is null || hasher.VerifyHashedPassword(account, account.PasswordHash, request.Password ?? "") == PasswordVerificationResult.Failed)
        {
            if (account is not null) await accounts.RecordFailureAsync(account.Id, cancellationToken);
            return Refused(StatusCodes.Status401Unauthorized, "auth.failed", "用户名或密码错误 (wrong login or password)");
        }
        await accounts.RecordSuccessAsync(account.Id, cancellationToken);
        var grants = await accounts.GrantsAsync(account.Id, cancellationToken);
        return TypedResults.Ok(await MeOfAsync(await SignInAsync(http, account, grants), accounts, cancellationToken));
    }

    public static async Task<NoContent> Logout(HttpContext http)
    {
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<Me>> GetMe(ClaimsPrincipal user, AccountStore accounts, CancellationToken cancellationToken) =>
        TypedResults.Ok(await MeOfAsync(user, accounts, cancellationToken));

    // The grants come from the session; their scopes' names are read now, so a renamed township shows its new name.
    private static async Task<Me> MeOfAsync(ClaimsPrincipal user, AccountStore accounts, CancellationToken cancellationToken)
    {
        var grants = RoleGrant.Of(user);
        var names = await accounts.ScopeNamesAsync(grants, cancellationToken);
        return new(VillageAccess.Actor(user), user.FindFirstValue(ClaimTypes.GivenName) ?? "", user.FindFirstValue(ClaimTypes.Role) ?? "",
            VillageAccess.VillageOf(user), user.HasClaim(MustChangePasswordClaim, "true"),
            [.. grants.Select(g => new NamedGrant(g.Role, g.VillageId, g.TownshipId, g.CountyId, names.GetValueOrDefault(g.ScopeKey, "")))]);
    }

    /// <summary>Changes the logged-in account's password (at least <see cref="MinimumPasswordLength"/> characters, not the login, not the old one).</summary>
    /// <response code="400">A field missing or the new password too weak (the problem names the field).</response>
    /// <response code="401">The current password is wrong.</response>
    public static async Task<Results<Ok<Me>, ProblemHttpResult>> ChangePassword(ChangePasswordRequest request, ClaimsPrincipal user, AccountStore accounts,
        IPasswordHasher<Account> hasher, HttpContext http, CancellationToken cancellationToken)
    {
        var account = await accounts.FindAsync(VillageAccess.Actor(user), cancellationToken);
        if (account is null || hasher.VerifyHashedPassword(account, account.PasswordHash, request.CurrentPassword ?? "") == PasswordVerificationResult.Failed)
        {
            return Refused(StatusCodes.Status401Unauthorized, "auth.failed", "当前密码不正确 (the current password is wrong)", "currentPassword");
        }
        var password = request.NewPassword ?? "";
        if (password.Length < MinimumPasswordLength || password == account.Login || password == request.CurrentPassword)
        {
            return Refused(StatusCodes.Status400BadRequest, "auth.weakPassword",
                $"新密码至少{MinimumPasswordLength}位，且不能与用户名或原密码相同 (at least {MinimumPasswordLength} characters, not the login, not the old password)", "newPassword");
        }
        await accounts.ChangePasswordAsync(account.Id, hasher.HashPassword(account, password), cancellationToken);
        var grants = await accounts.GrantsAsync(account.Id, cancellationToken);
        return TypedResults.Ok(await MeOfAsync(await SignInAsync(http, account with { MustChangePassword = false }, grants), accounts, cancellationToken));
    }

    // The session carries the account's grants (one claim each) and a role claim per role held, so that
    // authorisation needs no database read for the account itself.
    private static async Task<ClaimsPrincipal> SignInAsync(HttpContext http, Account account, IReadOnlyList<RoleGrant> grants)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, account.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, account.Login),
            new(ClaimTypes.GivenName, account.DisplayName),
        };
        claims.AddRange(grants.Select(g => g.Role).Distinct().Select(role => new Claim(ClaimTypes.Role, role)));
        claims.AddRange(grants.Select(g => g.ToClaim()));
        if (grants.FirstOrDefault(g => g.VillageId is not null) is { VillageId: { } villageId })
        {
            claims.Add(new(VillageAccess.VillageClaim, villageId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        if (account.MustChangePassword)
        {
            claims.Add(new(MustChangePasswordClaim, "true"));
        }
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme));
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
        return principal;
    }

    private static ProblemHttpResult Refused(int status, string code, string detail, string field = "password") =>
        TypedResults.Problem(statusCode: status, title: "登录失败 (login failed)", detail: detail,
            extensions: new Dictionary<string, object?> { ["code"] = code, ["field"] = field });

    /// <summary>
    /// Until a forced password change is done, the session may only reach <c>/api/auth/*</c>: every other API answers
    /// 403 <c>auth.passwordChangeRequired</c>.
    /// </summary>
    public static WebApplication UsePasswordChangeGate(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (context.User.HasClaim(MustChangePasswordClaim, "true")
                && context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal)
                && !context.Request.Path.StartsWithSegments("/api/auth", StringComparison.Ordinal))
            {
                await ProblemResponses.WriteAsync(context, StatusCodes.Status403Forbidden,
                    "请先修改初始密码 (change your password first)", "auth.passwordChangeRequired", "newPassword");
                return;
            }
            await next(context);
        });
        return app;
    }
}
