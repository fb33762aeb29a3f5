namespace VillageCollective.Silo.Tests.Resilience;

/// <summary>
/// Issue 14: the Orleans tables and queries are our own migration (the packages ship no SQL), so two silo processes started
/// at the same moment on an empty database must both migrate it (one waits for the other's advisory lock), join one
/// cluster through the membership table and serve.
/// </summary>
[Collection(ResilienceCollection.Name)]
public sealed class EmptyDatabaseStartTests
{
    [Fact]
    public async Task Two_silos_started_together_on_an_empty_database_migrate_it_once_and_form_one_cluster()
    {
        var database = await TestDatabase.CreateAsync("emptystart");
        var homes = new[] { Directory.CreateTempSubdirectory("vc-home-a"), Directory.CreateTempSubdirectory("vc-home-b") };
        try
        {
            var starting = homes.Select(home => SiloProcess.StartServerAsync(database, home.FullName)).ToList();
            await using var first = await starting[0];
            await using var second = await starting[1];

            Assert.Equal(2, await CrashDatabase.ScalarAsync<long>(database, "SELECT count(*) FROM orleans_membership WHERE status = 3"));
            Assert.Equal(1, await CrashDatabase.ScalarAsync<long>(database, "SELECT count(*) FROM orleans_membership_version"));
            var migrations = await CrashDatabase.ScalarAsync<long>(database, "SELECT count(*) FROM schema_migrations");
            Assert.Equal(migrations, await CrashDatabase.ScalarAsync<long>(database, "SELECT count(DISTINCT version) FROM schema_migrations"));
            Assert.True(migrations >= 15, $"{migrations} migrations recorded");
            // Both serve.
            foreach (var silo in new[] { first, second })
            {
                using var health = await new HttpClient().GetAsync($"{silo.Url}/health");
                Assert.True(health.IsSuccessStatusCode, $"{silo.Url}/health: {(int)health.StatusCode}");
            }
        }
        finally
        {
            foreach (var home in homes) home.Delete(recursive: true);
        }
    }
}
