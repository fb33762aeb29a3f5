using VillageCollective.Grains.Household;

namespace VillageCollective.Grains.DividendDay;

/// <summary>What a cashier records for a pending line; each kind leads to one <see cref="PayoutStatus"/>.</summary>
public abstract record PayoutMark
{
    private protected PayoutMark()
    {
    }

    /// <summary>The status the line has after this mark.</summary>
    public abstract PayoutStatus Status { get; }
}

/// <summary>Paid in cash (已领) to the head or an authorised adult member of the household (农村集体经济组织法 Art. 27:
/// a member may authorise an adult of the same household).</summary>
/// <param name="RecipientName">The recipient's name as on the ID card.</param>
/// <param name="Relation">The recipient's relation to the head (<see cref="Relations"/>), e.g. 户主, 配偶.</param>
/// <param name="RecipientId">The resident ID the cashier checked.</param>
public sealed record PaidInCash(string RecipientName, string Relation, ResidentId RecipientId) : PayoutMark
{
    /// <inheritdoc/>
    public override PayoutStatus Status => PayoutStatus.PaidInCash;
}

/// <summary>Collected by proxy (代领): a person outside the household collects for it.</summary>
/// <param name="ProxyName">The proxy's name.</param>
/// <param name="Relation">The proxy's relation to the household, e.g. 亲戚, 邻居.</param>
/// <param name="ProxyId">The proxy's resident ID.</param>
public sealed record CollectedByProxy(string ProxyName, string Relation, ResidentId ProxyId) : PayoutMark
{
    /// <inheritdoc/>
    public override PayoutStatus Status => PayoutStatus.CollectedByProxy;
}

/// <summary>Transferred to the household's bank card or 一卡通, in a bank batch.</summary>
/// <param name="BatchReference">The bank batch reference (批次号).</param>
public sealed record TransferredToBank(string BatchReference) : PayoutMark
{
    /// <inheritdoc/>
    public override PayoutStatus Status => PayoutStatus.TransferredToBank;
}

/// <summary>Deferred (暂缓发放), e.g. the household is away; the money stays owed.</summary>
/// <param name="Reason">Why.</param>
public sealed record Deferred(string Reason) : PayoutMark
{
    /// <inheritdoc/>
    public override PayoutStatus Status => PayoutStatus.Deferred;
}
