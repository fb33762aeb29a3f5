using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using VillageCollective.Silo.Api;
using VillageCollective.Silo.Tests.DividendDay;

namespace VillageCollective.Silo.Tests.Fuzz;

/// <summary>
/// Bad input at scale (issue 9): thousands of malformed requests and files to every endpoint that writes, as the
/// person allowed to call it, with the route pointing at real rows (a run with its meeting open, a plan, a member, an
/// entry, the partnerships' demo) so the requests reach the checks behind authorization. Each answer must be below 500; each refusal (4xx) must
/// have written nothing (<see cref="DatabaseFingerprint"/>) and, for 400/409/422, say why as problem+json with a code.
/// The bodies follow the OpenAPI document's schema of each endpoint with values broken one by one.
/// VC_FUZZ_CASES sets the requests per endpoint (default 100), VC_FUZZ_SEED the seed (default 20251201).
/// </summary>
[Collection(SiloCollection.Name)]
public sealed partial class WritingEndpointFuzzTests(SiloFixture silo) : ResetTest<SiloFixture>(silo)
{
    private static readonly int CasesPerEndpoint = int.Parse(Environment.GetEnvironmentVariable("VC_FUZZ_CASES") ?? "100", CultureInfo.InvariantCulture);
    private static readonly int Seed = int.Parse(Environment.GetEnvironmentVariable("VC_FUZZ_SEED") ?? "20251201", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Malformed_requests_to_every_writing_endpoint_get_a_clear_refusal_and_write_nothing()
    {
        var meeting = await Meeting.StartAsync(Silo, Village);
        // Partnerships with settlements, so that the partnership routes' ids (1, …) point at real rows too.
        await Silo.Services.GetRequiredService<VillageCollective.Silo.Demo.DemoLoader>().LoadPartnershipsAsync(CancellationToken.None);
        var accountant = await Silo.AccountantAsync();
        var countyAdmin = await SiloFixture.LoginAsync(Silo, 3);
        var openApi = JsonNode.Parse(await accountant.GetStringAsync("/openapi/v1.json"))!;
        var routeIds = await RouteIdsAsync(meeting);
        var random = new Random(Seed);
        var values = new MalformedValues(random);
        var files = new MalformedFiles(random, await accountant.GetByteArrayAsync($"/api/villages/{Village}/register/template.xlsx"),
            await accountant.GetStringAsync($"/api/villages/{Village}/register/template.csv"));
        await using var fingerprint = await DatabaseFingerprint.OpenAsync(Silo.ConnectionString);

        // Logging out would end the session the rest of the run needs; its own tests cover it.
        var endpoints = SiloEndpoints.List(Silo.Services).Where(e => e.Writes && e.Pattern != "/api/auth/logout").ToList();
        Assert.True(endpoints.Count >= 25, $"only {endpoints.Count} writing endpoints found");
        var failures = new List<string>();
        var sent = 0;
        var refused = 0;
        var before = await fingerprint.TakeAsync();
        foreach (var endpoint in endpoints)
        {
            var client = endpoint.Policy == CountyPolicies.Admin ? countyAdmin : accountant;
            var schema = RequestSchema(openApi, endpoint);
            for (var i = 0; i < CasesPerEndpoint; i++)
            {
                using var request = endpoint.Pattern.EndsWith("/register/import", StringComparison.Ordinal)
                    ? ImportRequest(endpoint, routeIds, random, values, files)
                    : JsonRequest(endpoint, routeIds, random, values, schema);
                var described = $"{request.Method} {request.RequestUri} {Preview(request.Content)}";
                using var response = await client.SendAsync(request);
                sent++;
                var status = (int)response.StatusCode;
                var body = await response.Content.ReadAsStringAsync();
                var after = await fingerprint.TakeAsync();
                if (status >= 500) failures.Add($"{status} for {described}: {Cut(body, 400)}");
                if (status >= 400)
                {
                    refused++;
                    if (after != before) failures.Add($"{status} but the database changed for {described}");
                    if (status is 400 or 409 or 422 && !(response.Content.Headers.ContentType?.MediaType == "application/problem+json" && body.Contains("\"code\"", StringComparison.Ordinal)))
                    {
                        failures.Add($"{status} without a problem+json code for {described}: {Cut(body, 200)}");
                    }
                }
                before = after;
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} failures in {sent} requests (seed {Seed}):\n" + string.Join("\n", failures.Distinct().Take(40)));
        Assert.True(sent >= endpoints.Count * CasesPerEndpoint);
        Assert.True(refused > sent * 0.9, $"only {refused} of {sent} malformed requests were refused");
    }

    private async Task<Dictionary<string, Func<Random, string>>> RouteIdsAsync(Meeting meeting)
    {
        string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
        var member = Id(await Silo.ScalarAsync<long>($"SELECT min(id) FROM members WHERE village_id = {Village}"));
        var plan = Id(await Silo.ScalarAsync<long>($"SELECT min(id) FROM distribution_plans WHERE village_id = {Village}"));
        var entry = Id(await Silo.ScalarAsync<long>($"SELECT min(id) FROM book_entries WHERE village_id = {Village}"));
        var county = Id(await Silo.ScalarAsync<long>($"SELECT t.county_id FROM villages v JOIN townships t ON t.id = v.township_id WHERE v.id = {Village}"));
        var movement = Id(await Silo.ScalarAsync<long>($"SELECT min(movement_no) FROM share_movements WHERE village_id = {Village}"));
        return new()
        {
            ["villageId"] = _ => Id(Village),
            ["runId"] = _ => Id(meeting.Run),
            ["planId"] = _ => plan,
            ["memberId"] = _ => member,
            ["entryId"] = _ => entry,
            ["countyId"] = _ => county,
            ["movementNo"] = _ => movement,
            ["year"] = r => r.Next(2) == 0 ? "2025" : "2026",
            ["number"] = r => Id(r.Next(1, 295)),
            ["lineNo"] = r => Id(r.Next(1, 295)),
        };
    }

    private static string Path(SiloEndpoint endpoint, Dictionary<string, Func<Random, string>> ids, Random random) =>
        RouteParameter().Replace(endpoint.Pattern, m => random.Next(10) == 0
            ? new[] { "0", "-1", "9223372036854775807", "99999999999999999999", "x" }[random.Next(5)]
            : ids.TryGetValue(m.Groups[1].Value, out var id) ? id(random) : "1");

    private static HttpRequestMessage JsonRequest(SiloEndpoint endpoint, Dictionary<string, Func<Random, string>> ids, Random random, MalformedValues values, JsonObject? schema)
    {
        var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), Path(endpoint, ids, random));
        string body;
        if (schema?["properties"] is JsonObject properties && random.Next(5) > 0)
        {
            var json = new JsonObject();
            foreach (var (name, property) in properties)
            {
                json[name] = random.Next(5) < 2 ? values.Any() : values.Plausible(property);
            }
            if (random.Next(10) == 0) json["unexpected"] = values.Any();
            body = json.ToJsonString();
        }
        else
        {
            body = random.Next(4) == 0 ? (values.Any()?.ToJsonString() ?? "null") : values.RawBody();
        }
        request.Content = new StringContent(body, Encoding.UTF8, random.Next(15) == 0 ? "text/plain" : "application/json");
        switch (random.Next(6))
        {
            case 0: request.Headers.TryAddWithoutValidation("Idempotency-Key", new string('k', random.Next(200, 20_000))); break;
            case 1: case 2: request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString()); break;
        }
        return request;
    }

    private HttpRequestMessage ImportRequest(SiloEndpoint endpoint, Dictionary<string, Func<Random, string>> ids, Random random, MalformedValues values, MalformedFiles files)
    {
        var (content, fileName) = files.Any();
        var effectiveOn = random.Next(5) > 0 ? "2026-01-01" : values.Any()?.ToJsonString().Trim('"') ?? "";
        var path = $"{Path(endpoint, ids, random)}?effectiveOn={Uri.EscapeDataString(effectiveOn)}&fileName={Uri.EscapeDataString(fileName)}";
        return new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(content) };
    }

    // The endpoint's JSON request body schema from the OpenAPI document, with a $ref resolved; null when it takes no JSON body.
    private static JsonObject? RequestSchema(JsonNode openApi, SiloEndpoint endpoint)
    {
        var schema = openApi["paths"]?[endpoint.PlainPattern]?[endpoint.Method.ToLowerInvariant()]?["requestBody"]?["content"]?["application/json"]?["schema"];
        return schema?["$ref"]?.GetValue<string>() is { } reference
            ? openApi["components"]?["schemas"]?[reference.Split('/')[^1]] as JsonObject
            : schema as JsonObject;
    }

    private static string Preview(HttpContent? content) =>
        content is StringContent text ? Cut(text.ReadAsStringAsync().Result, 300) : $"({content?.Headers.ContentLength} bytes)";

    private static string Cut(string text, int length) => text.Length <= length ? text : text[..length] + "…";

    [GeneratedRegex(@"\{(\w+)(:[^}]*)?\}")]
    private static partial Regex RouteParameter();
}
