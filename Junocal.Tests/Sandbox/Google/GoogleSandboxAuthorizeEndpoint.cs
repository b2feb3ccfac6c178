using System.Net;
using Junocal.Sandbox.Google.Users;
using Microsoft.AspNetCore.WebUtilities;
using static Junocal.Tests.Sandbox.Google.GoogleSandboxHost;

namespace Junocal.Tests.Sandbox.Google;

public class GoogleSandboxAuthorizeEndpoint
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string AuthorizeUrl(string? redirectUri = RedirectUri, string? clientId = ClientId, string? scope = Scopes,
        string responseType = "code", string? extra = null)
    {
        var parameters = new Dictionary<string, string?> { ["response_type"] = responseType, ["state"] = "s-1" };
        if (clientId is not null)
        {
            parameters["client_id"] = clientId;
        }

        if (redirectUri is not null)
        {
            parameters["redirect_uri"] = redirectUri;
        }

        if (scope is not null)
        {
            parameters["scope"] = scope;
        }

        return QueryHelpers.AddQueryString("accounts/o/oauth2/v2/auth", parameters) + extra;
    }

    [Fact]
    public async Task ShowsTheTestAccountsAndACheckboxPerCalendarScope()
    {
        await using var host = await StartAsync();

        var page = await host.Client.GetStringAsync(AuthorizeUrl(extra: "&code_challenge=abc&code_challenge_method=S256&access_type=offline"), Ct);

        Assert.Contains("<html lang=\"en\">", page, StringComparison.Ordinal);
        foreach (var user in GoogleTestUsers.All)
        {
            Assert.Contains(user.Email, page, StringComparison.Ordinal);
        }

        Assert.Contains($"type=\"checkbox\" id=\"scope-0\" name=\"granted\" value=\"{AppCreated}\" checked", page, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"openid\" checked", page, StringComparison.Ordinal);
        Assert.Contains("Make secondary Google calendars, and see, create, change, and delete events on them", page, StringComparison.Ordinal);
        Assert.Contains(">Allow</button>", page, StringComparison.Ordinal);
        Assert.Contains(">Deny</button>", page, StringComparison.Ordinal);
        Assert.Contains("name=\"code_challenge\" value=\"abc\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PreselectsTheLoginHint()
    {
        await using var host = await StartAsync();

        var page = await host.Client.GetStringAsync(AuthorizeUrl(extra: "&login_hint=" + Uri.EscapeDataString(GoogleTestUsers.Other.Email)), Ct);

        Assert.Contains($"value=\"{GoogleTestUsers.Other.Sub}\" checked", page, StringComparison.Ordinal);
        Assert.DoesNotContain($"value=\"{GoogleTestUsers.Owner.Sub}\" checked", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "Error 401: invalid_client")]
    [InlineData("someone-else", "Error 401: invalid_client")]
    public async Task AnswersAnUnknownClientWithAnErrorPageAndNoRedirect(string? clientId, string title)
    {
        await using var host = await StartAsync();

        using var response = await host.Client.GetAsync(AuthorizeUrl(clientId: clientId), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Contains(title, await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://studio.test/integrations/google/callback/")]
    [InlineData("https://STUDIO.test/integrations/google/callback")]
    [InlineData("http://studio.test/integrations/google/callback")]
    [InlineData("https://evil.test/integrations/google/callback")]
    [InlineData("http://127.0.0.1:5180/integrations/google/callback?x=1")]
    [InlineData("http://localhost:5180/elsewhere")]
    [InlineData(null)]
    public async Task RefusesARedirectUriThatIsNotRegisteredExactly(string? redirectUri)
    {
        await using var host = await StartAsync();

        using var response = await host.Client.GetAsync(AuthorizeUrl(redirectUri: redirectUri), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Contains("redirect_uri_mismatch", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://localhost:5180/integrations/google/callback")]
    [InlineData("http://127.0.0.1:41234/integrations/google/callback")]
    [InlineData("http://[::1]:5180/integrations/google/callback")]
    public async Task AcceptsJunocalsCallbackOnAnyLoopbackOrigin(string redirectUri)
    {
        await using var host = await StartAsync();

        using var response = await host.Client.GetAsync(AuthorizeUrl(redirectUri: redirectUri), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task AcceptsJunocalsCallbackOnItsOwnOriginAndAPathEntry()
    {
        await using var host = await StartAsync(options => options.RedirectUris.Add("/elsewhere/callback"));
        var origin = host.Root.GetLeftPart(UriPartial.Authority);

        using var callback = await host.Client.GetAsync(AuthorizeUrl(redirectUri: origin + "/integrations/google/callback"), Ct);
        using var path = await host.Client.GetAsync(AuthorizeUrl(redirectUri: origin + "/elsewhere/callback"), Ct);

        Assert.Equal(HttpStatusCode.OK, callback.StatusCode);
        Assert.Equal(HttpStatusCode.OK, path.StatusCode);
    }

    [Fact]
    public async Task AcceptsOnlyTheListWhenTheDefaultCallbackIsSwitchedOff()
    {
        await using var host = await StartAsync(options => options.AllowAppCallbackByDefault = false);

        using var loopback = await host.Client.GetAsync(AuthorizeUrl(redirectUri: "http://localhost:5180/integrations/google/callback"), Ct);
        using var listed = await host.Client.GetAsync(AuthorizeUrl(), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, loopback.StatusCode);
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
    }

    [Fact]
    public async Task RedirectsAWrongResponseTypeWithTheError()
    {
        await using var host = await StartAsync();

        using var response = await host.Client.GetAsync(AuthorizeUrl(responseType: "token"), Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(RedirectUri + "?", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        var query = RedirectQuery(response);
        Assert.Equal("unsupported_response_type", query["error"].ToString());
        Assert.Equal("s-1", query["state"].ToString());
    }

    [Fact]
    public async Task AnswersAMissingScopeOrAnUnknownPkceMethodWithAnErrorPage()
    {
        await using var host = await StartAsync();

        using var noScope = await host.Client.GetAsync(AuthorizeUrl(scope: null), Ct);
        using var method = await host.Client.GetAsync(AuthorizeUrl(extra: "&code_challenge=x&code_challenge_method=S512"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, noScope.StatusCode);
        Assert.Contains("Missing required parameter: scope", await noScope.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, method.StatusCode);
        Assert.Null(method.Headers.Location);
    }

    [Fact]
    public async Task RedirectsAnApprovalWithCodeGrantedScopesAndState()
    {
        await using var host = await StartAsync();

        using var response = await host.DecideAsync(GoogleTestUsers.Owner);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(RedirectUri + "?", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        var query = RedirectQuery(response);
        Assert.StartsWith("4/0", query["code"].ToString(), StringComparison.Ordinal);
        Assert.Equal(Scopes, query["scope"].ToString());
        Assert.Equal("state-1", query["state"].ToString());
        Assert.Equal("0", query["authuser"].ToString());
        Assert.Equal("consent", query["prompt"].ToString());
    }

    [Fact]
    public async Task GrantsOnlyTheScopesLeftTickedAndTheSignInOnes()
    {
        await using var host = await StartAsync();

        using var response = await host.DecideAsync(GoogleTestUsers.Owner, ticked: []);
        var code = RedirectQuery(response)["code"].ToString();
        using var tokens = await host.ExchangeAsync(code);

        Assert.Equal("openid email", RedirectQuery(response)["scope"].ToString());
        Assert.Equal("openid email", (await ReadJsonAsync(tokens)).GetProperty("scope").GetString());
    }

    [Fact]
    public async Task IgnoresATickedScopeThatWasNotAskedFor()
    {
        await using var host = await StartAsync();

        using var response = await host.DecideAsync(GoogleTestUsers.Owner, "openid email",
            ticked: ["https://www.googleapis.com/auth/calendar"]);

        Assert.Equal("openid email", RedirectQuery(response)["scope"].ToString());
    }

    [Fact]
    public async Task RedirectsADenialWithAccessDeniedAndTheState()
    {
        await using var host = await StartAsync();

        using var response = await host.DecideAsync(GoogleTestUsers.Owner, decision: "deny");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var query = RedirectQuery(response);
        Assert.Equal("access_denied", query["error"].ToString());
        Assert.Equal("state-1", query["state"].ToString());
        Assert.False(query.ContainsKey("code"));
        Assert.Empty(host.State.Grants);
    }

    [Fact]
    public async Task AsksAgainWhenNoAccountWasChosen()
    {
        await using var host = await StartAsync();

        using var response = await host.DecideAsync(GoogleTestUsers.Owner, extra: new() { ["sub"] = "" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Choose one of the test accounts.", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefusesADecisionForAnotherRedirectUri()
    {
        await using var host = await StartAsync();

        using var response = await host.DecideAsync(GoogleTestUsers.Owner, extra: new() { ["redirect_uri"] = "https://evil.test/integrations/google/callback" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task RefusesACrossSiteDecision()
    {
        await using var host = await StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("accounts/o/oauth2/v2/auth", UriKind.Relative))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["client_id"] = ClientId, ["redirect_uri"] = RedirectUri, ["scope"] = Scopes, ["sub"] = GoogleTestUsers.Owner.Sub, ["decision"] = "allow",
            }),
        };
        request.Headers.Add("Origin", "https://evil.test");

        using var response = await host.Client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(host.State.Grants);
    }

    [Fact]
    public async Task AnswersPromptNoneWithConsentRequiredUnlessTheHintedUserGrantedItAll()
    {
        await using var host = await StartAsync();
        var hint = "&prompt=none&login_hint=" + Uri.EscapeDataString(GoogleTestUsers.Owner.Email);

        using var before = await host.Client.GetAsync(AuthorizeUrl(extra: hint), Ct);
        await host.ConnectAsync();
        using var after = await host.Client.GetAsync(AuthorizeUrl(extra: hint), Ct);

        Assert.Equal("consent_required", RedirectQuery(before)["error"].ToString());
        Assert.StartsWith("4/0", RedirectQuery(after)["code"].ToString(), StringComparison.Ordinal);
    }
}
