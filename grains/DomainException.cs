namespace VillageCollective.Grains;

/// <summary>
/// The one exception type for a broken domain rule: a value or a request the rules refuse
/// (style.md, "One exception type for domain errors"). The silo maps it to a problem response
/// in one place, using <see cref="Code"/> and <see cref="Field"/>.
/// </summary>
/// <remarks>
/// Broken internal invariants (bugs) are not domain errors and use
/// <see cref="InvalidOperationException"/> instead. It crosses grain calls with its code and field (Orleans' serializer).
/// </remarks>
[GenerateSerializer, Alias("vc.DomainException")]
public sealed class DomainException : Exception
{
    /// <summary>Creates a domain error.</summary>
    /// <param name="code">Machine-readable code, <c>area.rule</c>, e.g. <c>shares.too_precise</c>.</param>
    /// <param name="field">camelCase name of the field at fault, e.g. <c>shares</c>, <c>residentId</c>.</param>
    /// <param name="message">Chinese first, then English in parentheses, naming the rule,
    /// e.g. <c>股数最多保留4位小数 (shares allow at most 4 decimal places)</c>.</param>
    public DomainException(string code, string field, string message)
        : base(message)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        ArgumentException.ThrowIfNullOrWhiteSpace(field);
        Code = code;
        Field = field;
    }

    /// <summary>Machine-readable code of the broken rule, e.g. <c>plan.rateExceedsPool</c>.</summary>
    [Id(0)]
    public string Code { get; private set; }

    /// <summary>camelCase name of the field at fault, e.g. <c>perShareRate</c> or <c>membersPool</c>.</summary>
    [Id(1)]
    public string Field { get; private set; }
}
