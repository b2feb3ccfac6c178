using Junocal.Sandbox.Users;
using Junocal.Tests.Infrastructure;
using Junocal.Web.Integrations.Zoom;

namespace Junocal.Tests.Integrations.Zoom;

/// <summary>With <c>user:read:user</c> among the configured scopes, the connect asks for it and learns the Zoom email from <c>GET /users/me</c>.</summary>
public class ZoomConnectEndpointsCallbackWithUserRead
{
    private const string Scopes = ZoomOptions.DefaultScopes + " user:read:user";

    [Fact]
    public async Task AsksForTheConfiguredScopesAndLabelsTheConnectionWithTheZoomEmail()
    {
        await using var app = JunocalApp.With(new() { Settings = new Dictionary<string, string?> { ["Zoom:Scopes"] = Scopes } });
        await app.InitializeAsync();
        var studio = await app.Services.StudioIdAsync();
        using var owner = await ZoomFlow.OpenAsync(app);

        var authorize = await ZoomFlow.StartAsync(owner);
        var code = await ZoomFlow.CallbackAsync(owner, await ZoomFlow.DecideAsync(owner, authorize, TestUsers.Owner));

        Assert.Equal(Scopes, authorize["scope"]);
        Assert.Equal("connected", code);
        Assert.Contains("user:read:user", Assert.Single(app.Services.Sandbox().Grants).Scopes);
        Assert.Equal($"Connected as {TestUsers.Owner.Email}", (await app.Services.ConnectionAsync(studio))!.Label);
        Assert.Equal($"Zoom connected as {TestUsers.Owner.Email}.", Assert.Single(await app.Services.AuditAsync(studio, "zoom.connected")).Details);
    }
}
