using VillageCollective.Silo.Storage;

namespace VillageCollective.Silo.Hosting;

/// <summary>
/// The silo's command-line checks, run instead of serving: <c>--verify-audit</c> (the audit trail's hash chains) and
/// <c>--check-consistency</c> (every village's totals recomputed from the journals, <see cref="ConsistencyStore"/>).
/// scripts/run passes them on; the exit code is 0 when all is well and 1 otherwise.
/// </summary>
public static class MaintenanceCommands
{
    /// <summary>The exit code of the command named in <paramref name="args"/>, or null when none is named (serve).</summary>
    public static async Task<int?> RunAsync(WebApplication app, string[] args)
    {
        if (args.Contains("--verify-audit"))
        {
            await app.Services.GetRequiredService<MigrationRunner>().ApplyAsync(CancellationToken.None);
            var verification = await app.Services.GetRequiredService<AuditStore>().VerifyAsync(null, CancellationToken.None);
            Console.WriteLine(verification.Intact
                ? $"Audit trail intact: {verification.Checked} rows checked."
                : $"Audit trail BROKEN at row {verification.FirstBrokenId} (village {verification.FirstBrokenChain}, {verification.Problem}); {verification.Checked} rows checked.");
            return verification.Intact ? 0 : 1;
        }
        if (args.Contains("--check-consistency"))
        {
            await app.Services.GetRequiredService<MigrationRunner>().ApplyAsync(CancellationToken.None);
            var report = await app.Services.GetRequiredService<ConsistencyStore>().CheckAsync(null, CancellationToken.None);
            Console.WriteLine($"Checked {report.Villages} villages, {report.Runs} runs, {report.PayoutLines} payout lines, " +
                $"{report.ShareMovements} share movements, {report.AuditRows} audit rows.");
            foreach (var d in report.Differences)
            {
                Console.WriteLine($"DIFFERENCE {d.Check} village {d.VillageId} {d.Subject}: expected {d.Expected}, stored {d.Actual}");
            }
            Console.WriteLine(report.Consistent ? "Consistent: no differences." : $"{report.Differences.Count} differences.");
            return report.Consistent ? 0 : 1;
        }
        return null;
    }
}
