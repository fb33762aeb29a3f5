namespace VillageCollective.Grains;

/// <summary>Names of the grain-state providers the grains ask for; the silo registers each (ADO.NET on PostgreSQL).</summary>
public static class GrainStores
{
    /// <summary>What belongs to a grain rather than to the books (e.g. a register snapshot at a journal version).</summary>
    public const string State = "village-state";
}
