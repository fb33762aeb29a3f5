using VillageCollective.Grains.Money;

namespace VillageCollective.Grains.DividendDay;

/// <summary>
/// A table's cash reconciliation at closing (现金核对): cash issued to the table versus cash it paid out (paid in cash
/// and collected by proxy). <see cref="Difference"/> = issued − paid, to the fen: positive is cash left over that must
/// come back, negative a shortage.
/// </summary>
public sealed record TableCashCount
{
    private TableCashCount(int tableNo, Yuan issued, Yuan paid, int linesPaid)
    {
        TableNo = tableNo;
        Issued = issued;
        Paid = paid;
        LinesPaid = linesPaid;
    }

    /// <summary>The table number (1, 2, …).</summary>
    public int TableNo { get; }

    /// <summary>Cash issued to the table, yuan.</summary>
    public Yuan Issued { get; }

    /// <summary>Cash the table paid out, yuan: the sum of its cash and proxy lines.</summary>
    public Yuan Paid { get; }

    /// <summary>How many lines the table paid in cash or by proxy.</summary>
    public int LinesPaid { get; }

    /// <summary>Issued − paid, yuan, exact to the fen.</summary>
    public Yuan Difference => Issued - Paid;

    /// <summary>Counts a table's cash.</summary>
    /// <param name="tableNo">The table, 1 or more.</param>
    /// <param name="issued">Cash issued to it, zero or more.</param>
    /// <param name="paidLines">The amounts of the lines it paid in cash or by proxy.</param>
    /// <returns>The count.</returns>
    /// <exception cref="DomainException"><c>cash.tableNo</c> (field <c>tableNo</c>) below 1; <c>cash.negativeIssued</c> (field <c>cashIssued</c>).</exception>
    public static TableCashCount Of(int tableNo, Yuan issued, IEnumerable<Yuan> paidLines)
    {
        ArgumentNullException.ThrowIfNull(paidLines);
        RequireTableNo(tableNo);
        if (issued < Yuan.Zero)
        {
            throw new DomainException("cash.negativeIssued", "cashIssued", "领用现金不能为负 (cash issued cannot be negative)");
        }
        var lines = paidLines.ToList();
        return new TableCashCount(tableNo, issued, Yuan.Sum(lines), lines.Count);
    }

    /// <summary>Checks a cashier's table number.</summary>
    /// <param name="tableNo">The table.</param>
    /// <exception cref="DomainException"><c>cash.tableNo</c> (field <c>tableNo</c>): below 1.</exception>
    public static void RequireTableNo(int tableNo)
    {
        if (tableNo < 1)
        {
            throw new DomainException("cash.tableNo", "tableNo", "桌号从1开始 (table numbers start at 1)");
        }
    }
}
