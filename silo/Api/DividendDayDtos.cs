using VillageCollective.Grains.DividendDay;
using VillageCollective.Grains.Money;
using VillageCollective.Silo.Storage.DividendDay;

namespace VillageCollective.Silo.Api;

// What the dividend-day API sends. Money is strings of yuan with two decimals; resident IDs are masked.

/// <summary>An event of a line's journal: a mark or its undo (<c>reverses</c> = the mark's id), who (cashier login), table and instant.</summary>
public sealed record PayoutEventDto(long Id, int LineNo, string Kind, string Status, string? RecipientName, string? Relation,
    string? RecipientId, string? BatchReference, string? Reason, long? Reverses, string Cashier, int TableNo, DateTimeOffset At)
{
    public static PayoutEventDto From(PayoutLineEvent e) =>
        new(e.Id, e.LineNo, e.Kind, e.Status, e.RecipientName, e.Relation, e.RecipientIdMasked, e.BatchReference, e.Reason, e.Reverses, e.Cashier, e.TableNo, e.At);
}

/// <summary>A checklist line with its status and the event that set it.</summary>
public sealed record CheckLineDto(int LineNo, int HouseholdNumber, string HeadName, int MemberCount, string Shares, string Amount,
    string AmountInWords, string Status, PayoutEventDto? Last)
{
    public static CheckLineDto From(CheckLineRow l) =>
        new(l.LineNo, l.HouseholdNumber, l.HeadName, l.MemberCount, l.Shares.ToString(), l.Amount.ToPlainString(), CapitalNumerals.Format(l.Amount),
            PayoutStatuses.Code(l.Status), l.Last is null ? null : PayoutEventDto.From(l.Last));
}

/// <summary>One year's dividend of a household (its household page's 分红记录): run, line, yuan, status and the event that set it.</summary>
public sealed record HouseholdPayoutDto(long RunId, int Year, int PlanVersion, string PerShareRate, int LineNo, string Shares, string Amount,
    string Status, PayoutEventDto? Last)
{
    public static HouseholdPayoutDto From(HouseholdPayoutRow p) =>
        new(p.RunId, p.Year, p.PlanVersion, p.PerShareRate.ToPlainString(), p.LineNo, p.Shares.ToString(), p.Amount.ToPlainString(),
            PayoutStatuses.Code(p.Status), p.Last is null ? null : PayoutEventDto.From(p.Last));
}

/// <summary>Households and yuan of one status.</summary>
public sealed record StatusTotalDto(string Status, int Households, string Amount, string AmountInWords);

/// <summary>The live board (households and yuan paid of the total, by status).</summary>
public sealed record BoardDto(long RunId, string MeetingStatus, int HouseholdsTotal, int HouseholdsPaid, string AmountTotal, string AmountPaid,
    string AmountPaidInWords, IReadOnlyList<StatusTotalDto> ByStatus)
{
    public static BoardDto From(Board b) =>
        new(b.RunId, b.MeetingStatus, b.HouseholdsTotal, b.HouseholdsPaid, b.AmountTotal.ToPlainString(), b.AmountPaid.ToPlainString(),
            CapitalNumerals.Format(b.AmountPaid),
            b.ByStatus.Select(s => new StatusTotalDto(PayoutStatuses.Code(s.Status), s.Households, s.Amount.ToPlainString(), CapitalNumerals.Format(s.Amount))).ToList());
}

/// <summary>A table's cash count: issued, paid, difference = issued − paid.</summary>
public sealed record CashCountDto(int ClosingNo, int TableNo, string CashIssued, string CashPaid, int LinesPaid, string Difference, string DifferenceInWords)
{
    public static CashCountDto From(CashCountRow c) =>
        new(c.ClosingNo, c.TableNo, c.Issued.ToPlainString(), c.Paid.ToPlainString(), c.LinesPaid, c.Difference.ToPlainString(),
            c.Difference < Yuan.Zero ? "短缺" + CapitalNumerals.Format(Yuan.Zero - c.Difference) : CapitalNumerals.Format(c.Difference));
}

/// <summary>The meeting and its journal.</summary>
public sealed record MeetingDto(long RunId, string Status, DateOnly MeetingDate, int Closings, IReadOnlyList<MeetingEventRow> Events);

/// <summary>The closing report (A4): the board's totals, the latest closing's cash counts and totals, the meeting's journal.</summary>
public sealed record ClosingReportDto(MeetingDto Meeting, BoardDto Board, IReadOnlyList<CashCountDto> CashCounts, string CashIssuedTotal,
    string CashPaidTotal, string DifferenceTotal, string CashPaidTotalInWords);
