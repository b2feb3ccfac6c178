using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Junocal.Sandbox.Users;

namespace Junocal.Tests.Sandbox;

public class SandboxTokenEndpoint
{
    private const string Verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string S256(string verifier) => Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    private static async Task AssertOAuthErrorAsync(HttpResponseMessage response, string error, string? reason = null)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var json = await SandboxHost.ReadJsonAsync(response);
        Assert.Equal(error, json.GetProperty("error").GetString());
        if (reason is not null)
        {
            Assert.Equal(reason, json.GetProperty("reason").GetString());
        }
    }

    [Fact]
    public async Task IssuesJwtShapedTokensWithUserAndAccountClaims()
    {
        await using var host = await SandboxHost.StartAsync();
        var code = await host.AuthorizeAsync(TestUsers.Owner, "meeting:write:meeting meeting:delete:meeting");

        using var response = await host.ExchangeAsync(code);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await SandboxHost.ReadJsonAsync(response);
        Assert.Equal("bearer", json.GetProperty("token_type").GetString());
        Assert.Equal(3599, json.GetProperty("expires_in").GetInt32());
        Assert.Equal("meeting:write:meeting meeting:delete:meeting", json.GetProperty("scope").GetString());
        Assert.Equal(host.Root.ToString().TrimEnd('/'), json.GetProperty("api_url").GetString());
        var parts = json.GetProperty("access_token").GetString()!.Split('.');
        Assert.Equal(3, parts.Length);
        using var claims = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
        Assert.Equal(TestUsers.Owner.Id, claims.RootElement.GetProperty("uid").GetString());
        Assert.Equal(TestUsers.Owner.AccountId, claims.RootElement.GetProperty("aid").GetString());
        var issuedAt = claims.RootElement.GetProperty("iat").GetInt64();
        Assert.Equal(issuedAt + 3600, claims.RootElement.GetProperty("exp").GetInt64());
        Assert.True(claims.RootElement.TryGetProperty("ver", out _));
        Assert.Equal("https://oauth.zoom.us", claims.RootElement.GetProperty("aud").GetString());
        Assert.Equal("zm:cid:sandbox-client-id", claims.RootElement.GetProperty("iss").GetString());
    }

    [Fact]
    public async Task RejectsReusedAuthorizationCode()
    {
        await using var host = await SandboxHost.StartAsync();
        var code = await host.AuthorizeAsync(TestUsers.Owner);
        using var first = await host.ExchangeAsync(code);

        using var second = await host.ExchangeAsync(code);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        await AssertOAuthErrorAsync(second, "invalid_request", $"Invalid authorization code {code}");
    }

    [Fact]
    public async Task RejectsCodeAfterFiveMinutes()
    {
        await using var host = await SandboxHost.StartAsync();
        var code = await host.AuthorizeAsync(TestUsers.Owner);
        host.Clock.Advance(TimeSpan.FromMinutes(5));

        using var response = await host.ExchangeAsync(code);

        await AssertOAuthErrorAsync(response, "invalid_request", "Code is expired");
    }

    [Fact]
    public async Task AcceptsCodeJustBeforeFiveMinutes()
    {
        await using var host = await SandboxHost.StartAsync();
        var code = await host.AuthorizeAsync(TestUsers.Owner);
        host.Clock.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));

        using var response = await host.ExchangeAsync(code);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task RejectsRedirectUriOtherThanTheAuthorizedOne()
    {
        await using var host = await SandboxHost.StartAsync(options => options.RedirectUris.Add("https://studio.test/other"));
        var code = await host.AuthorizeAsync(TestUsers.Owner);

        using var response = await host.ExchangeAsync(code, redirectUri: "https://studio.test/other");

        await AssertOAuthErrorAsync(response, "invalid_request", "Redirect URI mismatch");
    }

    [Fact]
    public async Task AcceptsMatchingS256Verifier()
    {
        await using var host = await SandboxHost.StartAsync();
        var code = await host.AuthorizeAsync(TestUsers.Owner, codeChallenge: S256(Verifier), method: "S256");

        using var response = await host.ExchangeAsync(code, codeVerifier: Verifier);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("wrong-verifier-wrong-verifier-wrong-verifier")]
    [InlineData(null)]
    public async Task RejectsMismatchedOrMissingS256Verifier(string? verifier)
    {
        await using var host = await SandboxHost.StartAsync();
        var code = await host.AuthorizeAsync(TestUsers.Owner, codeChallenge: S256(Verifier), method: "S256");

        using var response = await host.ExchangeAsync(code, codeVerifier: verifier);

        await AssertOAuthErrorAsync(response, "invalid_grant");
    }

    [Fact]
    public async Task TreatsAChallengeWithoutMethodAsPlain()
    {
        await using var host = await SandboxHost.StartAsync();
        var plainCode = await host.AuthorizeAsync(TestUsers.Owner, codeChallenge: Verifier);
        var hashedCode = await host.AuthorizeAsync(TestUsers.Owner, codeChallenge: S256(Verifier));

        using var plain = await host.ExchangeAsync(plainCode, codeVerifier: Verifier);
        using var hashed = await host.ExchangeAsync(hashedCode, codeVerifier: Verifier);

        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        await AssertOAuthErrorAsync(hashed, "invalid_grant");
    }

    [Fact]
    public async Task RejectsWrongClientSecret()
    {
        await using var host = await SandboxHost.StartAsync();
        var code = await host.AuthorizeAsync(TestUsers.Owner);

        using var response = await host.TokenAsync(
            new Dictionary<string, string> { ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = SandboxHost.RedirectUri },
            clientSecret: "wrong");

        await AssertOAuthErrorAsync(response, "invalid_client", "Invalid client_id or client_secret");
    }

    [Fact]
    public async Task AcceptsParametersInTheQueryString()
    {
        await using var host = await SandboxHost.StartAsync();
        var code = await host.AuthorizeAsync(TestUsers.Owner);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(
            $"oauth/token?grant_type=authorization_code&code={Uri.EscapeDataString(code)}&redirect_uri={Uri.EscapeDataString(SandboxHost.RedirectUri)}",
            UriKind.Relative));
        request.Headers.Authorization = new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("sandbox-client-id:sandbox-client-secret")));

        using var response = await host.Client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task RotatesRefreshTokenAndRejectsTheOldOneAtOnce()
    {
        await using var host = await SandboxHost.StartAsync();
        var tokens = await host.ConnectAsync(TestUsers.Owner);

        using var refreshed = await host.RefreshAsync(tokens.RefreshToken);
        using var replayed = await host.RefreshAsync(tokens.RefreshToken);

        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var next = TokenSet.From(await SandboxHost.ReadJsonAsync(refreshed));
        Assert.NotEqual(tokens.RefreshToken, next.RefreshToken);
        Assert.NotEqual(tokens.AccessToken, next.AccessToken);
        Assert.Equal(tokens.Scope, next.Scope);
        Assert.Equal(HttpStatusCode.BadRequest, replayed.StatusCode);
        Assert.Equal("""{"reason":"Invalid Token!","error":"invalid_grant"}""", await replayed.Content.ReadAsStringAsync(Ct));
        using var again = await host.RefreshAsync(next.RefreshToken);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task InvalidatesEarlierTokensWhenTheSameUserConsentsAgain()
    {
        await using var host = await SandboxHost.StartAsync();
        var first = await host.ConnectAsync(TestUsers.Owner);
        var second = await host.ConnectAsync(TestUsers.Owner);

        using var oldRefresh = await host.RefreshAsync(first.RefreshToken);
        using var oldAccess = await host.ApiAsync(HttpMethod.Get, "v2/users/me", first.AccessToken);
        using var newAccess = await host.ApiAsync(HttpMethod.Get, "v2/users/me", second.AccessToken);

        await AssertOAuthErrorAsync(oldRefresh, "invalid_grant", "Invalid Token!");
        Assert.Equal(HttpStatusCode.Unauthorized, oldAccess.StatusCode);
        Assert.Equal(124, (await SandboxHost.ReadJsonAsync(oldAccess)).GetProperty("code").GetInt32());
        Assert.Equal(HttpStatusCode.OK, newAccess.StatusCode);
        Assert.Single(host.State.Grants, grant => grant.IsActive);
    }

    [Fact]
    public async Task KeepsAnotherUsersTokensWhenSomeoneElseConsents()
    {
        await using var host = await SandboxHost.StartAsync();
        var owner = await host.ConnectAsync(TestUsers.Owner);
        await host.ConnectAsync(TestUsers.Other);

        using var response = await host.ApiAsync(HttpMethod.Get, "v2/users/me", owner.AccessToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task RejectsUnsupportedGrantType()
    {
        await using var host = await SandboxHost.StartAsync();

        using var response = await host.TokenAsync(new Dictionary<string, string> { ["grant_type"] = "password" });

        await AssertOAuthErrorAsync(response, "unsupported_grant_type");
    }
}
