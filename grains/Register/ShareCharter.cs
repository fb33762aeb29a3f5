using System.Globalization;

namespace VillageCollective.Grains.Register;

/// <summary>Static (静态管理, "生不增、死不减") or dynamic (动态管理, periodic adjustment) share management (domain.md, "Shares").</summary>
public enum ShareManagement
{
    /// <summary>静态管理: holdings do not change on birth or death.</summary>
    Static,

    /// <summary>动态管理: holdings are adjusted periodically.</summary>
    Dynamic,
}

/// <summary>How a distribution plan's record date (股权登记日) is set.</summary>
public enum RecordDateRule
{
    /// <summary>The member assembly sets it in each plan.</summary>
    SetInPlan,

    /// <summary>The day before the dividend meeting.</summary>
    DayBeforeMeeting,

    /// <summary>31 December of the plan's year.</summary>
    YearEnd,
}

/// <summary>
/// The share rules of a village's charter (章程): its share classes, static or dynamic management, the precision
/// of share counts (0.1 down to 0.0001), the record-date rule, and whether shares are cancelled on exit.
/// </summary>
public sealed record ShareCharter
{
    /// <summary>The precisions a charter may choose, in shares.</summary>
    public static readonly IReadOnlyList<decimal> AllowedPrecisions = [0.1m, 0.01m, 0.001m, 0.0001m];

    /// <summary>Creates a charter.</summary>
    /// <param name="classes">At least one share class, codes unique.</param>
    /// <param name="management">Static or dynamic.</param>
    /// <param name="precision">The smallest share step: 0.1, 0.01, 0.001 or 0.0001.</param>
    /// <param name="recordDateRule">How the record date is set.</param>
    /// <param name="cancellationOnExit">Whether a household's shares may be cancelled when it leaves the organisation.</param>
    /// <exception cref="DomainException"><c>charter.noClasses</c>, <c>charter.duplicateClass</c> (field <c>classes</c>);
    /// <c>charter.precision</c> (field <c>precision</c>).</exception>
    public ShareCharter(IReadOnlyList<ShareClass> classes, ShareManagement management, decimal precision,
        RecordDateRule recordDateRule, bool cancellationOnExit)
    {
        ArgumentNullException.ThrowIfNull(classes);
        if (classes.Count == 0)
        {
            throw new DomainException("charter.noClasses", "classes", "章程至少设一个股种 (a charter needs at least one share class)");
        }

        var twice = classes.GroupBy(c => c.Code, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
        {
            throw new DomainException("charter.duplicateClass", "classes", $"股种代码{twice.Key}重复 (share class code {twice.Key} appears twice)");
        }

        if (!AllowedPrecisions.Contains(precision))
        {
            throw new DomainException("charter.precision", "precision",
                $"股数精度须为0.1、0.01、0.001或0.0001 (precision must be 0.1, 0.01, 0.001 or 0.0001): {precision.ToString(CultureInfo.InvariantCulture)}");
        }

        Classes = Array.AsReadOnly(classes.ToArray());
        Management = management;
        Precision = precision / 1.0000000000000000000000000000m;
        RecordDateRule = recordDateRule;
        CancellationOnExit = cancellationOnExit;
    }

    /// <summary>The share classes, in the charter's order.</summary>
    public IReadOnlyList<ShareClass> Classes { get; }

    /// <summary>Static or dynamic management.</summary>
    public ShareManagement Management { get; }

    /// <summary>The smallest step of a share count, e.g. 0.1.</summary>
    public decimal Precision { get; }

    /// <summary>How a plan's record date is set.</summary>
    public RecordDateRule RecordDateRule { get; }

    /// <summary>
    /// The record date (股权登记日) of a year's distribution under this charter: the plan's own date when the charter leaves it
    /// to the plan, the day before the dividend meeting, or 31 December of the year.
    /// </summary>
    /// <param name="year">The fiscal year distributed.</param>
    /// <param name="meetingDate">The dividend meeting's date (China time).</param>
    /// <param name="stated">The date the plan states, if any.</param>
    /// <exception cref="DomainException"><c>plan.recordDateMissing</c> (field <c>recordDate</c>) when the plan must state it and does not;
    /// <c>plan.recordDateRule</c> (field <c>recordDate</c>) when the plan states another date than the charter's rule gives.</exception>
    public DateOnly RecordDateFor(int year, DateOnly meetingDate, DateOnly? stated)
    {
        DateOnly? byRule = RecordDateRule switch
        {
            RecordDateRule.DayBeforeMeeting => meetingDate.AddDays(-1),
            RecordDateRule.YearEnd => new DateOnly(year, 12, 31),
            _ => null,
        };
        return (byRule, stated) switch
        {
            (null, { } date) => date,
            (null, null) => throw new DomainException("plan.recordDateMissing", "recordDate", "章程规定股权登记日在分配方案中确定，请填写 (the charter leaves the record date to the plan: state it)"),
            ({ } date, null) => date,
            ({ } date, { } other) when date == other => date,
            ({ } date, { } other) => throw new DomainException("plan.recordDateRule", "recordDate",
                $"章程规定股权登记日为{date:yyyy-MM-dd}，方案写的是{other:yyyy-MM-dd} (the charter's rule gives {date:yyyy-MM-dd}, the plan states {other:yyyy-MM-dd})"),
        };
    }

    /// <summary>Whether shares may be cancelled on exit (退出注销).</summary>
    public bool CancellationOnExit { get; }

    /// <summary>The number of decimal places the precision allows (0.1 → 1, 0.0001 → 4).</summary>
    public int Decimals => Precision switch { 0.1m => 1, 0.01m => 2, 0.001m => 3, _ => 4 };

    /// <summary>Whether the charter has a class with this code.</summary>
    /// <param name="code">A class code.</param>
    public bool HasClass(string code) => Classes.Any(c => c.Code == code);

    /// <summary>Whether <paramref name="shares"/> is a whole multiple of <see cref="Precision"/>.</summary>
    /// <param name="shares">Shares.</param>
    public bool Fits(decimal shares) => shares % Precision == 0m;

    /// <summary>Whether both charters say the same.</summary>
    /// <param name="other">Another charter.</param>
    public bool Equals(ShareCharter? other) =>
        other is not null && Classes.SequenceEqual(other.Classes) && Management == other.Management && Precision == other.Precision
        && RecordDateRule == other.RecordDateRule && CancellationOnExit == other.CancellationOnExit;

    /// <summary>A hash over the rules.</summary>
    public override int GetHashCode() => HashCode.Combine(Classes.Count, Management, Precision, RecordDateRule, CancellationOnExit);
}
