using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using VillageCollective.Silo.Tests;

namespace VillageCollective.Browser.Tests;

/// <summary>
/// The silo on a real Kestrel port over its own PostgreSQL database, and Debian's Chromium driven by
/// Playwright (never a downloaded browser). Chromium runs headless with background networking off,
/// since this machine reaches nothing but loopback.
/// </summary>
public sealed class BrowserFixture : SiloFixture
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl { get; private set; } = "";

    protected override string Purpose => "browser";

    public override async Task InitializeAsync()
    {
        UseKestrel(0);
        await base.InitializeAsync();
        StartServer();
        BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>A new page in its own context (own cookies), at a tablet's size unless told otherwise.</summary>
    public async Task<IPage> NewPageAsync(int width = 1024, int height = 768)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "zh-CN",
        });
        return await context.NewPageAsync();
    }

    /// <summary>A page logged in through the login form as demo login <paramref name="login"/> (password baiyanghe2025), its navigation shown.</summary>
    public async Task<IPage> LoggedInPageAsync(string login, int width = 1024, int height = 768)
    {
        var page = await NewPageAsync(width, height);
        await page.GotoAsync("/");
        await page.GetByLabel("用户名").FillAsync(login);
        await page.GetByLabel("密码").FillAsync(Silo.Demo.DemoLoader.Logins.Single(l => l.Login == login).Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await Assertions.Expect(page.Locator("#nav")).ToBeVisibleAsync();
        return page;
    }

    /// <summary>A tablet-sized page logged in as the Baiyanghe accountant, on the village overview.</summary>
    public async Task<IPage> AccountantPageAsync(int width = 1024, int height = 768)
    {
        var page = await LoggedInPageAsync(Silo.Demo.DemoLoader.Logins[0].Login, width, height);
        await Assertions.Expect(page.Locator("#stat-households")).ToBeVisibleAsync();
        return page;
    }

    /// <summary>POSTs through the page's own session (its cookies) with its CSRF token, as the web client does.</summary>
    public static async Task<IAPIResponse> ApiPostAsync(IPage page, string url, object? data = null, Dictionary<string, string>? headers = null)
    {
        var token = System.Text.Json.JsonDocument.Parse(await (await page.APIRequest.GetAsync("/api/auth/csrf")).TextAsync())
            .RootElement.GetProperty("token").GetString()!;
        var allHeaders = new Dictionary<string, string>(headers ?? []) { ["X-CSRF-Token"] = token };
        return await page.APIRequest.PostAsync(url, new() { DataObject = data, Headers = allHeaders });
    }

    /// <summary>Saves a screenshot when VC_SCREENSHOTS names a folder (for a person to look at); otherwise nothing.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = Environment.GetEnvironmentVariable("VC_SCREENSHOTS");
        if (!string.IsNullOrEmpty(folder))
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png") });
        }
    }

    /// <summary>Saves a file (e.g. a printed PDF) when VC_SCREENSHOTS names a folder; otherwise nothing.</summary>
    public static async Task SaveAsync(string name, byte[] content)
    {
        var folder = Environment.GetEnvironmentVariable("VC_SCREENSHOTS");
        if (!string.IsNullOrEmpty(folder))
        {
            await File.WriteAllBytesAsync(Path.Combine(folder, name), content);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        await base.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
