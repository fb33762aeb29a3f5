using VillageCollective.Grains.Household;

namespace VillageCollective.Grains.DividendDay;

/// <summary>A member of the household a payout line belongs to, as the register has them: whom the cashier may pay in cash.</summary>
/// <param name="Name">The member's name.</param>
/// <param name="Relation">Relation to the head (<see cref="Relations"/>).</param>
/// <param name="Id">The member's resident ID.</param>
public sealed record HouseholdPerson(string Name, string Relation, ResidentId Id);
