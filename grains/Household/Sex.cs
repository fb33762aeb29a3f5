namespace VillageCollective.Grains.Household;

/// <summary>A member's sex, as the resident ID records it (GB 11643-1999: an odd sequence number is male).</summary>
public enum Sex
{
    /// <summary>Male (男).</summary>
    Male,

    /// <summary>Female (女).</summary>
    Female,
}
