using VillageCollective.Grains.Books;
using VillageCollective.Grains.Money;

namespace VillageCollective.Grains.Dividends;

/// <summary>
/// The lower half of the statement 收益及收益分配表 as a plan proposes it: 提取公积公益金 (reserve), 提取应付福利费
/// (welfare fund), 外来投资分利 (to outside investors), 成员分配 (the members' pool) and 其他 (other); what is left is
/// 年末未分配收益, carried forward. All amounts are yuan, not negative.
/// </summary>
/// <exception cref="DomainException"><c>plan.negative</c> with the field of a negative amount.</exception>
public sealed record IncomeDistribution(ReserveRule Reserve, Yuan WelfareFund, Yuan OutsideInvestors, Yuan MembersPool, Yuan Other)
{
    /// <summary>The reserve rule.</summary>
    public ReserveRule Reserve { get; } = Reserve ?? throw new ArgumentNullException(nameof(Reserve));

    /// <summary>提取应付福利费, yuan.</summary>
    public Yuan WelfareFund { get; } = NotNegative(WelfareFund, "welfareFund");

    /// <summary>外来投资分利, yuan.</summary>
    public Yuan OutsideInvestors { get; } = NotNegative(OutsideInvestors, "outsideInvestors");

    /// <summary>成员分配: the members' pool, yuan.</summary>
    public Yuan MembersPool { get; } = NotNegative(MembersPool, "membersPool");

    /// <summary>其他, yuan.</summary>
    public Yuan Other { get; } = NotNegative(Other, "otherDistribution");

    /// <summary>
    /// Applies the plan to a year's statement, refusing what the rules forbid (domain.md "Accounting";
    /// 农村集体经济组织法 Art. 42): a reserve below the charter's minimum percentage of the distributable income;
    /// any distribution when there is nothing to distribute or, for members and outside investors, when the
    /// year made a loss (no dividend out of a loss); distributing more than the distributable income.
    /// </summary>
    /// <param name="statement">The year's income statement.</param>
    /// <param name="charterMinimumReservePercent">The charter's minimum reserve, percent of distributable income (0–100).</param>
    /// <exception cref="DomainException"><c>plan.reserveBelowCharter</c> (field <c>reserve</c>);
    /// <c>plan.distributionFromLoss</c> (field <c>membersPool</c>); <c>plan.exceedsDistributable</c> (field <c>membersPool</c>).</exception>
    public DistributionOutcome ApplyTo(IncomeStatement statement, decimal charterMinimumReservePercent)
    {
        ArgumentNullException.ThrowIfNull(statement);
        var distributable = statement.Distributable;
        var reserve = Reserve.AmountFor(distributable);
        var minimum = new ReservePercent(charterMinimumReservePercent).AmountFor(distributable);
        if (reserve < minimum)
        {
            throw new DomainException("plan.reserveBelowCharter", "reserve",
                $"公积公益金{reserve}元低于章程规定的最低比例{charterMinimumReservePercent}%（{minimum}元） (the reserve is below the charter's minimum of {charterMinimumReservePercent}%)");
        }
        var toPeople = MembersPool + OutsideInvestors;
        var total = reserve + WelfareFund + OutsideInvestors + MembersPool + Other;
        if ((total > Yuan.Zero && distributable <= Yuan.Zero) || (toPeople > Yuan.Zero && statement.NetIncome < Yuan.Zero))
        {
            throw new DomainException("plan.distributionFromLoss", "membersPool",
                $"本年收益{statement.NetIncome}元、可分配收益{distributable}元，不得用亏损分红 (no distribution out of a loss: net income {statement.NetIncome}, distributable {distributable})");
        }
        if (total > Yuan.Zero && total > distributable)
        {
            throw new DomainException("plan.exceedsDistributable", "membersPool",
                $"分配合计{total}元超过可分配收益{distributable}元 (the plan distributes {total}, more than the distributable income {distributable})");
        }
        return Outcome(statement);
    }

    /// <summary>
    /// The plan's lines against a statement without the checks of <see cref="ApplyTo"/>: for reading an approved plan
    /// against books that have changed since (the statement then shows what the plan took and what is left).
    /// </summary>
    public DistributionOutcome Outcome(IncomeStatement statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        var reserve = Reserve.AmountFor(statement.Distributable);
        var total = reserve + WelfareFund + OutsideInvestors + MembersPool + Other;
        return new DistributionOutcome(statement.Distributable, reserve, WelfareFund, OutsideInvestors, MembersPool, Other, total, statement.Distributable - total);
    }

    private static Yuan NotNegative(Yuan amount, string field) =>
        amount >= Yuan.Zero ? amount : throw new DomainException("plan.negative", field, $"分配金额不能为负 (a distribution cannot be negative): {field} = {amount}");
}

/// <summary>
/// The plan applied to the statement, yuan: what each line takes, their total, and 年末未分配收益 before the dividend
/// run's residue (the part of the members' pool not paid) is added back.
/// </summary>
public sealed record DistributionOutcome(Yuan Distributable, Yuan Reserve, Yuan WelfareFund, Yuan OutsideInvestors, Yuan MembersPool,
    Yuan Other, Yuan TotalDistributed, Yuan ClosingBeforeResidue)
{
    /// <summary>年末未分配收益 once the run's residue is known: closing before residue + residue.</summary>
    public Yuan ClosingUndistributed(Yuan runResidue) => ClosingBeforeResidue + runResidue;

    /// <summary>
    /// 年末未分配收益 when, as the charter may say, payouts still unclaimed when the dividend meeting closed return to
    /// undistributed income: closing before residue + residue + unclaimed (yuan).
    /// </summary>
    public Yuan ClosingUndistributed(Yuan runResidue, Yuan unclaimedReturned) => ClosingBeforeResidue + runResidue + unclaimedReturned;
}
