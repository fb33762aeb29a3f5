namespace VillageCollective.Grains.Register;

/// <summary>
/// What a share movement (股权变动) records. Only <see cref="Allocation"/>, <see cref="Enrolment"/> and
/// <see cref="Cancellation"/> (and the reversal of one of them) change the village's total; every other kind
/// moves shares between households and balances to zero in each share class.
/// </summary>
public enum MovementKind
{
    /// <summary>Initial allocation at the shareholding reform (折股量化): shares added to households.</summary>
    Allocation,

    /// <summary>Shares allotted to a member who joined later (新增成员配股, dynamic management): shares added.</summary>
    Enrolment,

    /// <summary>Transfer inside the organisation (社内股权转让), to a member household only: balances.</summary>
    Transfer,

    /// <summary>Inheritance (继承) by an heir's member household: balances.</summary>
    Inheritance,

    /// <summary>Household split (分户): shares divided between the old and the new household; balances.</summary>
    Split,

    /// <summary>Household merge (合户): all of one household's shares go to another, which it joins; balances.</summary>
    Merge,

    /// <summary>Cancellation on exit (退出注销), where the charter allows it: shares removed.</summary>
    Cancellation,

    /// <summary>The reversal of an earlier movement (冲销), the first half of a correction: its legs negated.</summary>
    Reversal,
}

/// <summary>The codes and Chinese names of <see cref="MovementKind"/>, as stored and shown.</summary>
public static class MovementKinds
{
    /// <summary>The stored code of a kind, e.g. <c>transfer</c>.</summary>
    /// <param name="kind">A movement kind.</param>
    public static string Code(MovementKind kind) => kind switch
    {
        MovementKind.Allocation => "allocation",
        MovementKind.Enrolment => "enrolment",
        MovementKind.Transfer => "transfer",
        MovementKind.Inheritance => "inheritance",
        MovementKind.Split => "split",
        MovementKind.Merge => "merge",
        MovementKind.Cancellation => "cancellation",
        MovementKind.Reversal => "reversal",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>The Chinese label of a kind, e.g. 转让.</summary>
    /// <param name="kind">A movement kind.</param>
    public static string Label(MovementKind kind) => kind switch
    {
        MovementKind.Allocation => "折股量化",
        MovementKind.Enrolment => "新增配股",
        MovementKind.Transfer => "转让",
        MovementKind.Inheritance => "继承",
        MovementKind.Split => "分户",
        MovementKind.Merge => "合户",
        MovementKind.Cancellation => "退出注销",
        MovementKind.Reversal => "冲销",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>The kind with a stored code.</summary>
    /// <param name="code">A code from <see cref="Code"/>.</param>
    /// <exception cref="DomainException"><c>movement.kind</c> (field <c>kind</c>): an unknown code.</exception>
    public static MovementKind Parse(string code) =>
        Enum.GetValues<MovementKind>().FirstOrDefault(k => Code(k) == code, (MovementKind)(-1)) is var kind && kind >= 0
            ? kind
            : throw new DomainException("movement.kind", "kind", $"未知的变动类型 (unknown movement kind): {code}");

    /// <summary>Whether movements of this kind change the village's total (allocation, enrolment, cancellation).</summary>
    /// <param name="kind">A movement kind other than <see cref="MovementKind.Reversal"/>.</param>
    public static bool ChangesTotal(MovementKind kind) =>
        kind is MovementKind.Allocation or MovementKind.Enrolment or MovementKind.Cancellation;
}
