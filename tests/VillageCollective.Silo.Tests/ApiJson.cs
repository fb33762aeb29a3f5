using System.Net.Http.Json;
using System.Text.Json;

namespace VillageCollective.Silo.Tests;

/// <summary>Small helpers to read JSON answers in tests.</summary>
public static class ApiJson
{
    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();

    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"GET {url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.JsonAsync();
    }

    public static async Task<HttpResponseMessage> StartRunAsync(this HttpClient client, long villageId, int year, int planVersion, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/villages/{villageId}/dividend-runs")
        {
            Content = JsonContent.Create(new { year, planVersion }),
        };
        if (key is not null) request.Headers.Add("Idempotency-Key", key);
        return await client.SendAsync(request);
    }

    /// <summary>Drafts a plan and returns its id; fails the test unless it is created.</summary>
    public static async Task<long> CreatePlanAsync(this HttpClient client, long villageId, object plan)
    {
        var response = await client.PostAsJsonAsync($"/api/villages/{villageId}/plans", plan);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.JsonAsync()).GetProperty("id").GetInt64();
    }

    /// <summary>Publishes a draft's notice on 2025-11-10 and has a representatives' assembly carry it on 2025-11-25.</summary>
    public static async Task ApprovePlanAsync(this HttpClient client, long villageId, long planId)
    {
        var published = await client.PostAsJsonAsync($"/api/villages/{villageId}/plans/{planId}/publish", new { publishedOn = "2025-11-10" });
        Assert.True(published.IsSuccessStatusCode, await published.Content.ReadAsStringAsync());
        var decided = await client.PostAsJsonAsync($"/api/villages/{villageId}/plans/{planId}/decision",
            new { kind = "representatives", date = "2025-11-25", eligible = 31, present = 28, votesFor = 27, votesAgainst = 0, abstaining = 1 });
        Assert.True(decided.IsSuccessStatusCode, await decided.Content.ReadAsStringAsync());
    }

    public static string Str(this JsonElement element, string property) => element.GetProperty(property).ToString();

    public static decimal Dec(this JsonElement element, string property) =>
        decimal.Parse(element.GetProperty(property).GetString()!, System.Globalization.CultureInfo.InvariantCulture);
}
