namespace VillageCollective.Silo.Hosting;

/// <summary>Dates that matter to a village (record date, meeting date, "today") are dates in China Standard Time.</summary>
public static class ChinaClock
{
    /// <summary>Asia/Shanghai (UTC+8, no daylight saving).</summary>
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    /// <summary>Today's date in China for the injected clock.</summary>
    public static DateOnly Today(this TimeProvider clock) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Zone).DateTime);
}
