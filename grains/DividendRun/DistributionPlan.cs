using VillageCollective.Grains.Money;

namespace VillageCollective.Grains.Dividends;

/// <summary>
/// A year's income distribution plan (收益分配方案) as far as the dividend needs it: the amount set aside for the
/// members (成员分配, after the reserve and welfare fund, 农村集体经济组织法 Art. 42) and how the per-share rate is set.
/// The member assembly approves it (Art. 26–28) after public notice (Art. 46); a revised plan gets a new version.
/// </summary>
/// <remarks>The properties are get-only, so a <c>with</c> expression cannot skip the checks.</remarks>
/// <param name="Year">The financial year distributed, 2000–2100.</param>
/// <param name="Version">The plan's version for that year, from 1.</param>
/// <param name="MembersPool">Yuan set aside for distribution to members (农户分配/成员分配), not negative.</param>
/// <param name="Rate">How the per-share rate is set.</param>
/// <param name="RecordDate">The register date (股权登记日): shares held on this date are paid.</param>
/// <param name="MeetingDate">The date of the dividend meeting (分红大会), not before <paramref name="RecordDate"/>.</param>
/// <exception cref="DomainException"><c>plan.year</c> (field <c>year</c>): outside 2000–2100;
/// <c>plan.version</c> (field <c>version</c>): below 1;
/// <c>plan.poolNegative</c> (field <c>membersPool</c>): a negative pool;
/// <c>plan.recordDateAfterMeeting</c> (field <c>recordDate</c>): the record date is after the meeting date.</exception>
/// <exception cref="ArgumentNullException"><paramref name="Rate"/> is null.</exception>
public sealed record DistributionPlan(int Year, int Version, Yuan MembersPool, RateRule Rate, DateOnly RecordDate, DateOnly MeetingDate)
{
    /// <summary>The earliest financial year accepted.</summary>
    public const int MinYear = 2000;

    /// <summary>The latest financial year accepted.</summary>
    public const int MaxYear = 2100;

    /// <summary>The financial year distributed.</summary>
    public int Year { get; } = Year is >= MinYear and <= MaxYear
        ? Year
        : throw new DomainException("plan.year", "year", $"分配年度应在{MinYear}至{MaxYear}之间 (the plan's year must be {MinYear}–{MaxYear}): {Year}");

    /// <summary>The plan's version for the year, from 1.</summary>
    public int Version { get; } = Version >= 1
        ? Version
        : throw new DomainException("plan.version", "version", $"方案版本号从1开始 (a plan's version starts at 1): {Version}");

    /// <summary>Yuan set aside for the members, not negative.</summary>
    public Yuan MembersPool { get; } = MembersPool >= Yuan.Zero
        ? MembersPool
        : throw new DomainException("plan.poolNegative", "membersPool",
            $"成员分配额不能为负，不得用亏损或借款分红 (the members' pool cannot be negative; no dividend out of a loss or borrowed money): {MembersPool}");

    /// <summary>How the per-share rate is set.</summary>
    public RateRule Rate { get; } = Rate ?? throw new ArgumentNullException(nameof(Rate));

    /// <summary>The register date (股权登记日).</summary>
    public DateOnly RecordDate { get; } = RecordDate <= MeetingDate
        ? RecordDate
        : throw new DomainException("plan.recordDateAfterMeeting", "recordDate",
            $"股权登记日{RecordDate:yyyy-MM-dd}晚于分红大会日期{MeetingDate:yyyy-MM-dd} (the record date {RecordDate:yyyy-MM-dd} is after the dividend meeting on {MeetingDate:yyyy-MM-dd})");

    /// <summary>The date of the dividend meeting (分红大会).</summary>
    public DateOnly MeetingDate { get; } = MeetingDate;
}
