using System.Net;
using System.Net.Sockets;

namespace VillageCollective.Silo.Hosting;

/// <summary>A TCP port on 127.0.0.1 that nothing listens on now (a silo not told its port; tests; benchmarks).</summary>
public static class LoopbackPort
{
    /// <summary>Asks the kernel for a free port and releases it; the caller binds it soon after.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
