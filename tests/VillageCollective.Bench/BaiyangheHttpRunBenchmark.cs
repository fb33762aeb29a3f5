using System.Net;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using VillageCollective.Grains.Village;
using VillageCollective.Silo.Storage;

namespace VillageCollective.Bench;

/// <summary>
/// The Baiyanghe 2025 run (294 payout lines) over HTTP end to end, on the silo on real Kestrel on 127.0.0.1: a new client logs
/// in as the accountant (password hash check), fetches its CSRF token and POSTs the run with an Idempotency-Key (201) — and the
/// same POST by a client already logged in — and the village grain's call inside the silo that the POST makes
/// (<see cref="IVillageGrain.StartRunAsync"/>), against the baseline of the store call alone (<see cref="DividendRunStore.StartAsync"/>),
/// in the same run and database.
/// </summary>
[MemoryDiagnoser]
[WarmupCount(3)]
[IterationCount(20)]
[InvocationCount(1)]
public class BaiyangheHttpRunBenchmark
{
    private NpgsqlDataSource _dataSource = null!;
    private long _village;
    private DividendRunStore _runs = null!;
    private PayoutMarkingLoad.BenchSilo _silo = null!;
    private string _address = "";
    private HttpClient _loggedIn = null!;
    private int _iteration;

    // Synchronous on purpose: the in-process toolchain does not await an async setup.
    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        string connectionString;
        (_dataSource, _village, connectionString) = await BenchDatabase.CreateWithConnectionStringAsync();
        _runs = new DividendRunStore(_dataSource, TimeProvider.System);
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_VILLAGECOLLECTIVE_SILO", PayoutMarkingLoad.SiloDirectory());
        _silo = new PayoutMarkingLoad.BenchSilo(connectionString);
        _silo.UseKestrel(0);
        _silo.StartServer();
        _address = _silo.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()
            .Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal);
        _loggedIn = await PayoutMarkingLoad.LoginAsync(_address, 0);
    }

    // Each measured run needs the plan version free again: the previous run is removed outside the timing.
    [IterationCleanup]
    public void RemoveRuns()
    {
        using var command = _dataSource.CreateCommand("DELETE FROM payout_lines; DELETE FROM dividend_runs");
        command.ExecuteNonQuery();
    }

    [Benchmark(Baseline = true)]
    public async Task StoreCall()
    {
        var outcome = await _runs.StartAsync(_village, 2025, 1, $"bench-{++_iteration}", "bench", CancellationToken.None);
        if (!outcome.Created) throw new InvalidOperationException("the run was not created anew");
    }

    [Benchmark]
    public async Task GrainCall()
    {
        var started = await _silo.Services.GetRequiredService<IGrainFactory>().GetGrain<IVillageGrain>(_village)
            .StartRunAsync(2025, 1, $"bench-{++_iteration}", "bench");
        if (!started.Created) throw new InvalidOperationException("the run was not created anew");
    }

    [Benchmark]
    public async Task HttpPostLoggedIn() => await PostRunAsync(_loggedIn);

    [Benchmark]
    public async Task HttpLoginCsrfPost()
    {
        using var client = await PayoutMarkingLoad.LoginAsync(_address, 0);
        await PostRunAsync(client);
    }

    private async Task PostRunAsync(HttpClient client)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/villages/{_village}/dividend-runs")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { year = 2025, planVersion = 1 }),
        };
        request.Headers.Add("Idempotency-Key", $"bench-http-{++_iteration}");
        using var response = await client.SendAsync(request);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _loggedIn.Dispose();
        _silo.Dispose();
        _dataSource.Dispose();
    }
}
