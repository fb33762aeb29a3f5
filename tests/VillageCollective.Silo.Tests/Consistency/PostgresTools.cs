using System.Diagnostics;
using Npgsql;

namespace VillageCollective.Silo.Tests.Consistency;

/// <summary>
/// Runs PostgreSQL's client programs (pg_dump, pg_restore) against the test cluster: from <c>PG_BIN</c> (scripts/test
/// exports the folder of the server it started) or Debian's /usr/lib/postgresql/*/bin. A missing tool fails the test.
/// </summary>
internal static class PostgresTools
{
    public static string Path(string tool)
    {
        var folders = new[] { Environment.GetEnvironmentVariable("PG_BIN") }
            .Concat(Directory.Exists("/usr/lib/postgresql") ? Directory.GetDirectories("/usr/lib/postgresql").Order().Reverse().Select(d => System.IO.Path.Combine(d, "bin")) : []);
        return folders.Where(f => !string.IsNullOrEmpty(f)).Select(f => System.IO.Path.Combine(f!, tool)).FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException($"{tool} not found: set PG_BIN or install Debian's postgresql-client");
    }

    /// <summary>Runs <paramref name="tool"/> with the connection of <paramref name="connectionString"/> and fails with its output on a non-zero exit.</summary>
    public static async Task RunAsync(string tool, string connectionString, params string[] arguments)
    {
        var c = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(Path(tool)) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { "-h", c.Host!, "-p", c.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", c.Username!, "-d", c.Database! }.Concat(arguments))
        {
            start.ArgumentList.Add(a);
        }
        start.Environment["PGPASSWORD"] = c.Password ?? "";
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{tool} exited {process.ExitCode}: {await error}{await output}");
    }
}
