namespace VillageCollective.Silo.Tests.Resilience;

/// <summary>
/// How many moments each crash test kills at: <c>VC_CRASH_MOMENTS</c>, or 4 (the reduced form CI runs). The full form is 20
/// or more (<c>VC_CRASH_MOMENTS=20 scripts/test --filter …Resilience</c>). Moments are spread evenly, so a run is repeatable.
/// </summary>
public static class CrashMoments
{
    public static int Count => int.TryParse(Environment.GetEnvironmentVariable("VC_CRASH_MOMENTS"), out var n) && n > 0 ? n : 4;

    /// <summary>The <paramref name="i"/>-th (1-based) of <see cref="Count"/> points spread evenly over (0, <paramref name="span"/>).</summary>
    public static double Spread(int i, double span) => span * i / (Count + 1);
}
