namespace VillageCollective.Grains.Village;

/// <summary>
/// The village grain (key: the village's id, <c>villages.id</c>): the one writer of its village's register, charter,
/// books, plans and dividend runs (design.md §2). Declared in parts, one file per area (<c>IVillageGrain.Register.cs</c>,
/// <c>IVillageGrain.Books.cs</c>, …); every method takes and returns serializable records and throws
/// <see cref="DomainException"/> for a broken rule or the silo's problem exception for a refusal (not found, conflict).
/// </summary>
[Alias("vc.IVillageGrain")]
public partial interface IVillageGrain : IGrainWithIntegerKey;
