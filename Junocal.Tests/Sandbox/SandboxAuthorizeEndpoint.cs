using System.Net;
using Junocal.Sandbox.Users;
using Microsoft.AspNetCore.WebUtilities;

namespace Junocal.Tests.Sandbox;

public class SandboxAuthorizeEndpoint
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string AuthorizeUrl(string clientId = "sandbox-client-id", string redirectUri = SandboxHost.RedirectUri, string? scope = null)
    {
        var query = new Dictionary<string, string?>
        {
            ["response_type"] = "code",
            ["client_id"] = clientId,
            ["redirect_uri"] = redirectUri,
            ["state"] = "xyz",
        };
        if (scope is not null)
        {
            query["scope"] = scope;
        }

        return QueryHelpers.AddQueryString("oauth/authorize", query);
    }

    [Fact]
    public async Task ShowsAppNameScopesInPlainWordsAndTestUsers()
    {
        await using var host = await SandboxHost.StartAsync();

        var page = await host.Client.GetStringAsync(new Uri(AuthorizeUrl(scope: "meeting:write:meeting user:read:user"), UriKind.Relative), Ct);

        Assert.Contains("<html lang=\"en\">", page, StringComparison.Ordinal);
        Assert.Contains("Allow Junocal to use your Zoom account?", page, StringComparison.Ordinal);
        Assert.Contains("Create meetings for you", page, StringComparison.Ordinal);
        Assert.Contains("See your profile: name, email address and account", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Delete meetings you host", page, StringComparison.Ordinal);
        Assert.Contains(TestUsers.Owner.Email, page, StringComparison.Ordinal);
        Assert.Contains(TestUsers.Other.Email, page, StringComparison.Ordinal);
        Assert.Contains("<label for=\"user-0\">", page, StringComparison.Ordinal);
        Assert.Contains(">Authorize</button>", page, StringComparison.Ordinal);
        Assert.Contains(">Deny</button>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AsksForTheDefaultScopesWhenNoneAreGiven()
    {
        await using var host = await SandboxHost.StartAsync();

        var page = await host.Client.GetStringAsync(new Uri(AuthorizeUrl(), UriKind.Relative), Ct);

        Assert.Contains("Create meetings for you", page, StringComparison.Ordinal);
        Assert.Contains("Change meetings you host", page, StringComparison.Ordinal);
        Assert.Contains("Delete meetings you host", page, StringComparison.Ordinal);
        Assert.Contains("value=\"meeting:write:meeting meeting:update:meeting meeting:delete:meeting\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RedirectsDenyWithAccessDeniedAndState()
    {
        await using var host = await SandboxHost.StartAsync();

        using var response = await host.Client.PostAsync(new Uri("oauth/authorize", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = "sandbox-client-id",
            ["redirect_uri"] = SandboxHost.RedirectUri,
            ["state"] = "xyz",
            ["scope"] = "meeting:write:meeting",
            ["user_id"] = TestUsers.Owner.Id,
            ["decision"] = "deny",
        }), Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"{SandboxHost.RedirectUri}?error=access_denied&state=xyz", response.Headers.Location!.ToString());
        Assert.Empty(host.State.Grants);
    }

    [Fact]
    public async Task RedirectsAuthorizeWithCodeAndState()
    {
        await using var host = await SandboxHost.StartAsync();

        using var response = await host.Client.PostAsync(new Uri("oauth/authorize", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = "sandbox-client-id",
            ["redirect_uri"] = SandboxHost.RedirectUri,
            ["state"] = "xyz",
            ["scope"] = "meeting:write:meeting",
            ["user_id"] = TestUsers.Owner.Id,
            ["decision"] = "allow",
        }), Ct);

        var location = response.Headers.Location!;
        var query = QueryHelpers.ParseQuery(location.Query);
        Assert.StartsWith(SandboxHost.RedirectUri + "?", location.ToString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(query["code"]));
        Assert.Equal("xyz", query["state"]);
    }

    [Theory]
    [InlineData("unknown-client", SandboxHost.RedirectUri, "Invalid client_id")]
    [InlineData("sandbox-client-id", "https://evil.test/callback", "Redirect URI mismatch")]
    [InlineData("sandbox-client-id", SandboxHost.RedirectUri + "/extra", "Redirect URI mismatch")]
    public async Task ShowsAnErrorPageWithoutRedirectingForUnknownClientOrRedirect(string clientId, string redirectUri, string title)
    {
        await using var host = await SandboxHost.StartAsync();

        using var response = await host.Client.GetAsync(new Uri(AuthorizeUrl(clientId, redirectUri), UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Contains(title, await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefusesACrossSiteDecisionPost()
    {
        await using var host = await SandboxHost.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("oauth/authorize", UriKind.Relative))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["client_id"] = "sandbox-client-id",
                ["redirect_uri"] = SandboxHost.RedirectUri,
                ["user_id"] = TestUsers.Owner.Id,
                ["decision"] = "allow",
            }),
        };
        request.Headers.Add("Origin", "https://evil.test");

        using var response = await host.Client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
