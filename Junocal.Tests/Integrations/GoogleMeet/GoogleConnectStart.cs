using System.Net;
using System.Text.RegularExpressions;
using Junocal.Tests.Infrastructure;
using Junocal.Tests.Integrations.Zoom;
using Junocal.Web.Data;
using Junocal.Web.Features.Demo;
using Junocal.Web.Integrations.GoogleMeet;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Junocal.Tests.Integrations.GoogleMeet;

/// <summary>
/// "Connect Google" up to Google's consent screen, and every way back that must store nothing: a denial, a missing,
/// unknown, replayed or foreign state. Only the owner may start or finish it (route × role).
/// </summary>
public partial class GoogleConnectStart(JunocalApp app) : ZoomAppTest(app)
{
    public static TheoryData<string> NotOwners => [DemoSeeder.FrontDeskEmail, DemoSeeder.InstructorEmail, DemoSeeder.ClientEmail];

    [Fact]
    public async Task SendsTheOwnerToGooglesConsentWithExactlyTheThreeScopesPkceAndOfflineAccess()
    {
        using var owner = await SignIn.AsAsync(App, DemoSeeder.OwnerEmail);

        var query = await StartAsync(owner);

        Assert.Equal("code", query["response_type"]);
        Assert.Equal(GoogleMeetModule.SandboxClientId, query["client_id"]);
        Assert.Equal("openid email https://www.googleapis.com/auth/calendar.app.created", query["scope"]);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.Equal(43, query["code_challenge"].ToString().Length);
        Assert.Equal("offline", query["access_type"]);
        Assert.Equal("consent", query["prompt"]);
        Assert.EndsWith(GoogleConnectEndpoints.CallbackPath, query["redirect_uri"].ToString(), StringComparison.Ordinal);
        Assert.True(query["state"].ToString().Length >= 32);
        Assert.Equal(1, await AuthorizationRequestsAsync());
    }

    [Fact]
    public async Task StoresOnlyTheStatesHashAndAProtectedVerifier()
    {
        using var owner = await SignIn.AsAsync(App, DemoSeeder.OwnerEmail);
        var query = await StartAsync(owner);

        await using var db = Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext();
        var request = await db.GoogleAuthorizationRequests.SingleAsync(Ct);
        Assert.NotEqual(query["state"].ToString(), request.StateHash);
        Assert.DoesNotContain(query["state"].ToString(), request.StateHash, StringComparison.Ordinal);
        Assert.Equal(64, request.StateHash.Length);
    }

    [Fact]
    public async Task TellsADenialAndStoresNothing()
    {
        using var owner = await SignIn.AsAsync(App, DemoSeeder.OwnerEmail);
        var query = await StartAsync(owner);

        var code = await CallbackAsync(owner, $"?error=access_denied&state={Uri.EscapeDataString(query["state"]!)}");

        Assert.Equal(GoogleConnectMessage.Denied.Code, code);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task RefusesAReplayedState()
    {
        using var owner = await SignIn.AsAsync(App, DemoSeeder.OwnerEmail);
        var state = Uri.EscapeDataString((await StartAsync(owner))["state"]!);
        Assert.Equal(GoogleConnectMessage.Denied.Code, await CallbackAsync(owner, $"?error=access_denied&state={state}"));

        var code = await CallbackAsync(owner, $"?code=anything&state={state}");

        Assert.Equal(GoogleConnectMessage.StateUnknown.Code, code);
        await AssertNothingStoredAsync();
    }

    [Theory]
    [InlineData("?code=abc", "state-missing")]
    [InlineData("?code=abc&state=made-up", "state-unknown")]
    public async Task RefusesAMissingOrUnknownState(string query, string expected)
    {
        using var owner = await SignIn.AsAsync(App, DemoSeeder.OwnerEmail);

        Assert.Equal(expected, await CallbackAsync(owner, query));
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task ShowsTheMessageOnTheIntegrationsPage()
    {
        using var owner = await SignIn.AsAsync(App, DemoSeeder.OwnerEmail);

        var page = await owner.GetStringAsync($"{GoogleConnectEndpoints.IntegrationsPage}?google=denied", Ct);

        Assert.Contains("Google was not connected: the access was declined on Google", page, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"connect-google\"", page, StringComparison.Ordinal);
        Assert.Contains("calendar.app.created", page, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(NotOwners))]
    public async Task RefusesTheStartToOtherRoles(string email)
    {
        using var client = await SignIn.AsAsync(App, email);
        var token = await AntiforgeryTokenAsync(client);

        using var response = await client.PostAsync(GoogleConnectEndpoints.ConnectPath,
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }), Ct);

        AssertAccessDenied(response);
        Assert.Equal(0, await AuthorizationRequestsAsync());
    }

