using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
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
        builder.UseEnvironment("Development");
    }

    public virtual async Task InitializeAsync()
    {
        ConnectionString = await TestDatabase.CreateAsync(Purpose);
        _ = Services; // builds the host: migrations run now
        await ResetAsync();
    }

    /// <summary>Empties every table and loads the demo village; returns its id.</summary>
    public async Task<long> ResetAsync()
    {
        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("""
                TRUNCATE share_certificates, share_classes, village_charters, payout_lines, dividend_runs, distribution_plans, share_movements, members, households, accounts, villages RESTART IDENTITY CASCADE
                """, connection);
            await command.ExecuteNonQueryAsync();
        }
        return await Services.GetRequiredService<DemoLoader>().LoadAsync(CancellationToken.None);
    }

    /// <summary>A client logged in as the Baiyanghe accountant (cookies kept).</summary>
    public async Task<HttpClient> AccountantAsync()
    {
        var client = CreateClient();
        var login = DemoLoader.Logins[0];
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
