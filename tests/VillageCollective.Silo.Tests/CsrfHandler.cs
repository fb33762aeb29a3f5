using System.Net.Http.Json;

namespace VillageCollective.Silo.Tests;

/// <summary>
/// Does for a test client what the web client does: every request that changes state carries the session's CSRF token
/// from <c>GET /api/auth/csrf</c>, fetched once (parallel requests share it) and again after a login, logout or
/// password change, when the session's identity changes.
/// </summary>
public sealed class CsrfHandler : DelegatingHandler
{
    private readonly SemaphoreSlim _fetching = new(1, 1);
    private string? _token;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri?.AbsolutePath ?? "";
        var unsafeMethod = request.Method != HttpMethod.Get && request.Method != HttpMethod.Head;
        if (unsafeMethod && !request.Headers.Contains("X-CSRF-Token") && path != "/api/auth/login")
        {
            request.Headers.Add("X-CSRF-Token", await TokenAsync(request.RequestUri!, cancellationToken));
        }
        var response = await base.SendAsync(request, cancellationToken);
        if (path is "/api/auth/login" or "/api/auth/logout" or "/api/auth/password")
        {
            _token = null;
        }
        return response;
    }

    private async Task<string> TokenAsync(Uri requestUri, CancellationToken cancellationToken)
    {
        await _fetching.WaitAsync(cancellationToken);
        try
        {
            if (_token is null)
            {
                using var tokenRequest = new HttpRequestMessage(HttpMethod.Get, new Uri(requestUri, "/api/auth/csrf"));
                using var tokenResponse = await base.SendAsync(tokenRequest, cancellationToken);
                tokenResponse.EnsureSuccessStatusCode();
                _token = (await tokenResponse.Content.ReadFromJsonAsync<Token>(cancellationToken))!.Value;
            }
            return _token;
        }
        finally
        {
            _fetching.Release();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _fetching.Dispose();
        base.Dispose(disposing);
    }

    private sealed record Token(string Value)
    {
        [System.Text.Json.Serialization.JsonPropertyName("token")]
        public string Value { get; init; } = Value;
    }
}
