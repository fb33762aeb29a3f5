using System.Globalization;
using VillageCollective.Grains.Dividends;
using VillageCollective.Grains.Money;
using VillageCollective.Grains.Shares;

namespace VillageCollective.Grains.Partnerships;

/// <summary>
/// Settles a partnership's year (年度结算). Pure and exact: decimal yuan, rounded to the fen (四舍五入) where stated.
/// </summary>
/// <remarks>
/// <para>Rent or guarantee: a yearly amount is first prorated to the days the term covers in the year
/// (round(amount × term days ÷ days in year, fen)); a percentage guarantee is round(% × Σ village contribution × days ÷
/// days in year, fen). The total is then split among the villages in proportion to contribution × days (time-weighted,
/// the days stated) by <see cref="PooledSplit"/> (largest remainder), so the parts add up to the total exactly.</para>
/// <para>Profit share: round(net profit × profit share %, fen), nothing on a loss, is paid per share to all
/// shareholders (villages and the enterprise) by <see cref="DividendCalculator"/> with a rate derived to the fen: each
/// party's dividend shares are its shares × days ÷ days in year (cut to four decimals); each gets round(shares × rate, fen);
/// the residue stays with the partnership. That is the village dividend's rule, reused.</para>
/// <para>What a village is owed: rent; guarantee + profit share; or the greater of the two (取其高), per village.</para>
/// </remarks>
public static class SettlementCalculator
{
    /// <summary>Settles <paramref name="year"/>.</summary>
    /// <param name="contract">The contract.</param>
    /// <param name="year">A calendar year that the term touches.</param>
    /// <param name="revenue">Reported revenue, yuan, not negative.</param>
    /// <param name="netProfit">Reported net profit, yuan (negative for a loss).</param>
    /// <param name="villageName">The village's name for the statement (default: <c>村#id</c>).</param>
    /// <exception cref="DomainException"><c>settlement.outsideTerm</c> (field <c>year</c>): no village's contribution counts in
    /// the year; <c>settlement.revenue</c> (field <c>revenue</c>): negative revenue.</exception>
    public static YearSettlement Settle(PartnershipContract contract, int year, Yuan revenue, Yuan netProfit, Func<long, string>? villageName = null)
    {
        ArgumentNullException.ThrowIfNull(contract);
        villageName ??= id => $"村#{id}";
        if (year is < DistributionPlan.MinYear or > DistributionPlan.MaxYear)
        {
            throw new DomainException("settlement.outsideTerm", "year", $"结算年度无效 (no such settlement year): {year}");
        }

        if (revenue < Yuan.Zero)
        {
            throw new DomainException("settlement.revenue", "revenue", $"营业收入不能为负 (revenue cannot be negative): {revenue}");
        }

        var daysInYear = DateTime.IsLeapYear(year) ? 366 : 365;
        var parties = contract.Parties;
        var days = parties.Select(p => contract.DaysIn(p, year)).ToArray();
        var villageIndexes = Enumerable.Range(0, parties.Count).Where(i => !parties[i].IsEnterprise).ToList();
        if (villageIndexes.All(i => days[i] == 0))
        {
            throw new DomainException("settlement.outsideTerm", "year",
                $"{year}年不在合同期{contract.TermStart:yyyy-MM-dd}至{contract.TermEnd:yyyy-MM-dd}内 (the year is outside the contract's term)");
        }

        var statement = new List<string>();
        var terms = contract.Terms;
        statement.Add($"条款：{terms.Describe()}；{year}年共{daysInYear}天");
        var (guaranteeTotal, guaranteeFormula) = GuaranteeTotal(contract, year, daysInYear, days, villageIndexes);
        statement.Add(guaranteeFormula);

        var weights = villageIndexes.Select(i => new PooledSplit.Weight(i, parties[i].Contribution.Value.Amount * days[i])).ToList();
        var guarantees = PooledSplit.Split(guaranteeTotal, weights).ToDictionary(p => (int)p.Key, p => p.Amount);
        if (villageIndexes.Count > 1)
        {
            statement.Add("按出资额×天数比例分配，尾差按最大余额法 (largest remainder)：" + string.Join("；",
                villageIndexes.Select(i => $"{villageName(parties[i].VillageId!.Value)} {parties[i].Contribution.Value}元×{days[i]}天 → {guarantees[i]}元")));
        }

        var shares = parties.Select(p => p.SharesAt(contract.ValuePerShare)).ToArray();
        var dividendShares = parties.Select((p, i) => PartnershipParty.CutToShares(shares[i].Value * days[i] / daysInYear)).ToArray();
        var distributed = terms.Mode == IncomeMode.FixedRent || netProfit <= Yuan.Zero
            ? Yuan.Zero
            : Yuan.RoundToFen(netProfit.Amount * terms.ProfitSharePercent / 100m);
        var (rate, profit, residue) = ProfitShares(year, distributed, dividendShares);
        if (terms.Mode != IncomeMode.FixedRent)
        {
            statement.Add($"可分配盈余 = 净利润{netProfit}元 × {IncomeTerms.Percent(terms.ProfitSharePercent)} = {distributed}元" +
                (netProfit <= Yuan.Zero ? "（亏损或无盈余，不分红）" : ""));
            statement.Add($"每股分红 = {distributed}元 ÷ {ShareCount.Sum(dividendShares)}股（按天数折算）向下取到分 = {rate}元/股；" +
                $"每方 = 股数 × 每股分红，四舍五入到分；尾差{residue}元留存项目");
        }

        var lines = new List<SettlementLine>(parties.Count);
        for (var i = 0; i < parties.Count; i++)
        {
            var g = parties[i].IsEnterprise ? Yuan.Zero : guarantees[i];
            var p = profit[i];
            var (owed, formula) = parties[i].IsEnterprise
                ? (Yuan.Zero, $"企业按{dividendShares[i]}股分得{p}元（自留）")
                : Owed(terms.Mode, g, p, dividendShares[i], rate);
            lines.Add(new SettlementLine(parties[i].VillageId, days[i], shares[i], dividendShares[i], g, p, owed, formula));
        }

        var result = new YearSettlement(year, revenue, netProfit, daysInYear, guaranteeTotal, distributed, rate, residue, lines, statement);
        statement.Add($"应付各村合计 {result.TotalOwed}元");
        return result;
    }

