using System.Net;
using Junocal.Tests.Infrastructure;

namespace Junocal.Tests.Operations;

public class SandboxMounting(JunocalApp app) : AppTest(app)
{
    [Fact]
    public async Task ServesTheZoomSandboxDashboardWhenEnabled()
    {
        using var client = App.CreateBrowserlikeClient();

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
}
