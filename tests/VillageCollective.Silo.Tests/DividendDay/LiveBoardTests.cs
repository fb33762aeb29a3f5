using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace VillageCollective.Silo.Tests.DividendDay;

[Collection(SiloCollection.Name)]
public sealed class LiveBoardTests(SiloFixture silo) : ResetTest<SiloFixture>(silo)
{
    /// <summary>A second Silo process on the same database, as behind a load balancer.</summary>
    private sealed class SecondSilo(string connectionString) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("ConnectionStrings:VillageCollective", connectionString);
            builder.UseSetting("Demo:LoadWhenEmpty", "false");
            builder.UseEnvironment("Development");
        }
    }

    [Fact]
    public async Task A_mark_made_through_one_silo_reaches_a_board_stream_of_another_within_two_seconds()
    {
        var meeting = await Meeting.StartAsync(Silo, Village);
        await using var other = new SecondSilo(Silo.ConnectionString);
        var hall = await SiloFixture.LoginAsync(other, 0);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var response = await hall.GetAsync($"{meeting.Url}/board/stream", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        var first = await NextBoardAsync(reader, timeout.Token);
        Assert.Equal(0, first.GetProperty("householdsPaid").GetInt32());

        var cashier = await Silo.CashierAsync();
        var markedAt = DateTimeOffset.UtcNow;
        (await meeting.MarkAsync(cashier, 3, await meeting.PaidToHeadAsync(3), "via-Silo-1")).EnsureSuccessStatusCode();
        var next = await NextBoardAsync(reader, timeout.Token);

        Assert.True(DateTimeOffset.UtcNow - markedAt < TimeSpan.FromSeconds(2), $"took {DateTimeOffset.UtcNow - markedAt}");
        Assert.Equal(1, next.GetProperty("householdsPaid").GetInt32());
        Assert.Equal(await Silo.ScalarAsync<decimal>($"SELECT amount FROM payout_lines WHERE run_id = {meeting.Run} AND line_no = 3"), next.Dec("amountPaid"));
    }

    private static async Task<JsonElement> NextBoardAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        string? eventType = null;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.StartsWith("event:", StringComparison.Ordinal)) eventType = line[6..].Trim();
            else if (line.StartsWith("data:", StringComparison.Ordinal) && eventType == "board") return JsonDocument.Parse(line[5..]).RootElement.Clone();
        }
        throw new EndOfStreamException("the board stream ended");
    }
}
