using System.Diagnostics;
using System.Globalization;
using System.Text;
using Npgsql;
using VillageCollective.Silo.Storage;

namespace VillageCollective.Bench;

/// <summary>
/// The accountant's register search (<see cref="RegisterReader"/>: a household number, or part of the head's or a member's
/// name) in a prefecture-sized database (the <see cref="PrefectureBatchLoad"/> database: 1,001 villages, about a million
/// members), against the same village's unfiltered register read in the same run. Statements auto-prepared as in the silo
/// (<see cref="StorageServices.MaxAutoPrepare"/>), so PostgreSQL may switch to its generic plan after the warm-up.
/// </summary>
public static class RegisterSearchOnPrefecture
{
    private const int WarmUp = 15;
    private const int Timed = 50;

    /// <summary>A markdown section: milliseconds (median of <see cref="Timed"/>) and the ratio to the unfiltered read.</summary>
    public static async Task<string> MarkdownAsync(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = StorageServices.MaxAutoPrepare };
        await using var dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        await using var connection = await dataSource.OpenConnectionAsync();
        var village = (long)(await new NpgsqlCommand("SELECT min(id) FROM villages", connection).ExecuteScalarAsync())!;
        var members = (long)(await new NpgsqlCommand("SELECT count(*) FROM members", connection).ExecuteScalarAsync())!;
        var asOf = new DateOnly(2025, 11, 30);
        var plain = await MedianMillisecondsAsync(connection, village, asOf, null);
        var text = new StringBuilder();
        text.AppendLine("### Register search in the same database");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"One village's register as of its record date, among all the villages above ({members:N0} members in all); median of {Timed} reads after {WarmUp} warm-up reads on one auto-prepared connection.");
        text.AppendLine();
        text.AppendLine("| Read | Households found | Milliseconds | Ratio to the unfiltered read |");
        text.AppendLine("|---|---:|---:|---:|");
        text.AppendLine(CultureInfo.InvariantCulture, $"| Unfiltered register (baseline) | {plain.Found} | {plain.Milliseconds:F2} | 1.00 |");
        foreach (var (label, search) in new[] { ("Search by a surname (王)", "王"), ("Search by household number (42)", "42") })
        {
            var searched = await MedianMillisecondsAsync(connection, village, asOf, search);
            text.AppendLine(CultureInfo.InvariantCulture, $"| {label} | {searched.Found} | {searched.Milliseconds:F2} | {searched.Milliseconds / plain.Milliseconds:F2} |");
        }
        return text.ToString();
    }

    private static async Task<(int Found, double Milliseconds)> MedianMillisecondsAsync(NpgsqlConnection connection, long village, DateOnly asOf, string? search)
    {
        var times = new List<double>();
        var found = 0;
        for (var i = 0; i < WarmUp + Timed; i++)
        {
            var clock = Stopwatch.StartNew();
            found = (await RegisterReader.ReadAsync(connection, null, village, asOf, search, CancellationToken.None)).Count;
            if (i >= WarmUp) times.Add(clock.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return (found, times[times.Count / 2]);
    }
}
