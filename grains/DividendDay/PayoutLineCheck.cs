using VillageCollective.Grains.Household;

namespace VillageCollective.Grains.DividendDay;

/// <summary>
/// One line of the payout checklist as a state machine: a pending line is marked once (paid in cash, collected by
/// proxy, transferred to bank or deferred); a marked line goes back to pending only by an undo with a reason, which
/// the silo stores as a reversing event, never as an edit. The meeting grain keeps the line's status, calls this, and
/// commits the event this allowed.
/// </summary>
public sealed class PayoutLineCheck
{
    /// <summary>The age from which a person may receive or collect money for a household (成年, 18 years).</summary>
    public const int AdultAge = 18;

    /// <summary>The longest free text (names, relations, reasons, batch references) accepted.</summary>
    public const int MaxTextLength = 200;

    /// <summary>The code of the refusal to mark a line that is not pending; the meeting grain answers it as a conflict
    /// naming who marked the line, at which table and when.</summary>
    public const string AlreadyMarked = "payout.alreadyMarked";

    /// <summary>Creates the check of a line in its current status.</summary>
    /// <param name="status">The line's status, as derived from its events.</param>
    public PayoutLineCheck(PayoutStatus status) => Status = status;

    /// <summary>The line's status.</summary>
    public PayoutStatus Status { get; private set; }

    /// <summary>Marks a pending line.</summary>
    /// <param name="mark">What happened at the table.</param>
    /// <param name="household">The members of the line's household, from the register (for a cash payment).</param>
    /// <param name="meetingDate">The meeting date (China time), against which ages are counted.</param>
    /// <returns>The new status, <see cref="PayoutMark.Status"/>.</returns>
    /// <exception cref="DomainException">
    /// <see cref="AlreadyMarked"/> (field <c>lineNo</c>): the line is already marked (checked first);
    /// <c>payout.textRequired</c> / <c>payout.textTooLong</c> (fields <c>recipientName</c>, <c>relation</c>, <c>batchReference</c>, <c>reason</c>): a blank or over-long text;
    /// <c>payout.recipientNotInHousehold</c> (field <c>recipientId</c>): cash paid to someone whose ID is not a member's;
    /// <c>payout.recipientNameMismatch</c> (field <c>recipientName</c>): the name is not the register's for that ID;
    /// <c>payout.recipientRelationMismatch</c> (field <c>relation</c>): the relation is not the register's for that ID;
    /// <c>payout.recipientMinor</c> (field <c>recipientId</c>): the recipient or proxy is under <see cref="AdultAge"/> on the meeting date;
    /// <c>payout.proxyIsMember</c> (field <c>recipientId</c>): a proxy who is a member of the household (record a cash payment instead).
    /// </exception>
    public PayoutStatus Mark(PayoutMark mark, IReadOnlyCollection<HouseholdPerson> household, DateOnly meetingDate)
    {
        ArgumentNullException.ThrowIfNull(mark);
        ArgumentNullException.ThrowIfNull(household);
        if (Status != PayoutStatus.Pending)
        {
            throw new DomainException(AlreadyMarked, "lineNo",
                $"该户已标记为{PayoutStatuses.Code(Status)}，请先撤销 (the line is already marked {PayoutStatuses.Code(Status)}; undo it first)");
        }

        switch (mark)
        {
            case PaidInCash cash:
                RequireText(cash.RecipientName, "recipientName");
                RequireText(cash.Relation, "relation");
                var member = household.FirstOrDefault(p => p.Id.Value == cash.RecipientId.Value)
                    ?? throw new DomainException("payout.recipientNotInHousehold", "recipientId",
                        "领款人不是本户成员，本户以外的人请按代领登记 (cash goes to a member of the household; record anyone else as a proxy)");
                if (member.Name != cash.RecipientName.Trim())
                {
                    throw new DomainException("payout.recipientNameMismatch", "recipientName",
                        "领款人姓名与户籍登记不符 (the recipient's name is not the register's name for that ID)");
                }
                if (member.Relation != cash.Relation.Trim())
                {
                    throw new DomainException("payout.recipientRelationMismatch", "relation",
                        $"领款人与户主关系应为{member.Relation} (the register gives this member's relation as {member.Relation})");
                }
                RequireAdult(cash.RecipientId, meetingDate);
                break;
            case CollectedByProxy proxy:
                RequireText(proxy.ProxyName, "recipientName");
                RequireText(proxy.Relation, "relation");
                if (household.Any(p => p.Id.Value == proxy.ProxyId.Value))
                {
                    throw new DomainException("payout.proxyIsMember", "recipientId",
                        "代领人是本户成员，请按本户领取登记 (the proxy is a member of the household; record a cash payment)");
                }
                RequireAdult(proxy.ProxyId, meetingDate);
                break;
            case TransferredToBank bank:
                RequireText(bank.BatchReference, "batchReference");
                break;
            case Deferred deferred:
                RequireText(deferred.Reason, "reason");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(mark));
        }

        Status = mark.Status;
        return Status;
    }

    /// <summary>Undoes the line's mark: the line is pending again. The silo stores this as a reversing event.</summary>
    /// <param name="reason">Why (e.g. 点错户, 款项退回).</param>
    /// <returns><see cref="PayoutStatus.Pending"/>.</returns>
    /// <exception cref="DomainException"><c>payout.notMarked</c> (field <c>lineNo</c>): the line is pending, nothing to undo;
    /// <c>payout.textRequired</c> / <c>payout.textTooLong</c> (field <c>reason</c>).</exception>
    public PayoutStatus Undo(string? reason)
    {
        if (Status == PayoutStatus.Pending)
        {
            throw new DomainException("payout.notMarked", "lineNo", "该户尚未标记，无可撤销 (the line is pending; there is nothing to undo)");
        }
        RequireText(reason, "reason");
        Status = PayoutStatus.Pending;
        return Status;
    }

    /// <summary>Checks a required free text: not blank, at most <see cref="MaxTextLength"/> characters.</summary>
    /// <param name="text">The text.</param>
    /// <param name="field">The field to name in the error.</param>
    /// <exception cref="DomainException"><c>payout.textRequired</c> or <c>payout.textTooLong</c>, with <paramref name="field"/>.</exception>
    public static void RequireText(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new DomainException("payout.textRequired", field, $"{field}不能为空 ({field} is required)");
        }
        if (text.Trim().Length > MaxTextLength)
        {
            throw new DomainException("payout.textTooLong", field, $"{field}最长{MaxTextLength}个字符 ({field} is at most {MaxTextLength} characters)");
        }
    }

    private static void RequireAdult(ResidentId id, DateOnly meetingDate)
    {
        if (id.BirthDate.AddYears(AdultAge) > meetingDate)
        {
            throw new DomainException("payout.recipientMinor", "recipientId",
                $"领款人未满{AdultAge}周岁 (the recipient must be an adult, {AdultAge} or older, on the meeting date)");
        }
    }
}
