using VillageCollective.Grains.Books;
using VillageCollective.Grains.Dividends;
using VillageCollective.Grains.Money;

namespace VillageCollective.Grains.Comparison;

/// <summary>What the dividend run of a year paid: its per-share rate, its total, and what was marked paid on the meeting date (yuan).</summary>
/// <param name="PerShareRate">每股分红 of the run, yuan a share.</param>
/// <param name="TotalPaid">Σ payout lines of the run, yuan.</param>
/// <param name="PaidOnDividendDay">Σ lines marked paid in cash, collected by proxy or transferred to bank on the meeting date, yuan.</param>
public sealed record RunPaid(Yuan PerShareRate, Yuan TotalPaid, Yuan PaidOnDividendDay);

/// <summary>
/// One village's figures of one year, as the township's and county's comparison shows them (issue 7). Every amount comes
/// from the village's own statement (<see cref="IncomeStatement"/>), its approved plan applied to it
/// (<see cref="DistributionOutcome"/>), its dividend run and the register as of the plan's record date; nothing is
/// re-derived another way.
/// </summary>
/// <remarks>
/// <b>Operating income</b> (经营性收入) = 经营收入 + 发包及上交收入 + 投资收益: the collective's income from running,
/// contracting out and investing its assets, without subsidies (补助收入) and other income (其他收入). This is the income the
/// rural collective economy statistics (农村集体经济统计, 农业农村部《农村政策与改革统计年报》) count as 经营收益's income side,
/// and the measure weak villages (薄弱村, "集体经营性收入低于…万元") are named by.
/// </remarks>
public sealed record VillageYearFigures
{
    /// <summary>The fiscal year.</summary>
    public required int Year { get; init; }

    /// <summary>Households holding shares as of the record date (户数).</summary>
    public required int Households { get; init; }

    /// <summary>Members as of the record date (成员).</summary>
    public required int Members { get; init; }

    /// <summary>Total shares as of the record date (总股数).</summary>
    public required decimal Shares { get; init; }

    /// <summary>True when the year has books (an entry or an entered opening); a year without books has no class.</summary>
    public required bool HasBooks { get; init; }

    /// <summary>经营性收入: 经营收入 + 发包及上交收入 + 投资收益, yuan (see remarks).</summary>
    public required Yuan OperatingIncome { get; init; }

    /// <summary>总收入: Σ income categories, yuan.</summary>
    public required Yuan TotalIncome { get; init; }

    /// <summary>本年收益: income − costs, yuan.</summary>
    public required Yuan NetIncome { get; init; }

    /// <summary>可分配收益, yuan.</summary>
    public required Yuan Distributable { get; init; }

    /// <summary>提取公积公益金 of the approved plan, yuan; null without an approved plan.</summary>
    public required Yuan? Reserve { get; init; }

    /// <summary>成员分配 (the members' pool) of the approved plan, yuan; null without an approved plan.</summary>
    public required Yuan? MembersPool { get; init; }

    /// <summary>每股分红: the run's rate, else the approved plan's fixed rate, yuan a share; null when neither is known.</summary>
    public required Yuan? PerShareDividend { get; init; }

    /// <summary>人均分红: the run's total ÷ members, rounded to the fen (四舍五入); null without a run or members.</summary>
    public required Yuan? PerMemberDividend { get; init; }

    /// <summary>已发放合计: Σ the run's payout lines, yuan; null without a run.</summary>
    public required Yuan? TotalPaid { get; init; }

    /// <summary>分红大会当日发放: lines marked paid, by proxy or to bank on the meeting date, yuan; null without a run.</summary>
    public required Yuan? PaidOnDividendDay { get; init; }

    /// <summary>当日发放占比: <see cref="PaidOnDividendDay"/> ÷ <see cref="TotalPaid"/> in percent, 2 decimals; null when nothing was due.</summary>
    public required decimal? PaidOnDividendDayPercent { get; init; }

    /// <summary>联营收益: 投资收益 (joint ventures' settlements are booked there), yuan.</summary>
    public required Yuan JointVentureIncome { get; init; }

