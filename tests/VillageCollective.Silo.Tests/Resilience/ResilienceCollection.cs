namespace VillageCollective.Silo.Tests.Resilience;

/// <summary>The crash and multi-process tests take turns: each starts silo processes and loads the machine, and their moments are defined by progress.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ResilienceCollection
{
    public const string Name = "resilience";
}
