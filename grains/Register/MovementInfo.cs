namespace VillageCollective.Grains.Register;

/// <summary>What every share movement carries besides its legs (the journal's who, when and why).</summary>
/// <param name="EffectiveOn">The date from which the movement counts (China time); the register as of a date includes it from this day.</param>
/// <param name="Reason">Why (变动原因), e.g. 父亲去世由子继承; required.</param>
/// <param name="DocumentRef">The document it rests on (依据文件), e.g. a resolution or contract number; may be empty.</param>
/// <param name="EnteredBy">The login that entered it.</param>
/// <exception cref="DomainException"><c>movement.reason</c> (field <c>reason</c>): the reason is blank.</exception>
public sealed record MovementInfo(DateOnly EffectiveOn, string Reason, string DocumentRef, string EnteredBy)
{
    /// <summary>Why, trimmed; never blank.</summary>
    public string Reason { get; } = string.IsNullOrWhiteSpace(Reason)
        ? throw new DomainException("movement.reason", "reason", "变动原因不能为空 (a movement needs a reason)")
        : Reason.Trim();

    /// <summary>The document reference, trimmed; may be empty.</summary>
    public string DocumentRef { get; } = (DocumentRef ?? "").Trim();

    /// <summary>The login that entered it.</summary>
    public string EnteredBy { get; } = EnteredBy ?? "";
}
