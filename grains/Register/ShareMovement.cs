namespace VillageCollective.Grains.Register;

/// <summary>
/// One entry of the append-only share movement journal (股权变动台账). Never edited: a mistake is corrected by a
/// <see cref="MovementKind.Reversal"/> of it plus a new movement.
/// </summary>
/// <param name="No">The movement's number, unique within the village, increasing in the order entered.</param>
/// <param name="Kind">What it records.</param>
/// <param name="Info">Date, reason, document and who entered it.</param>
/// <param name="Legs">The holdings it changes (at least one).</param>
/// <param name="Reverses">For a reversal, the number of the movement it reverses; otherwise null.</param>
public sealed record ShareMovement(long No, MovementKind Kind, MovementInfo Info, IReadOnlyList<MovementLeg> Legs, long? Reverses)
{
    /// <summary>The legs as given, read-only.</summary>
    public IReadOnlyList<MovementLeg> Legs { get; } = Array.AsReadOnly((Legs ?? throw new ArgumentNullException(nameof(Legs))).ToArray());

    /// <summary>The net change of the village's total by this movement, in shares.</summary>
    public decimal NetChange => Legs.Sum(l => l.Delta);
}
