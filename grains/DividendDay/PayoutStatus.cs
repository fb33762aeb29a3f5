namespace VillageCollective.Grains.DividendDay;

/// <summary>Where a line of the payout checklist (发放清单) stands at the dividend meeting (分红大会).</summary>
public enum PayoutStatus
{
    /// <summary>Not paid yet (待发放). Every line starts here; an undo returns here.</summary>
    Pending,

    /// <summary>Paid in cash (已领) to the head or an authorised adult of the household, whose ID was checked.</summary>
    PaidInCash,

    /// <summary>Collected by proxy (代领): someone outside the household, named, with relation and ID number.</summary>
    CollectedByProxy,

    /// <summary>Transferred to the household's bank card or 一卡通 (已转账), with the bank batch reference.</summary>
    TransferredToBank,

    /// <summary>Deferred (暂缓发放) with a reason, e.g. the household did not come; still owed.</summary>
    Deferred,
}

/// <summary>The stored and API names of <see cref="PayoutStatus"/> (snake case, as in the database).</summary>
public static class PayoutStatuses
{
    /// <summary>The code of a status: <c>pending</c>, <c>paid_in_cash</c>, <c>collected_by_proxy</c>,
    /// <c>transferred_to_bank</c> or <c>deferred</c>.</summary>
    /// <param name="status">The status.</param>
    /// <returns>Its code.</returns>
    public static string Code(PayoutStatus status) => status switch
    {
        PayoutStatus.Pending => "pending",
        PayoutStatus.PaidInCash => "paid_in_cash",
        PayoutStatus.CollectedByProxy => "collected_by_proxy",
        PayoutStatus.TransferredToBank => "transferred_to_bank",
        PayoutStatus.Deferred => "deferred",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    /// <summary>The Chinese label of a status, as the meeting's cards, the checklist export and the household page show it.</summary>
    /// <param name="status">The status.</param>
    /// <returns>待发放, 已领（本户）, 代领, 已转账 or 暂缓发放.</returns>
    public static string Label(PayoutStatus status) => status switch
    {
        PayoutStatus.Pending => "待发放",
        PayoutStatus.PaidInCash => "已领（本户）",
        PayoutStatus.CollectedByProxy => "代领",
        PayoutStatus.TransferredToBank => "已转账",
        PayoutStatus.Deferred => "暂缓发放",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    /// <summary>The status of a code written by <see cref="Code"/>.</summary>
    /// <param name="code">A status code.</param>
    /// <returns>The status.</returns>
    /// <exception cref="DomainException"><c>payout.unknownStatus</c> (field <c>status</c>): not one of the five codes.</exception>
    public static PayoutStatus Parse(string? code) => code switch
    {
        "pending" => PayoutStatus.Pending,
        "paid_in_cash" => PayoutStatus.PaidInCash,
        "collected_by_proxy" => PayoutStatus.CollectedByProxy,
        "transferred_to_bank" => PayoutStatus.TransferredToBank,
        "deferred" => PayoutStatus.Deferred,
        _ => throw new DomainException("payout.unknownStatus", "status",
            $"未知的发放状态：{code} (status must be pending, paid_in_cash, collected_by_proxy, transferred_to_bank or deferred)"),
    };

    /// <summary>Whether money left the collective for the line in cash at a table (paid in cash or collected by proxy):
    /// what a table's cash reconciliation counts.</summary>
    /// <param name="status">The status.</param>
    /// <returns>True for <see cref="PayoutStatus.PaidInCash"/> and <see cref="PayoutStatus.CollectedByProxy"/>.</returns>
    public static bool IsCash(PayoutStatus status) => status is PayoutStatus.PaidInCash or PayoutStatus.CollectedByProxy;

    /// <summary>Whether the household has received its money (cash, proxy or bank transfer).</summary>
    /// <param name="status">The status.</param>
    /// <returns>True unless pending or deferred.</returns>
    public static bool IsPaid(PayoutStatus status) => status is PayoutStatus.PaidInCash or PayoutStatus.CollectedByProxy or PayoutStatus.TransferredToBank;
}