    /// <summary>联营收益占总收入: <see cref="JointVentureIncome"/> ÷ <see cref="TotalIncome"/> in percent, 2 decimals; null when no income.</summary>
    public required decimal? JointVenturePercent { get; init; }

    /// <summary>经营性收入增长: on the year before in percent, 2 decimals; null when the year before had none (or no books).</summary>
    public required decimal? OperatingIncomeGrowthPercent { get; init; }

    /// <summary>The year before's 经营性收入, yuan; null when it had no books (a group's growth is of its villages' sums).</summary>
    public required Yuan? PreviousOperatingIncome { get; init; }

    /// <summary>The income making up 经营性收入 in a statement: 经营收入 + 发包及上交收入 + 投资收益, yuan.</summary>
    public static Yuan OperatingIncomeOf(IncomeStatement statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        return statement.ByCategory[EntryCategory.OperatingIncome] + statement.ByCategory[EntryCategory.ContractingIncome]
            + statement.ByCategory[EntryCategory.InvestmentIncome];
    }

    /// <summary>A percentage part ÷ whole × 100, rounded to 2 decimals (四舍五入); null when the whole is not positive.</summary>
    public static decimal? Percent(decimal part, decimal whole)
    {
        if (whole <= 0m)
        {
            return null;
        }
        var percent = Math.Round(part * 100m / whole, 2, Yuan.Rounding);
        return percent == 0m ? 0m : percent; // a tiny fall rounds to 0.00, never "-0.00"
    }

    /// <summary>
    /// The figures of one village's year.
    /// </summary>
    /// <param name="statement">The year's statement (收益及收益分配表, upper half).</param>
    /// <param name="hasBooks">Whether the year has books at all.</param>
    /// <param name="outcome">The approved plan applied to the statement; null without one.</param>
    /// <param name="fixedRate">The approved plan's fixed per-share rate, if it fixes one (yuan a share).</param>
    /// <param name="run">What the year's dividend run paid; null before a run.</param>
    /// <param name="households">Households holding shares as of the record date.</param>
    /// <param name="members">Members as of the record date.</param>
    /// <param name="shares">Total shares as of the record date.</param>
    /// <param name="previousOperatingIncome">The year before's operating income; null when it had no books.</param>
    public static VillageYearFigures Compute(IncomeStatement statement, bool hasBooks, DistributionOutcome? outcome, Yuan? fixedRate, RunPaid? run,
        int households, int members, decimal shares, Yuan? previousOperatingIncome)
    {
        ArgumentNullException.ThrowIfNull(statement);
        var operating = OperatingIncomeOf(statement);
        var jointVenture = statement.ByCategory[EntryCategory.InvestmentIncome];
        return new VillageYearFigures
        {
            Year = statement.Year,
            Households = households,
            Members = members,
            Shares = shares,
            HasBooks = hasBooks,
            OperatingIncome = operating,
            TotalIncome = statement.TotalIncome,
            NetIncome = statement.NetIncome,
            Distributable = statement.Distributable,
            Reserve = outcome?.Reserve,
            MembersPool = outcome?.MembersPool,
            PerShareDividend = run?.PerShareRate ?? fixedRate,
            PerMemberDividend = run is not null && members > 0 ? Yuan.RoundToFen(run.TotalPaid.Amount / members) : null,
            TotalPaid = run?.TotalPaid,
            PaidOnDividendDay = run?.PaidOnDividendDay,
            PaidOnDividendDayPercent = run is null ? null : Percent(run.PaidOnDividendDay.Amount, run.TotalPaid.Amount),
            JointVentureIncome = jointVenture,
            JointVenturePercent = Percent(jointVenture.Amount, statement.TotalIncome.Amount),
            OperatingIncomeGrowthPercent = previousOperatingIncome is { } before && before > Yuan.Zero
                ? Percent(operating.Amount - before.Amount, before.Amount)
                : null,
            PreviousOperatingIncome = previousOperatingIncome,
        };
    }
}
