using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace VillageCollective.Silo.Tests;

/// <summary>One endpoint of the silo: HTTP method, route pattern (with its constraints) and the policy it requires ("anonymous", "authenticated" or a named policy).</summary>
public sealed record SiloEndpoint(string Method, string Pattern, string Policy)
{
    /// <summary>The pattern without route constraints: /api/villages/{villageId}/… as the OpenAPI document writes it.</summary>
    public string PlainPattern => System.Text.RegularExpressions.Regex.Replace(Pattern, @":[^}]*", "");

    /// <summary>Whether the method changes state (POST, PUT, PATCH, DELETE).</summary>
    public bool Writes => Method is "POST" or "PUT" or "PATCH" or "DELETE";
}

/// <summary>Every endpoint the silo maps, read from its EndpointDataSource (used by the authorization matrix and the fuzz test).</summary>
public static class SiloEndpoints
{
    public static IReadOnlyList<SiloEndpoint> List(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(method => new SiloEndpoint(method,
                "/" + e.RoutePattern.RawText!.TrimStart('/'),
                e.Metadata.GetMetadata<IAllowAnonymous>() is not null ? "anonymous"
                    : e.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).FirstOrDefault(p => p is not null) ?? "authenticated")))
            .ToList();
}
