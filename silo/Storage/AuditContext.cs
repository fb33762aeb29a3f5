namespace VillageCollective.Silo.Storage;

/// <summary>
/// Who is acting and from which address, for the audit trail: set once per request by <see cref="UseAuditContext"/>,
/// read by <see cref="VillageLock"/>, which hands it to PostgreSQL (<c>vc.actor</c>, <c>vc.address</c>) for the
/// audit triggers of the transaction it opens.
/// </summary>
public static class AuditContext
{
    private static readonly AsyncLocal<(string Actor, string Address)?> CurrentValue = new();

    /// <summary>The current request's actor (login name, or <c>anonymous</c>) and client address; <c>system</c> outside a request.</summary>
    public static (string Actor, string Address) Current => CurrentValue.Value ?? ("system", "");

    /// <summary>
    /// Sets the actor for work outside a request (e.g. the dividend batch command) until the returned scope is disposed,
    /// so its transactions are audited under that name rather than <c>system</c>.
    /// </summary>
    public static IDisposable Use(string actor, string address)
    {
        var previous = CurrentValue.Value;
        CurrentValue.Value = (actor, address);
        return new Scope(() => CurrentValue.Value = previous);
    }

    private sealed class Scope(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }

    public static WebApplication UseAuditContext(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            CurrentValue.Value = (context.User.Identity?.IsAuthenticated == true ? context.User.Identity.Name ?? "unknown" : "anonymous",
                context.Connection.RemoteIpAddress?.ToString() ?? "");
            await next(context);
        });
        return app;
    }
}
