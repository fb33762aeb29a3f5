using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication.Cookies;
using VillageCollective.Silo.Api;
using VillageCollective.Silo.Batch;
using VillageCollective.Silo.Demo;
using VillageCollective.Silo.Hosting;
using VillageCollective.Silo.Storage;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddVillageStorage();
// First of the hosted services: the key ring (next line) and the Orleans silo read tables the migrations create.
builder.Services.AddHostedService<MigrationsAtStart>();
builder.Services.AddSharedKeyRing();
builder.Services.AddSingleton<PlanViews>();
builder.Services.AddSingleton<DividendBatch>();
builder.Services.AddSingleton<PrefectureGenerator>();
// Order matters: the migrations create the Orleans tables, the silo starts on them, then the demo loads through grains.
builder.AddOrleansSilo();
builder.Services.AddHostedService<StartupTasks>();
builder.Services.AddHostedService(provider => provider.GetRequiredService<VillageCollective.Silo.Storage.DividendDay.PayoutNotifications>());

builder.Services.ConfigureHttpJsonOptions(options =>
{
    // Amounts arrive as JSON numbers or strings and are read straight into decimal, never via double.
    options.SerializerOptions.NumberHandling = JsonNumberHandling.AllowReadingFromString;
    options.SerializerOptions.Converters.Add(new PlainTextConverter());
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
app.MapPartnershipsApi();
app.MapComparisonApi();
app.MapDividendRunsApi();
app.MapDividendDayApi();
app.MapChecklistPagesApi();
app.MapBankBatchCsv();
app.MapConsistencyApi();
app.MapClusterApi();

if (await MaintenanceCommands.RunAsync(app, args) is { } exitCode)
{
    return exitCode;
}

if (BatchCommands.Wanted(args))
{
    // scripts/run --dividend-batch 2025 (or the silo's dll with these arguments): no web server, progress on stdout.
    return await BatchCommands.RunAsync(app.Services, args, Console.Out);
}

app.Run();
return 0;

/// <summary>The silo's entry point; public so that tests can host it with WebApplicationFactory.</summary>
public partial class Program;
