namespace VillageCollective.Grains.Village;

/// <summary>
/// The village grain's class, in parts like its interface (<c>VillageGrain.Register.cs</c>, <c>VillageGrain.Books.cs</c>, …).
/// Each part keeps what it caches in its own fields, loads it once per activation through its storage interface
/// (implemented by the silo, resolved from <see cref="Grain.ServiceProvider"/>), and commits each command in one transaction
/// guarded by an optimistic version check: when another writer changed the village meanwhile, the part drops its cache,
/// reloads and tries again, never overwrites (design.md §2).
/// </summary>
public sealed partial class VillageGrain : Grain, IVillageGrain
{
    /// <summary>The village's id (<c>villages.id</c>).</summary>
    private long VillageId => this.GetPrimaryKeyLong();
}
