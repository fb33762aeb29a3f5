using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using VillageCollective.Silo.Storage;

namespace VillageCollective.Silo.Tests;

[Collection(SiloCollection.Name)]
public sealed class AccountSecurityTests(SiloFixture silo) : ResetTest<SiloFixture>(silo)
{
    private static Task<HttpResponseMessage> LoginAsync(HttpClient client, string login, string password) =>
        client.PostAsJsonAsync("/api/auth/login", new { login, password });

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one()
    {
        var client = Silo.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < AccountStore.FailuresBeforeLockout; i++)
        {
            statuses.Add((await LoginAsync(client, "baiyanghe-kuaiji", "wrong")).StatusCode);
        }

        var right = await LoginAsync(client, "baiyanghe-kuaiji", "baiyanghe2025");
        var otherAccount = await LoginAsync(client, "baiyanghe-chuna", "baiyanghe2025");

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.Equal(HttpStatusCode.Locked, right.StatusCode);
        Assert.Equal("auth.locked", (await right.JsonAsync()).Str("code"));
        Assert.Equal(HttpStatusCode.OK, otherAccount.StatusCode);
    }

    [Fact]
    public async Task Four_wrong_passwords_then_the_right_one_log_in_and_clear_the_count()
    {
        var client = Silo.CreateClient();
        for (var i = 0; i < AccountStore.FailuresBeforeLockout - 1; i++) await LoginAsync(client, "baiyanghe-kuaiji", "wrong");

        var right = await LoginAsync(client, "baiyanghe-kuaiji", "baiyanghe2025");

        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Equal(0, await Silo.ScalarAsync<int>("SELECT failed_logins FROM accounts WHERE login = 'baiyanghe-kuaiji'"));
    }

    [Fact]
    public async Task A_created_account_must_change_its_password_before_anything_else()
    {
        var account = new Account(0, "new-kuaiji", "新会计", "", "accountant", Village, MustChangePassword: true);
        var hash = new PasswordHasher<Account>().HashPassword(account, "initial-1");
        await Silo.ScalarAsync<long>($"""
            INSERT INTO accounts (login, display_name, password_hash, role, village_id, must_change_password)
            VALUES ('new-kuaiji', '新会计', '{hash}', 'accountant', {Village}, true) RETURNING id
            """);
        await Silo.ScalarAsync<long>($"INSERT INTO account_roles (account_id, role, village_id) SELECT id, 'accountant', {Village} FROM accounts WHERE login = 'new-kuaiji' RETURNING account_id");
        var client = Silo.CreateClient();

        var login = await (await LoginAsync(client, "new-kuaiji", "initial-1")).JsonAsync();
        var blocked = await client.GetAsync($"/api/villages/{Village}");
        var weak = await client.PostAsJsonAsync("/api/auth/password", new { currentPassword = "initial-1", newPassword = "short" });
        var changed = await client.PostAsJsonAsync("/api/auth/password", new { currentPassword = "initial-1", newPassword = "a-better-one-2025" });
        var after = await client.GetAsync($"/api/villages/{Village}");

        Assert.True(login.GetProperty("mustChangePassword").GetBoolean());
        Assert.Equal(HttpStatusCode.Forbidden, blocked.StatusCode);
        Assert.Equal("auth.passwordChangeRequired", (await blocked.JsonAsync()).Str("code"));
        Assert.Equal("newPassword", (await weak.JsonAsync()).Str("field"));
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.False(await Silo.ScalarAsync<bool>("SELECT must_change_password FROM accounts WHERE login = 'new-kuaiji'"));
    }

    [Fact]
    public async Task Too_many_logins_from_one_address_are_refused_with_429()
    {
        using var strict = Silo.WithWebHostBuilder(b => b.UseSetting("RateLimits:LoginsPerMinute", "3"));
        var client = strict.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++) statuses.Add((await LoginAsync(client, "nobody", "x")).StatusCode);

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task A_change_without_the_csrf_token_is_refused_and_writes_nothing()
    {
        var client = Silo.CreateClientWithoutCsrf();
        (await LoginAsync(client, "baiyanghe-kuaiji", "baiyanghe2025")).EnsureSuccessStatusCode();

        var forged = await client.StartRunAsync(Village, 2025, 1, "forged");
        var read = await client.GetAsync($"/api/villages/{Village}");

        Assert.Equal(System.Net.HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal("csrf.invalid", (await forged.JsonAsync()).Str("code"));
        Assert.Equal(System.Net.HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(0L, await Silo.ScalarAsync<long>("SELECT count(*) FROM dividend_runs"));
    }

    [Fact]
    public async Task A_token_from_before_the_login_is_refused_after_it()
    {
        var client = Silo.CreateClientWithoutCsrf();
        var anonymousToken = (await client.GetJsonAsync("/api/auth/csrf")).Str("token");
        (await LoginAsync(client, "baiyanghe-kuaiji", "baiyanghe2025")).EnsureSuccessStatusCode();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/villages/{Village}/dividend-runs") { Content = JsonContent.Create(new { year = 2025, planVersion = 1 }) };
        request.Headers.Add("Idempotency-Key", "stale");
        request.Headers.Add("X-CSRF-Token", anonymousToken);

        var response = await client.SendAsync(request);

        Assert.Equal(System.Net.HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0L, await Silo.ScalarAsync<long>("SELECT count(*) FROM dividend_runs"));
    }

    [Fact]
    public async Task Pages_and_api_answers_carry_a_strict_content_security_policy()
    {
        var client = Silo.CreateClient();

        foreach (var path in new[] { "/", "/api/auth/me", "/health" })
        {
            var response = await client.GetAsync(path);
            var directives = string.Join(";", response.Headers.GetValues("Content-Security-Policy")).Split(';', StringSplitOptions.TrimEntries);
            Assert.Contains("script-src 'self'", directives); // no inline script, no other origin
            Assert.Contains("frame-ancestors 'none'", directives);
            Assert.Equal("nosniff", string.Join("", response.Headers.GetValues("X-Content-Type-Options")));
        }
    }
}
