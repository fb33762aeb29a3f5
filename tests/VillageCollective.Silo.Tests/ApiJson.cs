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

    public static string Str(this JsonElement element, string property) => element.GetProperty(property).ToString();

    public static decimal Dec(this JsonElement element, string property) =>
        decimal.Parse(element.GetProperty(property).GetString()!, System.Globalization.CultureInfo.InvariantCulture);
}
