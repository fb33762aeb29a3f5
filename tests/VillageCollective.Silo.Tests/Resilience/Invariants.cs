using Npgsql;
using VillageCollective.Silo.Storage;

namespace VillageCollective.Silo.Tests.Resilience;

/// <summary>
/// What must hold after any crash: the silo's own consistency check (<see cref="ConsistencyStore"/>) finds nothing. Among
/// its rules: every run has all of its lines or none, numbered 1…n, adding up to its total paid, and total paid + residue =
/// pool to the fen; each line's status is its latest event's and no line has two live marks; the audit chains are whole.
/// </summary>
public static class Invariants
{
    public static async Task ConsistentAsync(string connectionString, string moment)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var report = await new ConsistencyStore(dataSource, new AuditStore(dataSource), TimeProvider.System).CheckAsync(null, CancellationToken.None);
        Assert.True(report.Consistent, $"{moment}: {string.Join("; ", report.Differences.Take(10))}");
    }
}
