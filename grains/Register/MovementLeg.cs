namespace VillageCollective.Grains.Register;

/// <summary>One line of a share movement: a household's holding of one share class changes by <paramref name="Delta"/>.</summary>
/// <param name="Household">The household number (户号).</param>
/// <param name="ShareClass">The share class's code in the charter, e.g. <c>basic</c>.</param>
/// <param name="Delta">Shares added (positive) or removed (negative), a multiple of the charter's precision.</param>
public sealed record MovementLeg(int Household, string ShareClass, decimal Delta);
