namespace VillageCollective.Grains.Dividends;

/// <summary>
/// The unit a derived per-share rate is rounded down to: per-share rates are decided to the fen or rounder
/// (220 yuan, 383.15 yuan), and what rounding leaves over stays in 未分配收益 (domain.md, "Rounding and money").
/// Only the four instances below exist.
/// </summary>
public sealed record RoundingUnit
{
    private RoundingUnit(decimal step, string code)
    {
        Step = step;
        Code = code;
    }

    /// <summary>To the fen (分): step 0.01 yuan, code <c>fen</c>.</summary>
    public static RoundingUnit Fen { get; } = new(0.01m, "fen");

    /// <summary>To the jiao (角): step 0.1 yuan, code <c>jiao</c>.</summary>
    public static RoundingUnit Jiao { get; } = new(0.1m, "jiao");

    /// <summary>To the whole yuan (元): step 1 yuan, code <c>yuan</c>.</summary>
    public static RoundingUnit Yuan { get; } = new(1m, "yuan");

    /// <summary>To ten yuan (拾元): step 10 yuan, code <c>ten_yuan</c>.</summary>
    public static RoundingUnit TenYuan { get; } = new(10m, "ten_yuan");

    /// <summary>All units, finest first.</summary>
    public static IReadOnlyList<RoundingUnit> All { get; } = [Fen, Jiao, Yuan, TenYuan];

    /// <summary>The step in yuan: 0.01, 0.1, 1 or 10.</summary>
    public decimal Step { get; }

    /// <summary>The stable machine code: <c>fen</c>, <c>jiao</c>, <c>yuan</c> or <c>ten_yuan</c>.</summary>
    public string Code { get; }

    /// <summary>The unit with the given code (case-insensitive, white space trimmed).</summary>
    /// <param name="code"><c>fen</c>, <c>jiao</c>, <c>yuan</c> or <c>ten_yuan</c>.</param>
    /// <exception cref="DomainException"><c>plan.roundingUnit</c> (field <c>roundingUnit</c>): an unknown code.</exception>
    public static RoundingUnit Parse(string? code)
    {
        var trimmed = code?.Trim();
        return All.FirstOrDefault(u => string.Equals(u.Code, trimmed, StringComparison.OrdinalIgnoreCase))
            ?? throw new DomainException("plan.roundingUnit", "roundingUnit",
                $"未知的取整单位“{code}”，应为fen、jiao、yuan或ten_yuan (unknown rounding unit '{code}'; expected fen, jiao, yuan or ten_yuan)");
    }

    /// <summary>Rounds down to a multiple of <see cref="Step"/>, toward zero: 225.37 → 225.3 for <see cref="Jiao"/>,
    /// 220 for <see cref="TenYuan"/>.</summary>
    /// <param name="value">An amount in yuan.</param>
    public decimal RoundDown(decimal value) => decimal.Truncate(value / Step) * Step;

    /// <summary>The code, e.g. <c>yuan</c>.</summary>
    public override string ToString() => Code;
}
