using System.Net.Http.Json;

namespace VillageCollective.Silo.Tests;

/// <summary>
/// Does for a test client what the web client does: every request that changes state carries a fresh CSRF token
/// from <c>GET /api/auth/csrf</c> of the same session (fetched each time, so logins in between never leave a stale one).
/// </summary>
public sealed class CsrfHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var unsafeMethod = request.Method != HttpMethod.Get && request.Method != HttpMethod.Head;
        if (unsafeMethod && !request.Headers.Contains("X-CSRF-Token") && request.RequestUri?.AbsolutePath != "/api/auth/login")
        {
            using var tokenRequest = new HttpRequestMessage(HttpMethod.Get, new Uri(request.RequestUri!, "/api/auth/csrf"));
            using var tokenResponse = await base.SendAsync(tokenRequest, cancellationToken);
            tokenResponse.EnsureSuccessStatusCode();
            var token = await tokenResponse.Content.ReadFromJsonAsync<Token>(cancellationToken);
            request.Headers.Add("X-CSRF-Token", token!.Value);
        }
        return await base.SendAsync(request, cancellationToken);
    }

    private sealed record Token(string Value)
    {
        [System.Text.Json.Serialization.JsonPropertyName("token")]
        public string Value { get; init; } = Value;
    }
}
