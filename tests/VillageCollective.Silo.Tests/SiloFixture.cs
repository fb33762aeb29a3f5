using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using VillageCollective.Silo.Demo;

namespace VillageCollective.Silo.Tests;

/// <summary>
/// One silo over its own real PostgreSQL database, shared by a test collection (Contoso's
/// SliceFixture). <see cref="ResetAsync"/> empties every table and loads the Baiyanghe demo again,
/// so each test starts from the same register.
/// </summary>
public class SiloFixture : WebApplicationFactory<Program>, IAsyncLifetime
{
    public string ConnectionString { get; private set; } = "";

    protected virtual string Purpose => "silo";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:VillageCollective", ConnectionString);
        builder.UseSetting("Demo:LoadWhenEmpty", "false");
        // Many tests log in from the same test client address; AccountSecurityTests checks the limit on its own host.
        builder.UseSetting("RateLimits:LoginsPerMinute", "100000");
        builder.UseEnvironment("Development");
        if (ServerErrorLog.FromEnvironment() is { } errors)
        {
            builder.ConfigureLogging(logging => logging.AddProvider(errors));
        }
    }

    public virtual async Task InitializeAsync()
    {
        ConnectionString = await TestDatabase.CreateAsync(Purpose);
        _ = Services; // builds the host: migrations run now
        await ResetAsync();
    }

    /// <summary>
    /// Empties every table (but the applied migrations) and loads the demo village; returns its id. Every grain is
    /// deactivated first, so no activation keeps a register or a meeting of an earlier test in memory.
    /// </summary>
    public async Task<long> ResetAsync()
    {
        await Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        await TestDatabase.EmptyTablesAsync(ConnectionString);
        return await Services.GetRequiredService<DemoLoader>().LoadAsync(CancellationToken.None);
    }

    /// <summary>
    /// A client that keeps cookies and sends the CSRF token on every request that changes state, as the web client does.
    /// (Hides the factory's own CreateClient, so every test's requests pass the same checks a browser's do.)
    /// </summary>
    public new HttpClient CreateClient() => CsrfClient(this);

    /// <summary>A cookie-keeping client of <paramref name="host"/> (this silo or another on the same database) that sends CSRF tokens.</summary>
    public static HttpClient CsrfClient(WebApplicationFactory<Program> host) =>
        host.CreateDefaultClient(new CsrfHandler(), new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler());

    /// <summary>A client that keeps cookies but sends no CSRF token, like a forged request from another site would.</summary>
    public HttpClient CreateClientWithoutCsrf() => base.CreateClient();

    /// <summary>A client logged in as the Baiyanghe accountant (cookies kept).</summary>
    public Task<HttpClient> AccountantAsync() => LoginAsync(this, 0);

    /// <summary>A client logged in as the Baiyanghe cashier (cookies kept).</summary>
    public Task<HttpClient> CashierAsync() => LoginAsync(this, 1);

    /// <summary>A client of <paramref name="host"/> logged in as demo login number <paramref name="index"/>.</summary>
    public static async Task<HttpClient> LoginAsync(WebApplicationFactory<Program> host, int index)
    {
        var client = CsrfClient(host);
        var login = DemoLoader.Logins[index];
        (await client.PostAsJsonAsync("/api/auth/login", new { login = login.Login, password = login.Password })).EnsureSuccessStatusCode();
        return client;
    }

    /// <summary>Runs one SQL query against the test database and returns the first column of the first row.</summary>
    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    async Task IAsyncLifetime.DisposeAsync() => await base.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class SiloCollection : ICollectionFixture<SiloFixture>
{
    public const string Name = "silo";
}
