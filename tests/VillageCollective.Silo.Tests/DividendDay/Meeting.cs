using System.Net.Http.Json;
using System.Text.Json;

namespace VillageCollective.Silo.Tests.DividendDay;

/// <summary>A Baiyanghe 2025 run with its meeting, and the calls the dividend-day tests make.</summary>
internal sealed class Meeting(SiloFixture silo, long village, long run)
{
    public long Village { get; } = village;
    public long Run { get; } = run;
    public string Url => $"/api/villages/{Village}/dividend-runs/{Run}/meeting";

    /// <summary>Starts the run of the approved 2025 plan and, unless told not to, opens its meeting as the accountant.</summary>
    public static async Task<Meeting> StartAsync(SiloFixture silo, long village, bool open = true)
    {
        var accountant = await silo.AccountantAsync();
        var run = await (await accountant.StartRunAsync(village, 2025, 1, "run")).JsonAsync();
        var meeting = new Meeting(silo, village, run.GetProperty("id").GetInt64());
        if (open) (await accountant.PostAsync($"{meeting.Url}/open", null)).EnsureSuccessStatusCode();
        return meeting;
    }

    /// <summary>The head of the household of line <paramref name="lineNo"/>: name and full resident ID, from the register.</summary>
    public async Task<(string Name, string Id)> HeadAsync(int lineNo)
    {
        var row = await silo.ScalarAsync<string>($"""
            SELECT m.name || '|' || m.resident_id FROM payout_lines l JOIN members m ON m.household_id = l.household_id
            WHERE l.run_id = {Run} AND l.line_no = {lineNo} AND m.relation = '户主'
            """);
        var parts = row.Split('|');
        return (parts[0], parts[1]);
    }

    public async Task<object> PaidToHeadAsync(int lineNo, int tableNo = 1)
    {
        var (name, id) = await HeadAsync(lineNo);
        return new { tableNo, status = "paid_in_cash", recipientName = name, relation = "户主", recipientId = id };
    }

    public async Task<HttpResponseMessage> MarkAsync(HttpClient client, int lineNo, object body, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{Url}/lines/{lineNo}/mark") { Content = JsonContent.Create(body) };
        if (key is not null) request.Headers.Add("Idempotency-Key", key);
        return await client.SendAsync(request);
    }

    public Task<HttpResponseMessage> UndoAsync(HttpClient client, int lineNo, long eventId, string? reason) =>
        client.PostAsJsonAsync($"{Url}/lines/{lineNo}/undo", new { eventId, tableNo = 1, reason });

    public async Task<JsonElement> LineAsync(HttpClient client, int lineNo) =>
        (await client.GetJsonAsync($"{Url}/lines")).EnumerateArray().Single(l => l.GetProperty("lineNo").GetInt32() == lineNo);

    public Task<JsonElement> BoardAsync(HttpClient client) => client.GetJsonAsync($"{Url}/board");

    public static async Task AssertProblemAsync(HttpResponseMessage response, int status, string code, string? field = null)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal(code, problem.Str("code"));
        if (field is not null) Assert.Equal(field, problem.Str("field"));
    }
}
