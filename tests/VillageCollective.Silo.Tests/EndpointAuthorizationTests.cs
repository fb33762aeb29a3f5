using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using VillageCollective.Silo.Api;
using VillageCollective.Silo.Storage;

namespace VillageCollective.Silo.Tests;

/// <summary>
/// Lists every endpoint of the silo and checks each one against the expected matrix of roles and scopes. An endpoint
/// without a policy, or with one that lets the wrong person in, fails here.
/// </summary>
[Collection(SiloCollection.Name)]
public sealed partial class EndpointAuthorizationTests(SiloFixture silo) : ResetTest<SiloFixture>(silo)
{
    /// <summary>Who asks: the demo village A's people, its township's and county's overseers, and village B's people in another township.</summary>
    private enum Who { Anonymous, AccountantA, CashierA, OverseerA, CountyAdmin, AccountantB, OverseerB }

    // The expected matrix: which of the people may pass each policy for village A.
    private static readonly Dictionary<string, Who[]> Allowed = new()
    {
        [VillagePolicies.Read] = [Who.AccountantA, Who.CashierA, Who.OverseerA, Who.CountyAdmin],
        [VillagePolicies.DividendDay] = [Who.AccountantA, Who.CashierA],
        [VillagePolicies.Write] = [Who.AccountantA],
        [CountyPolicies.Admin] = [Who.CountyAdmin],
        [CountyPolicies.AnyAdmin] = [Who.CountyAdmin],
        [TownshipPolicies.Read] = [Who.OverseerA, Who.CountyAdmin],
        ["authenticated"] = [Who.AccountantA, Who.CashierA, Who.OverseerA, Who.CountyAdmin, Who.AccountantB, Who.OverseerB],
        ["anonymous"] = Enum.GetValues<Who>(),
    };

    // Endpoints that answer without a login (issue 2: /health, the login and static files; and the public notice).
    private static readonly string[] Anonymous = ["/health", "/api/auth/login", "/api/auth/csrf", "/api/public/notices/{token}"];

    private IReadOnlyList<SiloEndpoint> Endpoints() => SiloEndpoints.List(Silo.Services);

    [Fact]
    public void Every_village_endpoint_names_a_village_policy_and_only_the_public_ones_are_anonymous()
    {
        var endpoints = Endpoints();

        Assert.True(endpoints.Count > 20);
        Assert.All(endpoints.Where(e => e.Pattern.StartsWith("/api/villages/{villageId", StringComparison.Ordinal)),
            e => Assert.True(e.Policy is VillagePolicies.Read or VillagePolicies.DividendDay or VillagePolicies.Write, $"{e.Method} {e.Pattern} has policy {e.Policy}"));
        Assert.Equal(Anonymous.Order(), endpoints.Where(e => e.Policy == "anonymous").Select(e => Constraints().Replace(e.Pattern, "")).Distinct().Order());
    }

    [Fact]
    public async Task Every_endpoint_lets_in_exactly_the_roles_and_scopes_of_the_matrix()
    {
        var clients = await PeopleAsync();
        var failures = new List<string>();

        // Logging out or changing a password would change who is asking for the rest of the run: checked by their own tests.
        foreach (var endpoint in Endpoints().Where(e => e.Pattern is not ("/api/auth/logout" or "/api/auth/password" or "/api/auth/login")))
        {
            foreach (var (who, client) in clients)
            {
                var status = await SendAsync(client, endpoint);
                var allowed = Allowed[endpoint.Policy].Contains(who);
                var expected = allowed ? "not 401/403" : who == Who.Anonymous ? "401" : "403";
                var ok = allowed ? status is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                    : status == (who == Who.Anonymous ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden);
                if (!ok) failures.Add($"{endpoint.Method} {endpoint.Pattern} as {who}: {(int)status}, expected {expected}");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    private async Task<HttpStatusCode> SendAsync(HttpClient client, SiloEndpoint endpoint)
    {
        var path = RouteParameters().Replace(endpoint.Pattern, m => m.Groups[1].Value switch
        {
            "villageId" => Village.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "countyId" => _county.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "townshipId" => _township.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "year" => "2025",
            "token" => new string('0', 32),
            _ => "1",
        });
        using var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), path);
        if (endpoint.Method != "GET") request.Content = JsonContent.Create(new { });
        // Headers only: a live stream (server-sent events) answers its status at once and is then let go.
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        return response.StatusCode;
    }

    private long _county;
    private long _township;

    private async Task<List<(Who, HttpClient)>> PeopleAsync()
    {
        _county = await Silo.ScalarAsync<long>($"SELECT t.county_id FROM villages v JOIN townships t ON t.id = v.township_id WHERE v.id = {Village}");
        _township = await Silo.ScalarAsync<long>($"SELECT township_id FROM villages WHERE id = {Village}");
        var villageB = await Silo.ScalarAsync<long>("""
            WITH t AS (INSERT INTO townships (county_id, name) SELECT county_id, '大石头乡' FROM townships LIMIT 1 RETURNING id)
            INSERT INTO villages (code, name, township, county, township_id) SELECT 'b', '东湾村', '大石头乡', '木垒县', id FROM t RETURNING id
            """);
        var townshipB = await Silo.ScalarAsync<long>($"SELECT township_id FROM villages WHERE id = {villageB}");
        await AccountAsync("b-kuaiji", "accountant", $"village_id, {villageB}");
        await AccountAsync("b-xiang", "township_overseer", $"township_id, {townshipB}");

        var people = new List<(Who, HttpClient)> { (Who.Anonymous, Silo.CreateClient()) };
        foreach (var (who, login, password) in new[]
        {
            (Who.AccountantA, "baiyanghe-kuaiji", "baiyanghe2025"), (Who.CashierA, "baiyanghe-chuna", "baiyanghe2025"),
            (Who.OverseerA, "baiyanghe-xiang", "baiyanghe2025"), (Who.CountyAdmin, "mulei-xian", "baiyanghe2025"),
            (Who.AccountantB, "b-kuaiji", "password-b"), (Who.OverseerB, "b-xiang", "password-b"),
        })
        {
            var client = Silo.CreateClient();
            (await client.PostAsJsonAsync("/api/auth/login", new { login, password })).EnsureSuccessStatusCode();
            people.Add((who, client));
        }
        return people;
    }

    private async Task AccountAsync(string login, string role, string scope)
    {
        var hash = new PasswordHasher<Account>().HashPassword(new Account(0, login, login, "", role, null), "password-b");
        var (column, id) = (scope.Split(", ")[0], scope.Split(", ")[1]);
        await Silo.ScalarAsync<long>($"""
            WITH a AS (INSERT INTO accounts (login, display_name, password_hash, role) VALUES ('{login}', '{login}', '{hash}', '{role}') RETURNING id)
            INSERT INTO account_roles (account_id, role, {column}) SELECT id, '{role}', {id} FROM a RETURNING account_id
            """);
    }

    [GeneratedRegex(@"\{(\w+)(:[^}]*)?\}")]
    private static partial Regex RouteParameters();

    [GeneratedRegex(@":[^}]*")]
    private static partial Regex Constraints();
}
