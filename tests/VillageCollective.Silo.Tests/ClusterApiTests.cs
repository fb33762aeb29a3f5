using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace VillageCollective.Silo.Tests;

[Collection(SiloCollection.Name)]
public sealed class ClusterApiTests(SiloFixture silo) : ResetTest<SiloFixture>(silo)
{
    [Fact]
    public async Task The_county_administrator_sees_the_one_active_silo_that_answered_and_an_accountant_is_refused()
    {
        var admin = await SiloFixture.LoginAsync(Silo, 3);
        var cluster = await admin.GetFromJsonAsync<JsonElement>("/api/cluster");

        var silos = cluster.GetProperty("silos").EnumerateArray().ToList();
        var active = Assert.Single(silos, s => s.GetProperty("status").GetString() == "Active");
        Assert.Equal(cluster.GetProperty("thisSilo").GetString(), active.GetProperty("address").GetString());
        Assert.StartsWith("127.0.0.1:", active.GetProperty("address").GetString(), StringComparison.Ordinal);

        var accountant = await Silo.AccountantAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await accountant.GetAsync("/api/cluster")).StatusCode);
    }
}
