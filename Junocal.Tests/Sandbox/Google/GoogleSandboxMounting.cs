using System.Net;
using Junocal.Sandbox.Google.Users;
using Junocal.Tests.Infrastructure;
using Junocal.Web.Integrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Junocal.Tests.Sandbox.Google;

/// <summary>The Google sandbox served inside the app at <see cref="SandboxModule.GoogleBasePath"/>, and when it is.</summary>
public class GoogleSandboxMounting(JunocalApp app) : AppTest(app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "Junocal.Web";

        public string ContentRootPath { get; set; } = "";

        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = null!;
    }

    private static bool Enabled(string environment, params (string Key, string Value)[] settings) =>
        SandboxModule.IsGoogleEnabled(
            new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build(),
            new Environment(environment));

    [Fact]
    public void IsOnInDevelopmentWithoutGoogleCredentialsAndOtherwiseOnlyWhenAskedFor()
    {
        Assert.True(Enabled("Development"));
        Assert.True(Enabled("Development", ("Zoom:ClientId", "real-zoom")));
        Assert.False(Enabled("Development", ("Google:ClientId", "real.apps.googleusercontent.com")));
        Assert.False(Enabled("Development", ("Sandbox:Enabled", "false")));
        Assert.False(Enabled("Production"));
        Assert.True(Enabled("Production", ("Sandbox:Enabled", "true")));
        Assert.Equal("/sandbox/google", SandboxModule.GoogleBasePath);
    }

    [Fact]
    public async Task ServesTheConsentPageAndAcceptsTheAppsOwnCallback()
    {
        using var client = App.CreateBrowserlikeClient();
        var callback = App.BaseUrl.TrimEnd('/') + "/integrations/google/callback";

        var response = await client.GetAsync(
            $"/sandbox/google/accounts/o/oauth2/v2/auth?client_id=sandbox-google-client-id&response_type=code&scope=openid&redirect_uri={Uri.EscapeDataString(callback)}", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(GoogleTestUsers.Owner.Email, await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/sandbox/google/")]
    [InlineData("/sandbox/google/faults")]
    [InlineData("/sandbox/google/events")]
    public async Task AsksForTheOwnersSignInBeforeTheOperatorPagesOutsideDevelopment(string path)
    {
        using var anonymous = App.CreateBrowserlikeClient();
        using var client = await SignIn.AsAsync(App, Junocal.Web.Features.Demo.DemoSeeder.ClientEmail);
        using var owner = await SignIn.AsAsync(App, Junocal.Web.Features.Demo.DemoSeeder.OwnerEmail);

        var refused = await anonymous.GetAsync(path, Ct);
        var notAnOwner = await client.GetAsync(path, Ct);
        var allowed = await owner.GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Equal("/Account/Login", refused.Headers.Location!.AbsolutePath);
        Assert.NotEqual(HttpStatusCode.OK, notAnOwner.StatusCode);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task KeepsGooglesOwnEndpointsOnTheirOwnCredentials()
    {
        using var anonymous = App.CreateBrowserlikeClient();

        var token = await anonymous.PostAsync("/sandbox/google/oauth2/token", new FormUrlEncodedContent([]), Ct);
        var calendar = await anonymous.GetAsync("/sandbox/google/calendar/v3/calendars/primary", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, token.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, calendar.StatusCode);
    }

    [Fact]
    public async Task ResetsBetweenTests()
    {
        App.Google.Knobs.DropNotifications = true;
        App.Google.Faults.Script(Junocal.Sandbox.Google.Faults.GoogleEndpoint.Token, Junocal.Sandbox.Google.Faults.GoogleFaultKind.ServerError);

        await App.ResetAsync();

        Assert.False(App.Google.Knobs.DropNotifications);
        Assert.Empty(App.Google.Faults.Pending);
    }

    [Fact]
    public async Task LeavesTheGoogleSandboxOutOfProductionUnlessAskedFor()
    {
        await using var production = JunocalApp.With(new()
        {
            Environment = "Production",
            Settings = new Dictionary<string, string?> { ["Sandbox:Enabled"] = null, ["Email:UsePickupDirectory"] = "true" },
        });
        await production.InitializeAsync();
        using var client = production.CreateBrowserlikeClient();

        var response = await client.GetAsync("/sandbox/google/accounts/o/oauth2/v2/auth?response_type=code&client_id=sandbox-google-client-id", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task TheStandaloneSandboxServesGoogleBesideZoom()
    {
        await using var process = AppProcess.StartProgram("Junocal.Sandbox.dll", new Dictionary<string, string> { ["ASPNETCORE_URLS"] = "http://127.0.0.1:0" });
        var line = await process.WaitForLineAsync("Google sandbox serving at ");
        var root = new Uri(line[line.IndexOf("http", StringComparison.Ordinal)..].Trim());
        using var client = new HttpClient();

        var dashboard = await client.GetStringAsync(root, Ct);

        Assert.EndsWith("/sandbox/google/", root.AbsolutePath, StringComparison.Ordinal);
        Assert.Contains("<h1>Google sandbox</h1>", dashboard, StringComparison.Ordinal);
    }
}
