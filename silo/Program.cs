using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using VillageCollective.Silo.Api;
using VillageCollective.Silo.Demo;
using VillageCollective.Silo.Hosting;
using VillageCollective.Silo.Storage;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddVillageStorage();
builder.Services.AddSingleton<IPasswordHasher<Account>, PasswordHasher<Account>>();
builder.Services.AddSingleton<PlanViews>();
builder.Services.AddHostedService<StartupTasks>();
builder.Services.AddHostedService(provider => provider.GetRequiredService<VillageCollective.Silo.Storage.DividendDay.PayoutNotifications>());

builder.Services.ConfigureHttpJsonOptions(options =>
{
    // Amounts arrive as JSON numbers or strings and are read straight into decimal, never via double.
    options.SerializerOptions.NumberHandling = JsonNumberHandling.AllowReadingFromString;
});
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
builder.Services.AddOpenApi();
builder.Services.AddLoginRateLimit();
builder.Services.AddCsrfProtection();
builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("postgresql");

builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
    .AddCookie(options =>
    {
        options.Cookie.Name = "vc.session";
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Strict;
        options.ExpireTimeSpan = TimeSpan.FromHours(12);
        options.SlidingExpiration = true;
        // An API answers 401/403; the web client shows its own login page.
        options.Events.OnRedirectToLogin = context => ProblemResponses.WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized, "请先登录 (log in first)");
        options.Events.OnRedirectToAccessDenied = context => ProblemResponses.WriteAsync(context.HttpContext, StatusCodes.Status403Forbidden,
            "无权访问：本账号在该村没有这项权限 (this account has no such right in that village)", "access.denied", "villageId");
    });
builder.Services.AddVillagePolicies();

var app = builder.Build();

app.UseSecurityHeaders();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseClientWeb();
app.UseAuthentication();
app.UsePasswordChangeGate();
app.UseAuditContext();
app.UseCsrfProtection();
app.UseRateLimiter();
app.UseAuthorization();

app.MapHealthChecks("/health").AllowAnonymous();
app.MapOpenApi();
app.MapAuthApi();
app.MapCsrfToken();
app.MapVillagesApi();
app.MapMovementsApi();
app.MapCharterApi();
app.MapCertificatesApi();
app.MapRegisterFilesApi();
app.MapMembersApi();
app.MapPlansApi();
app.MapBooksApi();
app.MapPublicNoticeApi();
app.MapAuditApi();
app.MapCountyAdminApi();
app.MapComparisonApi();
app.MapDividendRunsApi();
app.MapDividendDayApi();
app.MapChecklistPagesApi();
app.MapBankBatchCsv();

if (args.Contains("--verify-audit"))
{
    // The verify command: scripts/run --verify-audit. Exit code 0 when every chain is intact.
    await app.Services.GetRequiredService<MigrationRunner>().ApplyAsync(CancellationToken.None);
    var verification = await app.Services.GetRequiredService<AuditStore>().VerifyAsync(null, CancellationToken.None);
    Console.WriteLine(verification.Intact
        ? $"Audit trail intact: {verification.Checked} rows checked."
        : $"Audit trail BROKEN at row {verification.FirstBrokenId} (village {verification.FirstBrokenChain}, {verification.Problem}); {verification.Checked} rows checked.");
    return verification.Intact ? 0 : 1;
}

app.Run();
return 0;

/// <summary>The silo's entry point; public so that tests can host it with WebApplicationFactory.</summary>
public partial class Program;
