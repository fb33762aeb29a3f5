using VillageCollective.Grains.Money;

namespace VillageCollective.Grains.Books;

/// <summary>
/// One entry of a fiscal year's books: an amount of income or cost in a statement category, with its
/// date, counterparty and document number. Entries are never edited: a mistake is undone by a
/// reversing entry (the same category, the negated amount) with a reason.
/// </summary>
/// <param name="Date">The entry's date (China time); it must lie in <paramref name="Year"/>.</param>
/// <param name="Year">The fiscal year (calendar year) the entry belongs to.</param>
/// <param name="Category">The statement line.</param>
/// <param name="Counterparty">Who paid or was paid (e.g. the enterprise partner); may be empty for a reversal.</param>
/// <param name="DocumentNumber">The voucher or contract number (凭证号).</param>
/// <param name="Amount">Yuan; positive for an entry, negative only for a reversal.</param>
/// <param name="IsReversal">True for an entry that undoes another.</param>
/// <exception cref="DomainException"><c>entry.date</c> (field <c>date</c>) outside the year;
/// <c>entry.amount</c> (field <c>amount</c>) zero, or negative outside a reversal.</exception>
public sealed record BookEntry(DateOnly Date, int Year, EntryCategory Category, string Counterparty, string DocumentNumber, Yuan Amount, bool IsReversal = false)
{
    /// <summary>The entry's date, inside its year.</summary>
    public DateOnly Date { get; } = Date.Year == Year
        ? Date
        : throw new DomainException("entry.date", "date", $"记账日期{Date:yyyy-MM-dd}不在{Year}年度内 (the entry's date is outside the fiscal year {Year})");

    /// <summary>Yuan, positive (negative for a reversal).</summary>
    public Yuan Amount { get; } = (IsReversal ? Amount < Yuan.Zero : Amount > Yuan.Zero)
        ? Amount
        : throw new DomainException("entry.amount", "amount", $"金额必须大于零 (the amount must be positive): {Amount}");

    /// <summary>The reversing entry that undoes this one, dated <paramref name="on"/>.</summary>
    public BookEntry Reversal(DateOnly on) =>
        IsReversal
            ? throw new DomainException("entry.reverseReversal", "entryId", "冲销分录不能再冲销 (a reversal cannot be reversed; enter the entry again)")
            : new BookEntry(on, Year, Category, Counterparty, DocumentNumber, Yuan.Zero - Amount, IsReversal: true);
}
