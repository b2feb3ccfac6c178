using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Junocal.Web.Integrations;

/// <summary>
/// Turns a path into an absolute URL on this app's own listening address. Used when the Zoom sandbox is served
/// inside the app: its port is only known once the server runs.
/// </summary>
public sealed class SelfOrigin(IServer server)
{
    public Uri Resolve(Uri url)
    {
        if (url.IsAbsoluteUri)
        {
            return url;
        }

        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses
            .FirstOrDefault(a => a.StartsWith("http://", StringComparison.Ordinal))
            ?? server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The server is not listening yet, so a relative Zoom URL cannot be resolved.");
        foreach (var wildcard in new[] { "://0.0.0.0", "://[::]", "://+", "://*" })
        {
            address = address.Replace(wildcard, "://127.0.0.1", StringComparison.Ordinal);
        }

        return new Uri(new Uri(address), url);
    }
}
