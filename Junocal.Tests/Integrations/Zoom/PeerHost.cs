using System.Net;
using Junocal.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Junocal.Tests.Integrations.Zoom;

/// <summary>
/// A second instance of the app on the first one's database, as behind a load balancer: no reset, no seed, and
/// Zoom is the first host's sandbox (one Zoom for both, as in production).
/// </summary>
public sealed class PeerHost : WebApplicationFactory<Program>
{
    private readonly JunocalApp _first;

    public PeerHost(JunocalApp first)
    {
        _first = first;
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var zoom = _first.BaseUrl.TrimEnd('/') + "/sandbox/zoom";
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", _first.Database.Provider);
        builder.UseSetting("ConnectionStrings:Junocal", _first.Database.ConnectionString);
        builder.UseSetting("Demo:Seed", "false");
        builder.UseSetting("Jobs:Enabled", "false");
        builder.UseSetting("Sandbox:Enabled", "false");
        builder.UseSetting("Security:TokenKeys:test", JunocalApp.TestTokenKey);
        builder.UseSetting("Security:ActiveTokenKey", "test");
        builder.UseSetting("Zoom:ClientId", "sandbox-client-id");
        builder.UseSetting("Zoom:ClientSecret", "sandbox-client-secret");
        builder.UseSetting("Zoom:WebhookSecretToken", JunocalApp.SandboxWebhookSecret);
        builder.UseSetting("Zoom:RedirectUri", "https://studio.example.test" + Junocal.Web.Integrations.Zoom.ZoomConnectionService.CallbackPath);
        builder.UseSetting("Https:Required", "false");
        builder.UseSetting("Zoom:AuthorizeUrl", zoom + "/oauth/authorize");
        builder.UseSetting("Zoom:TokenUrl", zoom + "/oauth/token");
        builder.UseSetting("Zoom:RevokeUrl", zoom + "/oauth/revoke");
        builder.UseSetting("Zoom:ApiBaseUrl", zoom + "/v2/");
    }

    public static PeerHost Start(JunocalApp first)
    {
        var peer = new PeerHost(first);
        peer.StartServer();
        return peer;
    }
}
