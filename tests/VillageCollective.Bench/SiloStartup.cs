using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;

namespace VillageCollective.Bench;

/// <summary>
/// A silo's start-up and idle memory (issue 14), outside BenchmarkDotNet: the silo's own dll started as <c>scripts/run</c>
/// starts it (a process of its own, Orleans silo and web server, migrations already applied, the Baiyanghe demo loaded),
/// timed from the process start until <c>/health</c> answers 200 (the silo has joined its cluster: Orleans starts before
/// Kestrel listens), then its resident memory after <see cref="IdleSeconds"/> s idle. The baseline in the same run: the
/// same dll run as <c>--check-consistency</c> (the .NET runtime, the host, the
/// consistency check, no Orleans, no web server), so the ratio is what the silo and the web server add.
/// </summary>
public static class SiloStartup
{
    public const int Rounds = 3;
    public const int IdleSeconds = 10;

    public static async Task<string> RunAsync()
    {
        var (dataSource, _, connectionString) = await BenchDatabase.CreateWithConnectionStringAsync();
        await dataSource.DisposeAsync();
        var starts = new List<double>();
        var check = new List<double>();
        long rss = 0;
        for (var round = 0; round < Rounds; round++)
        {
            check.Add(await TimeCheckAsync(connectionString));
            var (seconds, memory) = await TimeServerAsync(connectionString);
            starts.Add(seconds);
            rss = Math.Max(rss, memory);
        }
        var text = new StringBuilder();
        text.AppendLine("## SiloStartup");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"The silo's dll as its own process, {Rounds} rounds, median; memory after {IdleSeconds} s idle (largest of the rounds).");
        text.AppendLine();
        text.AppendLine("| What | Seconds | Ratio |");
        text.AppendLine("|---|---:|---:|");
        var baseline = Median(check);
        text.AppendLine(CultureInfo.InvariantCulture, $"| `--check-consistency` (runtime + host + consistency check, baseline) | {baseline:F2} | 1.00 |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| silo start until `/health` 200 (Orleans silo Active, web server up) | {Median(starts):F2} | {Median(starts) / baseline:F2} |");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Idle resident memory of the silo: {rss / 1024.0 / 1024.0:F0} MiB.");
        return text.ToString();
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static async Task<double> TimeCheckAsync(string connectionString)
    {
        var watch = Stopwatch.StartNew();
        using var process = Start(connectionString, ["--check-consistency"]);
        await process.WaitForExitAsync();
        return watch.Elapsed.TotalSeconds;
    }

    private static async Task<(double Seconds, long Rss)> TimeServerAsync(string connectionString)
    {
        var url = $"http://127.0.0.1:{VillageCollective.Silo.Hosting.LoopbackPort.Free()}";
        var watch = Stopwatch.StartNew();
        using var process = Start(connectionString, ["--urls", url]);
        try
        {
            using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            while (true)
            {
                if (process.HasExited) throw new InvalidOperationException($"the silo ended (exit {process.ExitCode})");
                try
                {
                    if ((await client.GetAsync($"{url}/health")).StatusCode == HttpStatusCode.OK) break;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    // Not listening yet.
                }
                await Task.Delay(50);
            }
            var seconds = watch.Elapsed.TotalSeconds;
            await Task.Delay(TimeSpan.FromSeconds(IdleSeconds));
            process.Refresh();
            return (seconds, process.WorkingSet64);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static Process Start(string connectionString, string[] args)
    {
        var silo = Path.Combine(AppContext.BaseDirectory, "VillageCollective.Silo.dll");
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(silo);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment["ConnectionStrings__VillageCollective"] = connectionString;
        info.Environment["Demo__LoadWhenEmpty"] = "false";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

}