    [Theory]
    [MemberData(nameof(NotOwners))]
    public async Task RefusesTheCallbackToOtherRolesWithoutUsingUpTheOwnersState(string email)
    {
        using var owner = await SignIn.AsAsync(App, DemoSeeder.OwnerEmail);
        var state = Uri.EscapeDataString((await StartAsync(owner))["state"]!);
        using var other = await SignIn.AsAsync(App, email);

        using var response = await other.GetAsync($"{GoogleConnectEndpoints.CallbackPath}?error=access_denied&state={state}", Ct);

        AssertAccessDenied(response);
        Assert.Equal(1, await AuthorizationRequestsAsync());
        Assert.Equal(GoogleConnectMessage.Denied.Code, await CallbackAsync(owner, $"?error=access_denied&state={state}"));
    }

    [Fact]
    public async Task SendsAnonymousVisitorsToSignIn()
    {
        using var anonymous = App.CreateBrowserlikeClient();

        using var start = await anonymous.PostAsync(GoogleConnectEndpoints.ConnectPath, new FormUrlEncodedContent([]), Ct);
        using var callback = await anonymous.GetAsync($"{GoogleConnectEndpoints.CallbackPath}?code=a&state=b", Ct);

        Assert.All(new[] { start, callback }, response =>
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/Account/Login", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        });
        Assert.Equal(0, await AuthorizationRequestsAsync());
    }

    private static async Task<Dictionary<string, Microsoft.Extensions.Primitives.StringValues>> StartAsync(HttpClient owner)
    {
        var token = await AntiforgeryTokenAsync(owner);
        using var response = await owner.PostAsync(GoogleConnectEndpoints.ConnectPath,
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }), Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/sandbox/google/accounts/o/oauth2/v2/auth?", location, StringComparison.Ordinal);
        return QueryHelpers.ParseQuery(location[location.IndexOf('?', StringComparison.Ordinal)..]);
    }

    private static async Task<string> CallbackAsync(HttpClient owner, string query)
    {
        using var response = await owner.GetAsync(GoogleConnectEndpoints.CallbackPath + query, Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.Contains($"{GoogleConnectEndpoints.IntegrationsPage}?google=", location, StringComparison.Ordinal);
        return Uri.UnescapeDataString(location[(location.IndexOf("google=", StringComparison.Ordinal) + 7)..]);
    }

    private async Task<int> AuthorizationRequestsAsync()
    {
        await using var db = Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext();
        return await db.GoogleAuthorizationRequests.CountAsync(Ct);
    }

    private async Task AssertNothingStoredAsync()
    {
        await using var db = Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext();
        Assert.Equal(0, await db.GoogleConnections.CountAsync(Ct));
        Assert.Equal(0, await db.GoogleAccessTokens.CountAsync(Ct));
        Assert.Equal(0, await db.GoogleAuthorizationRequests.CountAsync(Ct));
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

    private static async Task<string> AntiforgeryTokenAsync(HttpClient client)
    {
        var match = AntiforgeryField().Match(await client.GetStringAsync("/Account/Login", Ct));
        Assert.True(match.Success, "The sign-in page handed out no antiforgery token.");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
