using VillageCollective.Grains.Money;

namespace VillageCollective.Grains.Comparison;

/// <summary>
/// The class of a village in a year, read on its operating income (经营性收入, <see cref="VillageYearFigures.OperatingIncome"/>)
/// against its county's <see cref="ClassThresholds"/>. Counties name weak villages (薄弱村) to lift and count million-yuan
/// villages (百万元村); Mulei County, for one, reports "3 villages above 1 million yuan a year" and "16 weak villages lifted"
/// (domain.md "Real figures"). The demonstration flag (示范村) is separate: the county names those.
/// </summary>
public enum VillageClass
{
    /// <summary>薄弱村: operating income below the county's weak threshold.</summary>
    Weak,

    /// <summary>一般村: neither weak nor million-yuan.</summary>
    Ordinary,

    /// <summary>百万元村: operating income at or above the county's million threshold.</summary>
    Million,
}

/// <summary>
/// A county's thresholds of the village classes, yuan: weak is strictly below <paramref name="WeakBelow"/>
/// (exactly 100,000.00 is not weak), million-yuan is at or above <paramref name="MillionFrom"/> (exactly
/// 1,000,000.00 is). Defaults <see cref="Default"/>: 100,000.00 and 1,000,000.00.
/// </summary>
/// <exception cref="DomainException"><c>classes.weakBelow</c> (field <c>weakBelow</c>): negative;
/// <c>classes.order</c> (field <c>millionFrom</c>): the million threshold below the weak one.</exception>
public sealed record ClassThresholds(Yuan WeakBelow, Yuan MillionFrom)
{
    /// <summary>The defaults: weak below 100,000.00 yuan, million-yuan from 1,000,000.00 yuan.</summary>
    public static ClassThresholds Default { get; } = new(new Yuan(100_000m), new Yuan(1_000_000m));

    /// <summary>Below this a village is weak (薄弱村), yuan, not negative.</summary>
    public Yuan WeakBelow { get; } = WeakBelow >= Yuan.Zero
        ? WeakBelow
        : throw new DomainException("classes.weakBelow", "weakBelow", $"薄弱村标准不能为负 (the weak threshold cannot be negative): {WeakBelow}");

    /// <summary>At or above this a village is million-yuan (百万元村), yuan, not below <see cref="WeakBelow"/>.</summary>
    public Yuan MillionFrom { get; } = MillionFrom >= WeakBelow
        ? MillionFrom
        : throw new DomainException("classes.order", "millionFrom", $"百万元村标准{MillionFrom}元低于薄弱村标准{WeakBelow}元 (the million threshold is below the weak one)");

    /// <summary>The class of a village whose operating income (经营性收入) is <paramref name="operatingIncome"/> yuan.</summary>
    public VillageClass Classify(Yuan operatingIncome) =>
        operatingIncome < WeakBelow ? VillageClass.Weak : operatingIncome >= MillionFrom ? VillageClass.Million : VillageClass.Ordinary;

    /// <summary>The machine code of a class: <c>weak</c>, <c>ordinary</c>, <c>million</c>.</summary>
    public static string Code(VillageClass villageClass) => villageClass switch
    {
        VillageClass.Weak => "weak",
        VillageClass.Million => "million",
        _ => "ordinary",
    };

    /// <summary>The Chinese label of a class: 薄弱村, 一般村, 百万元村.</summary>
    public static string Label(VillageClass villageClass) => villageClass switch
    {
        VillageClass.Weak => "薄弱村",
        VillageClass.Million => "百万元村",
        _ => "一般村",
    };
}
