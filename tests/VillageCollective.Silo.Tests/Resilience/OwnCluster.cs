using System.Diagnostics;
using System.Text.RegularExpressions;

namespace VillageCollective.Silo.Tests.Resilience;

/// <summary>
/// A throw-away PostgreSQL cluster of one test's own (scripts/lib/postgres.sh, production settings: fsync on), which the test may
/// stop with <c>pg_ctl stop -m immediate</c> — never the shared test cluster.
/// </summary>
public sealed partial class OwnCluster : IAsyncDisposable
{
    private readonly string _dir;

    private OwnCluster(string dir, int port, string connectionString)
    {
        _dir = dir;
        Port = port;
        ConnectionString = connectionString;
    }

    public int Port { get; }

    /// <summary>An Npgsql connection string without a database.</summary>
    public string ConnectionString { get; }

    public static async Task<OwnCluster> StartAsync()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"vc-own-pg-{Guid.NewGuid():N}"[..24]);
        Directory.CreateDirectory(dir);
        // The postgres user (when run as root) must reach the folder.
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(dir, (UnixFileMode)0b111_101_101);
        var output = await ShellAsync($"pg_start '{dir}' && echo \"VC_CONNECTION=$PG_CONNECTION\" && echo \"VC_PORT=$PG_PORT\"");
        return new OwnCluster(dir, int.Parse(Value().Match(output).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture),
            Connection().Match(output).Groups[1].Value.Trim());
    }

    /// <summary><c>pg_ctl stop -m immediate</c>: every server process quits at once, with no checkpoint; the next start recovers from the WAL.</summary>
    public Task StopImmediatelyAsync() => ShellAsync($"pg_find_bin && pg_as_owner \"$PG_BIN/pg_ctl\" -D '{_dir}/pg' -m immediate -w stop");

    /// <summary>Starts the cluster again on the same port (the silo's connection string names it).</summary>
    /// <remarks>The test process's own pooled connections died with the server: they are dropped here.</remarks>
    public async Task RestartAsync()
    {
        await ShellAsync($"pg_start '{_dir}' {Port}");
        Npgsql.NpgsqlConnection.ClearAllPools();
    }

    private static async Task<string> ShellAsync(string script)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add($"source '{SiloProcess.RepositoryRoot}/scripts/lib/postgres.sh' && {script}");
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{script}: exit {process.ExitCode}\n{await stdout}\n{await stderr}");
        return await stdout;
    }

    [GeneratedRegex(@"VC_PORT=(\d+)")]
    private static partial Regex Value();

    [GeneratedRegex(@"VC_CONNECTION=(.*)")]
    private static partial Regex Connection();

    public async ValueTask DisposeAsync()
    {
        try
        {
            await ShellAsync($"pg_stop '{_dir}'");
        }
        finally
        {
            Directory.Delete(_dir, recursive: true);
        }
    }
}
