using VillageCollective.Grains.Money;
using VillageCollective.Grains.Shares;

namespace VillageCollective.Grains.Dividends;

/// <summary>
/// The dividend run (分红计算): applies a distribution plan to the share register on the record date and produces
/// the payout lines (domain.md, "Rounding and money"). Pure and exact: <see cref="decimal"/> only, no I/O.
/// </summary>
public static class DividendCalculator
{
    /// <summary>
    /// Computes the payout: each household with shares gets <c>Yuan.RoundToFen(shares × rate)</c> (四舍五入 to the fen),
    /// in register order; households without shares get no line; what is not paid is the residue, carried to
    /// <see cref="DividendRunResult.ResidueCarriedTo"/>.
    /// </summary>
    /// <remarks>
    /// With a <see cref="FixedRate"/> the assembly's rate is used as it is and must not pay more than the pool.
    /// With a <see cref="DerivedRate"/> the rate starts at pool ÷ total shares rounded down to the unit and is lowered
    /// one unit at a time while the rounded lines pay more than the pool: each line can round up by half a fen, so the
    /// sum of the lines can exceed pool even when rate × total shares does not.
    /// Baiyanghe (domain.md): 846.2 shares, pool 186,500.00, fixed 220 or derived to the yuan → rate 220.00,
    /// paid 186,164.00, residue 336.00.
    /// </remarks>
    /// <param name="plan">The approved plan: the members' pool (yuan) and the rate rule.</param>
    /// <param name="register">Each household's shares on the record date; household ids unique.</param>
    /// <returns>The rate, lines, total paid and residue, with Pool = TotalPaid + Residue to the fen.</returns>
    /// <exception cref="DomainException"><c>run.duplicateHousehold</c> (field <c>householdId</c>): a household appears twice;
    /// <c>run.noShares</c> (field <c>register</c>): the register is empty or holds no shares;
    /// <c>plan.rateExceedsPool</c> (field <c>perShareRate</c>): the fixed rate pays more than the pool (the message gives
    /// both figures); <c>plan.rateZero</c> (field <c>membersPool</c>): the pool is too small for one unit per share.</exception>
    /// <exception cref="InvalidOperationException">The result's figures do not add up (checked by
    /// <see cref="DividendRunResult"/>): a bug, never a user error.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="plan"/> or <paramref name="register"/> is null.</exception>
    public static DividendRunResult Compute(DistributionPlan plan, IReadOnlyList<HouseholdShares> register)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(register);

        var seen = new HashSet<long>();
        foreach (var row in register)
        {
            if (!seen.Add(row.HouseholdId))
            {
                throw new DomainException("run.duplicateHousehold", "householdId",
                    $"户{row.HouseholdId}在股权台账中出现两次 (household {row.HouseholdId} appears twice in the register)");
            }
        }

        var totalShares = ShareCount.Sum(register.Select(r => r.Shares));
        if (totalShares == ShareCount.Zero)
        {
            throw new DomainException("run.noShares", "register",
                "股权台账中没有股份，无法分红 (the register holds no shares, so there is nothing to pay a dividend on)");
        }

        var pool = plan.MembersPool;
        var (rate, lines) = plan.Rate switch
        {
            FixedRate fixedRate => AtFixedRate(fixedRate.PerShare, pool, register),
            DerivedRate derived => AtDerivedRate(derived.Unit, pool, totalShares, register),
            _ => throw new InvalidOperationException($"Unknown rate rule {plan.Rate.GetType().Name}."),
        };

        var paid = Yuan.Sum(lines.Select(l => l.Amount));

        // The result's constructor re-checks every line and Pool = TotalPaid + Residue (InvalidOperationException if not).
        return new DividendRunResult(rate, totalShares, pool, lines, paid, pool - paid);
    }

    private static (Yuan Rate, List<PayoutLine> Lines) AtFixedRate(Yuan rate, Yuan pool, IReadOnlyList<HouseholdShares> register)
    {
        var lines = LinesAt(rate, register);
        var paid = Yuan.Sum(lines.Select(l => l.Amount));
        if (paid > pool)
        {
            throw new DomainException("plan.rateExceedsPool", "perShareRate",
                $"按每股{rate}元共需支付{paid}元，超过成员分配额{pool}元 " +
                $"(a rate of {rate} yuan a share pays {paid} yuan, more than the members' pool of {pool} yuan)");
        }

        return (rate, lines);
    }

    private static (Yuan Rate, List<PayoutLine> Lines) AtDerivedRate(
        RoundingUnit unit, Yuan pool, ShareCount totalShares, IReadOnlyList<HouseholdShares> register)
    {
        // Each step lowers the sum by about unit × total shares while rounding adds at most half a fen a line,
        // so the loop ends after a step or two for any real register.
        for (var rate = unit.RoundDown(pool.Amount / totalShares.Value); rate > 0; rate -= unit.Step)
        {
            var lines = LinesAt(new Yuan(rate), register);
            if (Yuan.Sum(lines.Select(l => l.Amount)) <= pool)
            {
                return (new Yuan(rate), lines);
            }
        }

        throw new DomainException("plan.rateZero", "membersPool",
            $"成员分配额{pool}元按{totalShares}股计算，每股不足{unit.Step}元 " +
            $"(a members' pool of {pool} yuan over {totalShares} shares does not give {unit.Step} yuan a share)");
    }

    private static List<PayoutLine> LinesAt(Yuan rate, IReadOnlyList<HouseholdShares> register)
    {
        var lines = new List<PayoutLine>(register.Count);
        foreach (var row in register)
        {
            if (row.Shares > ShareCount.Zero)
            {
                lines.Add(new PayoutLine(row.HouseholdId, row.Shares, Yuan.RoundToFen(row.Shares.Value * rate.Amount)));
            }
        }

        return lines;
    }
}
