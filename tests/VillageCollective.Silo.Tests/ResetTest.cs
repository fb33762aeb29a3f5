namespace VillageCollective.Silo.Tests;

/// <summary>
/// A test class over a shared silo fixture that starts every test from the demo data again: before each test the
/// database is emptied and the Baiyanghe village loaded (<see cref="SiloFixture.ResetAsync"/>).
/// </summary>
public abstract class ResetTest<TFixture>(TFixture fixture) : IAsyncLifetime where TFixture : SiloFixture
{
    /// <summary>The shared silo.</summary>
    protected TFixture Silo { get; } = fixture;

    /// <summary>The demo village's id in this test's data.</summary>
    protected long Village { get; private set; }

    public virtual async Task InitializeAsync() => Village = await Silo.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;
}
