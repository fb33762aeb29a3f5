namespace VillageCollective.Silo.Storage;

/// <summary>
/// Who is acting and from which address, for the audit trail: set once per request by <see cref="UseAuditContext"/>,
/// read by <see cref="VillageLock"/>, which hands it to PostgreSQL (<c>vc.actor</c>, <c>vc.address</c>) for the
/// audit triggers of the transaction it opens. It also rides in Orleans' request context, which goes with a grain call
/// to whichever silo runs the grain (an async-local value does not), so storage called by a grain audits the caller.
/// </summary>
public static class AuditContext
{
    private const string ActorKey = "vc.actor";
    private const string AddressKey = "vc.address";
    private static readonly AsyncLocal<(string Actor, string Address)?> CurrentValue = new();

    /// <summary>The current request's actor (login name, or <c>anonymous</c>) and client address; <c>system</c> outside a request.</summary>
    public static (string Actor, string Address) Current =>
        CurrentValue.Value ?? (Orleans.Runtime.RequestContext.Get(ActorKey) is string actor
            ? (actor, Orleans.Runtime.RequestContext.Get(AddressKey) as string ?? "")
            : ("system", ""));

    private static void Set((string Actor, string Address)? value)
    {
        CurrentValue.Value = value;
        if (value is { } v)
        {
            Orleans.Runtime.RequestContext.Set(ActorKey, v.Actor);
            Orleans.Runtime.RequestContext.Set(AddressKey, v.Address);
        }
        else
        {
            Orleans.Runtime.RequestContext.Remove(ActorKey);
            Orleans.Runtime.RequestContext.Remove(AddressKey);
        }
    }

    /// <summary>
    /// Sets the actor for work outside a request (e.g. the dividend batch command) until the returned scope is disposed,
    /// so its transactions are audited under that name rather than <c>system</c>.
    /// </summary>
    public static IDisposable Use(string actor, string address)
    {
        var previous = CurrentValue.Value;
        Set((actor, address));
        return new Scope(() => Set(previous));
    }

    private sealed class Scope(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }

    public static WebApplication UseAuditContext(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            Set((context.User.Identity?.IsAuthenticated == true ? context.User.Identity.Name ?? "unknown" : "anonymous",
                context.Connection.RemoteIpAddress?.ToString() ?? ""));
            await next(context);
        });
        return app;
    }
}
