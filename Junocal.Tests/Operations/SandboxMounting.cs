using System.Net;
using Junocal.Tests.Infrastructure;
using Junocal.Tests.Security.Transport;
using Junocal.Web.Features.Demo;

namespace Junocal.Tests.Operations;

public class SandboxMounting(JunocalApp app) : AppTest(app)
{
    [Fact]
    public async Task ServesTheZoomSandboxDashboardWhenEnabled()
    {
        using var client = await SignIn.AsAsync(App, DemoSeeder.OwnerEmail);

        var response = await client.GetAsync("/sandbox/zoom/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("zoom.owner@juno-pilates.test", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LeavesTheSandboxOutOfProductionUnlessAskedFor()
    {
        await using var production = JunocalApp.With(new()
        {
            Environment = "Production",
            Settings = new Dictionary<string, string?> { ["Sandbox:Enabled"] = null, ["Email:UsePickupDirectory"] = "true" },
        });
        await production.InitializeAsync();
        using var client = production.CreateBrowserlikeClient();

        var response = await client.GetAsync("/sandbox/zoom/oauth/authorize?response_type=code&client_id=sandbox-client-id");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("/sandbox/zoom/")]
    [InlineData("/sandbox/zoom/faults")]
    public async Task AsksForTheOwnersSignInBeforeTheSandboxDashboardInProduction(string path)
    {
        await using var production = SandboxInProduction();
        await production.InitializeAsync();
        using var anonymous = production.CreateProxiedClient();
        using var client = production.CreateProxiedClient();
        await SignIn.PostLoginAsync(client, DemoSeeder.ClientEmail, SignIn.Password);

        var refused = await anonymous.GetAsync(path, TestContext.Current.CancellationToken);
        var notAnOwner = await client.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Equal("/Account/Login", refused.Headers.Location!.AbsolutePath);
        Assert.NotEqual(HttpStatusCode.OK, notAnOwner.StatusCode);
        using var owner = production.CreateProxiedClient();
        await SignIn.PostLoginAsync(owner, DemoSeeder.OwnerEmail, SignIn.Password);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync(path, TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task KeepsZoomsOwnSandboxEndpointsOnTheirOwnCredentialsInProduction()
    {
        await using var production = SandboxInProduction();
        await production.InitializeAsync();
        using var anonymous = production.CreateProxiedClient();

        var consent = await anonymous.GetAsync("/sandbox/zoom/oauth/authorize?response_type=code&client_id=sandbox-client-id", TestContext.Current.CancellationToken);
        var token = await anonymous.PostAsync("/sandbox/zoom/oauth/token", new FormUrlEncodedContent([]), TestContext.Current.CancellationToken);

        Assert.NotEqual(HttpStatusCode.Redirect, consent.StatusCode);
        Assert.InRange((int)token.StatusCode, 400, 499); // refused on its client credentials, not sent to the sign-in page
    }

    private static JunocalApp SandboxInProduction() =>
        JunocalApp.With(BehindProxy.Production(("Sandbox:Enabled", "true"), ("Sandbox:AllowInProduction", "true")));
}
