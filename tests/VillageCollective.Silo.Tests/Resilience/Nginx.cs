using System.Diagnostics;

namespace VillageCollective.Silo.Tests.Resilience;

/// <summary>Debian's nginx in front of silo processes, configured by scripts/lib/nginx.sh in a folder of its own; a child process of the test.</summary>
public sealed class Nginx : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _dir;

    private Nginx(Process process, string dir, string url)
    {
        _process = process;
        _dir = dir;
        Url = url;
    }

    public string Url { get; }

    /// <summary>Each request's line of the access log: the silo (127.0.0.1:port) that served it, the status, method and path.</summary>
    public IReadOnlyList<string> AccessLog => File.Exists(Path.Combine(_dir, "access.log")) ? File.ReadAllLines(Path.Combine(_dir, "access.log")) : [];

    public static async Task<Nginx> StartAsync(params int[] siloPorts)
    {
        var dir = Path.Combine(Path.GetTempPath(), $"vc-nginx-{Guid.NewGuid():N}"[..22]);
        Directory.CreateDirectory(dir);
        var port = SiloProcess.FreePort();
        var root = SiloProcess.RepositoryRoot;
        var script = $"source '{root}/scripts/lib/nginx.sh' && nginx_ensure && nginx_write_conf '{dir}' {port} {string.Join(' ', siloPorts)} && echo \"$NGINX_BIN\"";
        var write = Process.Start(new ProcessStartInfo("bash", ["-c", script]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var bin = (await write.StandardOutput.ReadToEndAsync()).Trim();
        await write.WaitForExitAsync();
        if (write.ExitCode != 0) throw new InvalidOperationException($"nginx: {await write.StandardError.ReadToEndAsync()}");
        var process = Process.Start(new ProcessStartInfo(bin, ["-p", dir, "-c", Path.Combine(dir, "nginx.conf"), "-g", "daemon off;"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var nginx = new Nginx(process, dir, $"http://127.0.0.1:{port}");
        using var client = new HttpClient();
        for (var i = 0; i < 100; i++)
        {
            if (process.HasExited) throw new InvalidOperationException($"nginx ended: {await process.StandardError.ReadToEndAsync()}");
            try
            {
                if ((await client.GetAsync($"{nginx.Url}/health")).IsSuccessStatusCode) return nginx;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("nginx did not answer /health");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}
