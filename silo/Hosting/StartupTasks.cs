using System.Globalization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using VillageCollective.Silo.Demo;
using VillageCollective.Silo.Storage;

namespace VillageCollective.Silo.Hosting;

/// <summary>
/// Before the server takes requests (after the migrations and the Orleans silo have started): load the demo village when
/// <c>Demo:LoadWhenEmpty</c> is true and the database is empty, with the demo county of the comparison (<see cref="DemoCountyLoader"/>). Once listening: print the address,
/// the demo logins and the seconds since <c>scripts/run</c> began (<c>VC_STARTED_AT</c>).
/// </summary>
public sealed class StartupTasks(DemoLoader demo, DemoCountyLoader county, IConfiguration configuration, IServer server,
    IHostApplicationLifetime lifetime, ILogger<StartupTasks> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (configuration.GetValue<bool>("Demo:LoadWhenEmpty") && await demo.IsEmptyAsync(cancellationToken))
        {
            await demo.LoadAsync(cancellationToken);
            logger.LogInformation("Loaded the Baiyanghe demo village");
            await demo.LoadPartnershipsAsync(cancellationToken);
            logger.LogInformation("Loaded the partnerships' demo (昌吉市, 木垒县 › 东城镇)");
            // The overseers' demo county around it (issue 7), unless switched off (Demo:LoadCounty=false).
            if (configuration.GetValue("Demo:LoadCounty", true) && !await county.IsLoadedAsync(cancellationToken))
            {
                var villages = await county.LoadAsync(cancellationToken);
                logger.LogInformation("Loaded the demo county: {Villages} more villages of 木垒县, books {First}–{Last}", villages, DemoCountyLoader.FirstYear, DemoCountyLoader.LastYear);
            }
        }
        lifetime.ApplicationStarted.Register(PrintWelcome);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void PrintWelcome()
    {
        if (!configuration.GetValue<bool>("Demo:LoadWhenEmpty"))
        {
            return;
        }
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "";
        Console.WriteLine();
        Console.WriteLine($"VillageCollective 村集体股份分红 is ready: {address}");
        foreach (var login in DemoLoader.Logins.Append(Demo.PartnershipDemo.ChangjiAdmin))
        {
            Console.WriteLine($"  demo login ({login.DisplayName}): {login.Login} / {login.Password}");
        }
        if (double.TryParse(Environment.GetEnvironmentVariable("VC_STARTED_AT"), NumberStyles.Float, CultureInfo.InvariantCulture, out var started))
        {
            var seconds = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0 - started;
            Console.WriteLine($"  ready {seconds.ToString("0.0", CultureInfo.InvariantCulture)} s after scripts/run began");
        }
        Console.WriteLine("Press Ctrl-C to stop.");
    }
}