    private static (Yuan Total, string Formula) GuaranteeTotal(PartnershipContract contract, int year, int daysInYear, int[] days, List<int> villages)
    {
        var terms = contract.Terms;
        if (terms.GuaranteePercent is { } percent)
        {
            var yuanDays = villages.Sum(i => contract.Parties[i].Contribution.Value.Amount * days[i]);
            var total = Yuan.RoundToFen(yuanDays * percent / 100m / daysInYear);
            return (total, $"保底收益 = {IncomeTerms.Percent(percent)} × Σ(村出资额×天数) {yuanDays.ToString("N2", CultureInfo.InvariantCulture)}元·天 ÷ {daysInYear}天 = {total}元");
        }

        var annual = terms.FixedRent ?? terms.GuaranteeAmount ?? Yuan.Zero;
        var termDays = contract.TermDaysIn(year);
        var prorated = Yuan.RoundToFen(annual.Amount * termDays / daysInYear);
        var label = terms.Mode == IncomeMode.FixedRent ? "固定租金" : "保底收益";
        return (prorated, termDays == daysInYear
            ? $"{label} = {annual}元/年（全年）"
            : $"{label} = {annual}元/年 × 合同期内{termDays}天 ÷ {daysInYear}天 = {prorated}元");
    }

    private static (Yuan Rate, Yuan[] Profit, Yuan Residue) ProfitShares(int year, Yuan distributed, ShareCount[] dividendShares)
    {
        var profit = dividendShares.Select(_ => Yuan.Zero).ToArray();
        if (distributed == Yuan.Zero || dividendShares.All(s => s == ShareCount.Zero))
        {
            return (Yuan.Zero, profit, distributed);
        }

        var yearEnd = new DateOnly(year, 12, 31);
        var plan = new DistributionPlan(year, 1, distributed, new DerivedRate(RoundingUnit.Fen), yearEnd, yearEnd);
        try
        {
            var run = DividendCalculator.Compute(plan, dividendShares.Select((s, i) => new HouseholdShares(i, s)).ToList());
            foreach (var line in run.Lines)
            {
                profit[line.HouseholdId] = line.Amount;
            }

            return (run.PerShareRate, profit, run.Residue);
        }
        catch (DomainException e) when (e.Code == "plan.rateZero")
        {
            // Less than a fen a share: nothing can be paid, all of it stays with the partnership.
            return (Yuan.Zero, profit, distributed);
        }
    }

    private static (Yuan Owed, string Formula) Owed(IncomeMode mode, Yuan guarantee, Yuan profit, ShareCount shares, Yuan rate)
    {
        var profitText = $"盈余分红 {shares}股 × {rate}元 = {profit}元";
        return mode switch
        {
            IncomeMode.FixedRent => (guarantee, $"租金 {guarantee}元"),
            IncomeMode.GuaranteePlusProfitShare => (guarantee + profit, $"保底 {guarantee}元 + {profitText} = {guarantee + profit}元"),
            _ => (guarantee >= profit ? guarantee : profit,
                $"max(保底 {guarantee}元, {profitText}) = {(guarantee >= profit ? guarantee : profit)}元"),
        };
    }
}
