using System.Net;
using System.Text.RegularExpressions;
using Junocal.Sandbox.Users;
using Junocal.Tests.Infrastructure;
using Junocal.Web.Features.Demo;
using Junocal.Web.Integrations.Zoom;
using Microsoft.Extensions.DependencyInjection;

namespace Junocal.Tests.Integrations.Zoom;

/// <summary>Only the owner connects, completes, sees or disconnects Zoom; every other role and anonymous visitors are refused.</summary>
public partial class ZoomConnectionAuthorization(JunocalApp app) : ZoomAppTest(app)
{
    public static TheoryData<string> NotOwners => [DemoSeeder.FrontDeskEmail, DemoSeeder.InstructorEmail, DemoSeeder.ClientEmail];

    [Theory]
    [MemberData(nameof(NotOwners))]
    public async Task RefusesConnectStartToOtherRoles(string email)
    {
        var studio = await Services.StudioIdAsync();
        using var client = await SignIn.AsAsync(App, email);
        var token = await AntiforgeryTokenAsync(client);

        using var response = await client.PostAsync(ZoomConnectEndpoints.ConnectPath,
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }), Ct);

        AssertAccessDenied(response);
        Assert.Equal(ZoomRows.None, await Services.ZoomRowsAsync(studio));
    }

    [Fact]
    public async Task LetsTheOwnerStartWithATokenObtainedTheSameWay()
    {
        using var client = await SignIn.AsAsync(App, DemoSeeder.OwnerEmail);
        var token = await AntiforgeryTokenAsync(client);

        using var response = await client.PostAsync(ZoomConnectEndpoints.ConnectPath,
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }), Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/sandbox/zoom/oauth/authorize", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(NotOwners))]
    public async Task RefusesTheCallbackToOtherRolesWithoutUsingUpTheOwnersState(string email)
    {
        var studio = await Services.StudioIdAsync();
        using var owner = await ZoomFlow.OpenAsync(App);
        var callback = await ZoomFlow.DecideAsync(owner, await ZoomFlow.StartAsync(owner), TestUsers.Owner);
        using var client = await SignIn.AsAsync(App, email);

        using var response = await client.GetAsync(callback, Ct);

        AssertAccessDenied(response);
        Assert.Null(await Services.ConnectionAsync(studio));
        Assert.Equal("connected", await ZoomFlow.CallbackAsync(owner, callback));
    }

    [Theory]
    [MemberData(nameof(NotOwners))]
    public async Task RefusesTheIntegrationsPageToOtherRoles(string email)
    {
        using var client = await SignIn.AsAsync(App, email);

        using var response = await client.GetAsync(ZoomConnectEndpoints.IntegrationsPage, Ct);

        AssertAccessDenied(response);
    }

    [Theory]
    [MemberData(nameof(NotOwners))]
    public async Task RefusesEveryServiceMethodToOtherRolesAndKeepsTheConnection(string email)
    {
        await ZoomFlow.ConnectOwnerAsync(App);
        var studio = await Services.StudioIdAsync();
        await using var scope = await App.ScopeSignedInAsAsync(email);
        var zoom = scope.ServiceProvider.GetRequiredService<ZoomConnectionService>();

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => zoom.GetCardAsync(Ct));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => zoom.StartAsync(new Uri(App.BaseUrl), Ct));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => zoom.CompleteAsync("code", "state", null, Ct));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => zoom.DisconnectAsync(Ct));

        Assert.Equal(new ZoomRows(1, 1, 0), await Services.ZoomRowsAsync(studio));
        Assert.True(Assert.Single(Services.Sandbox().Grants).IsActive);
    }

    [Fact]
    public async Task SendsAnonymousVisitorsToSignIn()
    {
        using var client = App.CreateBrowserlikeClient();

        using var connect = await client.PostAsync(ZoomConnectEndpoints.ConnectPath, new FormUrlEncodedContent([]), Ct);
        using var callback = await client.GetAsync(ZoomConnectionService.CallbackPath + "?code=x&state=y", Ct);
        using var page = await client.GetAsync(ZoomConnectEndpoints.IntegrationsPage, Ct);

        Assert.All(new[] { connect, callback, page }, response =>
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/Account/Login", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        });
    }

    private static void AssertAccessDenied(HttpResponseMessage response)
    {
        if (response.StatusCode == HttpStatusCode.Forbidden)
        {
            return;
        }

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/AccessDenied", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    /// <summary>A valid antiforgery token for this signed-in user (the sign-in page renders one for whoever opens it), so a refusal is about the role.</summary>
    private static async Task<string> AntiforgeryTokenAsync(HttpClient client)
    {
        var match = AntiforgeryField().Match(await client.GetStringAsync("/Account/Login", Ct));
        Assert.True(match.Success, "The sign-in page handed out no antiforgery token.");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
