using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using VillageCollective.Silo.Demo;

namespace VillageCollective.Silo.Tests.Resilience;

/// <summary>
/// The silo as a real child process (<c>dotnet VillageCollective.Silo.dll</c>, as <c>scripts/run</c> starts it), so a test can
/// kill it with SIGKILL (<see cref="KillHard"/>) and start it again. Its standard output is kept line by line.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly SemaphoreSlim _newLine = new(0);

    private SiloProcess(Process process, string? url)
    {
        _process = process;
        Url = url;
    }

    /// <summary>The server's address (http://127.0.0.1:port), or null for a command-line mode.</summary>
    public string? Url { get; }

    /// <summary>The lines printed so far.</summary>
    public IReadOnlyCollection<string> Lines => _lines;

    public bool HasExited => _process.HasExited;

    /// <summary>The repository's root (the folder holding VillageCollective.sln).</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>Starts the web server on a free port of 127.0.0.1 and waits until <c>/health</c> answers 200.</summary>
    /// <param name="connectionString">The database, as ConnectionStrings__VillageCollective.</param>
    /// <param name="home">HOME of the process (separate homes are separate machines for ASP.NET's default key storage).</param>
    public static async Task<SiloProcess> StartServerAsync(string connectionString, string? home = null)
    {
        var url = $"http://127.0.0.1:{FreePort()}";
        var silo = Start(connectionString, ["--urls", url], url, home);
        await silo.WaitHealthyAsync(TimeSpan.FromSeconds(60));
        return silo;
    }

    /// <summary>Starts a command-line mode (e.g. <c>--dividend-batch 2025</c>); read its output with <see cref="WaitForLineAsync"/>.</summary>
    public static SiloProcess StartCommand(string connectionString, params string[] args) => Start(connectionString, args, null, null);

    private static SiloProcess Start(string connectionString, string[] args, string? url, string? home)
    {
        var root = RepositoryRoot;
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.Combine(root, "silo"),
        };
        info.ArgumentList.Add(SiloDll);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.ArgumentList.Add("--contentRoot");
        info.ArgumentList.Add(Path.Combine(root, "silo"));
        info.Environment["ConnectionStrings__VillageCollective"] = connectionString;
        info.Environment["Demo__LoadWhenEmpty"] = "false";
        info.Environment["RateLimits__LoginsPerMinute"] = "100000";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Warning";
        if (home is not null) info.Environment["HOME"] = home;
        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        var silo = new SiloProcess(process, url);
        process.OutputDataReceived += (_, e) => silo.Add(e.Data);
        process.ErrorDataReceived += (_, e) => silo.Add(e.Data is null ? null : "stderr: " + e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return silo;
    }

    private void Add(string? line)
    {
        if (line is null) return;
        _lines.Enqueue(line);
        _newLine.Release();
    }

    /// <summary>Waits until a line printed so far (or later) matches; fails after <paramref name="timeout"/> or when the process ends without one.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_lines.FirstOrDefault(match) is { } found) return found;
            if (_process.HasExited && !await _newLine.WaitAsync(200))
            {
                throw new InvalidOperationException($"the silo ended (exit {_process.ExitCode}) without the line; output:\n{string.Join('\n', _lines)}");
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"no such line within {timeout}; output:\n{string.Join('\n', _lines)}");
            await _newLine.WaitAsync(TimeSpan.FromMilliseconds(100));
        }
    }

    /// <summary>Waits for the process to end and returns its exit code.</summary>
    public async Task<int> ExitCodeAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        return _process.ExitCode;
    }

    /// <summary>SIGKILL (kill -9): no shutdown code runs, open transactions are cut.</summary>
    public void KillHard()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Ended on its own already.
        }
        _process.WaitForExit();
    }

    private async Task WaitHealthyAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"the silo ended (exit {_process.ExitCode}):\n{string.Join('\n', _lines)}");
            try
            {
                if ((await client.GetAsync($"{Url}/health")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"the silo at {Url} was not healthy within {timeout}:\n{string.Join('\n', _lines)}");
    }

    /// <summary>A client of <paramref name="baseUrl"/> logged in as demo login <paramref name="index"/>, sending its CSRF token, as the web client does.</summary>
    public static async Task<HttpClient> LoginAsync(string baseUrl, int index)
    {
        var client = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer() }) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
        var login = DemoLoader.Logins[index];
        (await client.PostAsJsonAsync("/api/auth/login", new { login = login.Login, password = login.Password })).EnsureSuccessStatusCode();
        var csrf = await client.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/auth/csrf");
        client.DefaultRequestHeaders.Add("X-CSRF-Token", csrf.GetProperty("token").GetString());
        return client;
    }

    /// <summary>A TCP port on 127.0.0.1 that nothing listens on now.</summary>
    public static int FreePort() => Hosting.LoopbackPort.Free();

    // The silo built in the same configuration as this test assembly (scripts/test builds the solution in Release).
    private static string SiloDll
    {
        get
        {
            var configuration = Path.GetFileName(Path.GetDirectoryName(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)))!;
            var dll = Path.Combine(RepositoryRoot, "silo", "bin", configuration, "net10.0", "VillageCollective.Silo.dll");
            return File.Exists(dll) ? dll : throw new FileNotFoundException($"build the silo first ({configuration})", dll);
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "VillageCollective.sln"))) return dir.FullName;
        }
        throw new DirectoryNotFoundException("VillageCollective.sln not found above " + AppContext.BaseDirectory);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            KillHard();
        }
        await Task.CompletedTask;
        _process.Dispose();
    }
}
