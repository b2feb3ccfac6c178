using Bunit;
using Junocal.Tests.Infrastructure;
using Junocal.Tests.Integrations.Zoom;
using Junocal.Web.Features.Demo;
using Junocal.Web.Integrations.Zoom;

namespace Junocal.Tests.Components;

/// <summary>The Integrations page over the real services, as the help page's troubleshooting describes it.</summary>
[Collection(SharedAppHost.Name)]
public class IntegrationsPageRendering(JunocalApp app) : JunocalBunitContext, IAsyncLifetime
{
    public async ValueTask InitializeAsync()
    {
        await app.ResetAsync();
        await ZoomFlow.ConnectOwnerAsync(app);
    }

    [Fact]
    public async Task ShowsNoBannerWhileZoomAcceptsJunocal()
    {
        await UseServicesOfAsync(app, DemoSeeder.OwnerEmail, typeof(ZoomConnectionService));

        var cut = Render<Junocal.Web.Features.Integrations.Integrations>();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=disconnect-zoom]")));
        Assert.Empty(cut.FindAll("[data-testid=reconnect-banner]"));
        Assert.Empty(cut.FindAll("[data-testid=reconnect-zoom]"));
    }

    [Fact]
    public async Task ShowsTheReconnectRequiredBannerAndAReconnectButtonOnceZoomRevokedTheGrant()
    {
        await app.Services.LoseGrantAsync(await app.Services.StudioIdAsync());
        await UseServicesOfAsync(app, DemoSeeder.OwnerEmail, typeof(ZoomConnectionService));

        var cut = Render<Junocal.Web.Features.Integrations.Integrations>();

        cut.WaitForAssertion(() => Assert.StartsWith("Reconnect required:", cut.Find("[data-testid=reconnect-banner]").TextContent.Trim(), StringComparison.Ordinal));
        Assert.Contains("Click Reconnect", cut.Find("[data-testid=reconnect-banner]").TextContent, StringComparison.Ordinal);
        Assert.Equal("Reconnect", cut.Find("[data-testid=reconnect-zoom]").TextContent.Trim());
    }
}
