using VillageCollective.Grains.Money;

namespace VillageCollective.Grains.Partnerships;

/// <summary>A year's standing (not superseded) settlement: its id and what it made each village owed, yuan.</summary>
public sealed record StandingSettlement(long Id, int Year, IReadOnlyDictionary<long, Yuan> Owed);

/// <summary>A payment received for a village's year, yuan.</summary>
public sealed record PaymentReceived(long VillageId, int Year, Yuan Amount);

/// <summary>
/// What the partnership grain keeps of its partnership: the contract (with its share register), the county, the
/// enterprise's and villages' names, the standing settlements and the payments received, at a version of the partnership
/// row. The rules of settling a year again and of a payment live here; the arithmetic in
/// <see cref="SettlementCalculator"/>.
/// </summary>
/// <remarks>Not thread-safe: one grain, one command at a time.</remarks>
public sealed class PartnershipLedger
{
    private readonly Dictionary<int, StandingSettlement> _standing;
    private readonly Dictionary<(long VillageId, int Year), Yuan> _paid = [];
    private readonly IReadOnlyDictionary<long, string> _villageNames;

    /// <summary>Creates the ledger as loaded.</summary>
    /// <param name="id">The partnership's id.</param>
    /// <param name="countyId">The county that keeps it.</param>
    /// <param name="enterpriseName">The enterprise's name (the counterparty of the villages' entries).</param>
    /// <param name="contract">The contract.</param>
    /// <param name="villageNames">Each party village's name, for the statement.</param>
    /// <param name="standing">The standing settlement of each settled year.</param>
    /// <param name="payments">Payments received.</param>
    /// <param name="version">The partnership row's version when read.</param>
    public PartnershipLedger(long id, long countyId, string enterpriseName, PartnershipContract contract,
        IReadOnlyDictionary<long, string> villageNames, IEnumerable<StandingSettlement> standing, IEnumerable<PaymentReceived> payments, long version)
    {
        ArgumentNullException.ThrowIfNull(payments);
        Id = id;
        CountyId = countyId;
        EnterpriseName = enterpriseName;
        Contract = contract ?? throw new ArgumentNullException(nameof(contract));
        _villageNames = villageNames;
        _standing = standing.ToDictionary(s => s.Year);
        foreach (var payment in payments) AddPaid(payment.VillageId, payment.Year, payment.Amount);
        Version = version;
    }

    /// <summary>The partnership's id.</summary>
    public long Id { get; }

    /// <summary>The county that keeps the partnership.</summary>
    public long CountyId { get; }

    /// <summary>The enterprise's name.</summary>
    public string EnterpriseName { get; }

    /// <summary>The contract.</summary>
    public PartnershipContract Contract { get; }

    /// <summary>The partnership row's version this ledger reflects.</summary>
    public long Version { get; private set; }

    /// <summary>The party villages' ids.</summary>
    public IReadOnlyList<long> VillageIds => Contract.Villages.Select(v => v.VillageId!.Value).ToList();

    /// <summary>The standing settlement of <paramref name="year"/>, or null.</summary>
    public StandingSettlement? StandingIn(int year) => _standing.GetValueOrDefault(year);

    /// <summary>A village's name in this partnership.</summary>
    public string VillageName(long villageId) => _villageNames.GetValueOrDefault(villageId) ?? $"村#{villageId}";

    /// <summary>Settles <paramref name="year"/> on the reported figures, yuan (<see cref="SettlementCalculator.Settle"/>).</summary>
    public YearSettlement Settle(int year, Yuan revenue, Yuan netProfit) =>
        SettlementCalculator.Settle(Contract, year, revenue, netProfit, VillageName);

    /// <summary>Yuan received for a village's year.</summary>
    public Yuan Paid(long villageId, int year) => _paid.GetValueOrDefault((villageId, year));

    /// <summary>Checks a payment: a party village, a positive amount (yuan), a settled year, at most what is still owed
    /// (overpayment is refused, not kept as a credit).</summary>
    /// <exception cref="DomainException"><c>payment.notParty</c> (field <c>villageId</c>); <c>payment.notPositive</c>
    /// (field <c>amount</c>); <c>payment.notSettled</c> (field <c>year</c>); <c>payment.exceedsOwed</c>
    /// (field <c>amount</c>).</exception>
    public void CheckPayment(long villageId, int year, Yuan amount)
    {
        if (!Contract.Villages.Any(v => v.VillageId == villageId))
        {
            throw new DomainException("payment.notParty", "villageId",
                "该村不是本项目的合作方 (the village is not a party to this partnership)");
        }
        if (amount <= Yuan.Zero)
        {
            throw new DomainException("payment.notPositive", "amount",
                $"收款金额必须大于零 (the amount must be positive): {amount}");
        }
        if (StandingIn(year)?.Owed.GetValueOrDefault(villageId) is not { } owed)
        {
            throw new DomainException("payment.notSettled", "year", $"{year}年尚未结算 (the year is not settled yet)");
        }
        var paid = Paid(villageId, year);
        var left = owed - paid;
        if (amount > left)
        {
            throw new DomainException("payment.exceedsOwed", "amount",
                $"收款{amount}元超过尚欠的{left}元（应收{owed}元，已收{paid}元） " +
                $"(the payment is more than the {left} yuan still owed)");
        }
    }

    /// <summary>Takes in a settlement the storage committed (it supersedes the year's standing one).</summary>
    public void Settled(long settlementId, YearSettlement settlement, long version)
    {
        ArgumentNullException.ThrowIfNull(settlement);
        _standing[settlement.Year] = new StandingSettlement(settlementId, settlement.Year,
            settlement.Lines.Where(l => l.VillageId is not null).ToDictionary(l => l.VillageId!.Value, l => l.Owed));
        Version = version;
    }

    /// <summary>Takes in a payment the storage committed.</summary>
    public void PaymentRecorded(long villageId, int year, Yuan amount, long version)
    {
        AddPaid(villageId, year, amount);
        Version = version;
    }

    private void AddPaid(long villageId, int year, Yuan amount) =>
        _paid[(villageId, year)] = Paid(villageId, year) + amount;
}
