using Orleans.Runtime;

namespace VillageCollective.Silo.Tests.Grains;

[Collection(GrainClusterCollection.Name)]
public sealed class TestClusterTests(GrainClusterFixture cluster)
{
    [Fact]
    public async Task The_test_cluster_has_two_active_silos_over_the_projects_postgresql()
    {
        var hosts = await cluster.Grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
        Assert.Equal(2, hosts.Count);
        Assert.All(hosts.Values, status => Assert.Equal(SiloStatus.Active, status));
    }
}
