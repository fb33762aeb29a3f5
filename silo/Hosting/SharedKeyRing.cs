using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;

namespace VillageCollective.Silo.Hosting;

/// <summary>
/// Several silo processes (design.md §2) must accept each other's session cookies and CSRF tokens, which ASP.NET Core's data
/// protection encrypts with its key ring. By default each machine keeps its keys in its own home folder, so a request that
/// the reverse proxy sends to another silo would look logged out. Here the key ring lives in PostgreSQL
/// (<c>data_protection_keys</c>, migration 0012), which every silo shares already. The keys are protected by the database's
/// access control, like the data they guard.
/// </summary>
public static class SharedKeyRing
{
    public static IServiceCollection AddSharedKeyRing(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName("VillageCollective");
        services.AddOptions<KeyManagementOptions>().Configure<NpgsqlDataSource>((options, dataSource) => options.XmlRepository = new PostgresXmlRepository(dataSource));
        return services;
    }

    /// <summary>The key ring's XML elements as rows of <c>data_protection_keys</c>.</summary>
    public sealed class PostgresXmlRepository(NpgsqlDataSource dataSource) : IXmlRepository
    {
        // The interface is synchronous; it is called when the key ring is (re)loaded, about once a day, not per request.
        public IReadOnlyCollection<XElement> GetAllElements()
        {
            using var command = dataSource.CreateCommand("SELECT xml FROM data_protection_keys ORDER BY id");
            using var reader = command.ExecuteReader();
            var elements = new List<XElement>();
            while (reader.Read()) elements.Add(XElement.Parse(reader.GetString(0)));
            return elements;
        }

        public void StoreElement(XElement element, string friendlyName)
        {
            using var command = dataSource.CreateCommand("INSERT INTO data_protection_keys (friendly_name, xml) VALUES ($1, $2)");
            command.Parameters.Add(new() { Value = friendlyName });
            command.Parameters.Add(new() { Value = element.ToString(SaveOptions.DisableFormatting) });
            command.ExecuteNonQuery();
        }
    }
}
