using System.Buffers.Text;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Junocal.Sandbox.Google.Users;
using Junocal.Tests.Infrastructure;
using static Junocal.Tests.Sandbox.Google.GoogleSandboxHost;

namespace Junocal.Tests.Sandbox.Google;

public class GoogleSandboxTokenEndpoint
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static JsonElement Part(string jwt, int index)
    {
        using var document = JsonDocument.Parse(Base64Url.DecodeFromChars(jwt.Split('.')[index]));
        return document.RootElement.Clone();
    }

    [Fact]
    public async Task ExchangesACodeForGooglesTokenResponse()
    {
        await using var host = await StartAsync();
        var code = await host.AuthorizeAsync(GoogleTestUsers.Owner);

        using var response = await host.ExchangeAsync(code);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        var json = await ReadJsonAsync(response);
        Assert.StartsWith("ya29.", json.GetProperty("access_token").GetString(), StringComparison.Ordinal);
        Assert.Equal(3599, json.GetProperty("expires_in").GetInt32());
        Assert.StartsWith("1//0", json.GetProperty("refresh_token").GetString(), StringComparison.Ordinal);
        Assert.Equal(Scopes, json.GetProperty("scope").GetString());
        Assert.Equal("Bearer", json.GetProperty("token_type").GetString());
        Assert.True(json.TryGetProperty("id_token", out _));
    }

    [Fact]
    public async Task SignsAnIdTokenWithTheClaimsJunocalReadsVerifiableWithTheCerts()
    {
        await using var host = await StartAsync();
        var tokens = await host.ConnectAsync(GoogleTestUsers.Workspace);
        var certs = await ReadJsonAsync(await host.Client.GetAsync(new Uri("oauth2/v3/certs", UriKind.Relative), Ct));

        var jwt = tokens.IdToken!;
        var claims = Part(jwt, 1);
        var header = Part(jwt, 0);

        Assert.Equal("https://accounts.google.com", claims.GetProperty("iss").GetString());
        Assert.Equal(ClientId, claims.GetProperty("aud").GetString());
        Assert.Equal(GoogleTestUsers.Workspace.Sub, claims.GetProperty("sub").GetString());
        Assert.Equal(GoogleTestUsers.Workspace.Email, claims.GetProperty("email").GetString());
        Assert.True(claims.GetProperty("email_verified").GetBoolean());
        Assert.Equal("juno-pilates.test", claims.GetProperty("hd").GetString());
        Assert.Equal(TestCalendar.FakeNow.ToUnixTimeSeconds(), claims.GetProperty("iat").GetInt64());
        Assert.Equal(TestCalendar.FakeNow.AddHours(1).ToUnixTimeSeconds(), claims.GetProperty("exp").GetInt64());
        Assert.Equal(Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(tokens.AccessToken)).AsSpan(0, 16)),
            claims.GetProperty("at_hash").GetString());
        var key = Assert.Single(certs.GetProperty("keys").EnumerateArray());
        Assert.Equal(header.GetProperty("kid").GetString(), key.GetProperty("kid").GetString());
        using var rsa = RSA.Create(new RSAParameters
        {
            Modulus = Base64Url.DecodeFromChars(key.GetProperty("n").GetString()),
            Exponent = Base64Url.DecodeFromChars(key.GetProperty("e").GetString()),
        });
        var dot = jwt.LastIndexOf('.');
        Assert.True(rsa.VerifyData(Encoding.ASCII.GetBytes(jwt[..dot]), Base64Url.DecodeFromChars(jwt.AsSpan(dot + 1)),
            HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    [Fact]
    public async Task LeavesOutTheEmailWithoutTheEmailScopeAndTheIdTokenWithoutASignInScope()
    {
        await using var host = await StartAsync();

        var openIdOnly = await host.ConnectAsync(scopes: "openid " + AppCreated);
        var calendarOnly = await host.ConnectAsync(GoogleTestUsers.Other, AppCreated);

        Assert.False(Part(openIdOnly.IdToken!, 1).TryGetProperty("email", out _));
        Assert.Null(calendarOnly.IdToken);
    }

    [Fact]
    public async Task CarriesTheNonceIntoTheIdToken()
    {
        await using var host = await StartAsync();
        var code = await host.AuthorizeAsync(GoogleTestUsers.Owner, extra: new() { ["nonce"] = "n-0S6_WzA2Mj" });

        var tokens = GoogleTokenSet.From(await ReadJsonAsync(await host.ExchangeAsync(code)));

        Assert.Equal("n-0S6_WzA2Mj", Part(tokens.IdToken!, 1).GetProperty("nonce").GetString());
    }

    [Fact]
    public async Task GivesARefreshTokenOnlyForOfflineAccess()
    {
        await using var host = await StartAsync();
        var code = await host.AuthorizeAsync(GoogleTestUsers.Owner, extra: new() { ["access_type"] = "" });

        var tokens = GoogleTokenSet.From(await ReadJsonAsync(await host.ExchangeAsync(code)));

        Assert.Null(tokens.RefreshToken);
    }

    [Fact]
    public async Task GivesASecondRefreshTokenOnlyWhenConsentIsForced()
    {
        await using var host = await StartAsync();
        var first = await host.ConnectAsync();
        var quiet = await host.AuthorizeAsync(GoogleTestUsers.Owner, extra: new() { ["prompt"] = "" });
        var forced = await host.AuthorizeAsync(GoogleTestUsers.Owner);

        var withoutPrompt = GoogleTokenSet.From(await ReadJsonAsync(await host.ExchangeAsync(quiet)));
        var withPrompt = GoogleTokenSet.From(await ReadJsonAsync(await host.ExchangeAsync(forced)));

        Assert.NotNull(first.RefreshToken);
        Assert.Null(withoutPrompt.RefreshToken);
        Assert.NotNull(withPrompt.RefreshToken);
        Assert.NotEqual(first.RefreshToken, withPrompt.RefreshToken);
    }

    [Fact]
    public async Task AddsEarlierScopesWithIncludeGrantedScopes()
    {
        await using var host = await StartAsync();
        await host.ConnectAsync(scopes: "openid email");
        var code = await host.AuthorizeAsync(GoogleTestUsers.Owner, AppCreated, new() { ["include_granted_scopes"] = "true" });

        var tokens = GoogleTokenSet.From(await ReadJsonAsync(await host.ExchangeAsync(code)));

        Assert.Equal(["openid", "email", AppCreated], tokens.Scope.Split(' '));
    }

    [Fact]
    public async Task RefusesAReusedCodeWithInvalidGrant()
    {
        await using var host = await StartAsync();
        var code = await host.AuthorizeAsync(GoogleTestUsers.Owner);
        using var first = await host.ExchangeAsync(code);

        using var second = await host.ExchangeAsync(code);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        await AssertOAuthErrorAsync(second, HttpStatusCode.BadRequest, "invalid_grant", "Bad Request");
    }

    [Fact]
    public async Task RefusesACodeAfterTenMinutesAndAnUnknownOne()
    {
        await using var host = await StartAsync();
        var code = await host.AuthorizeAsync(GoogleTestUsers.Owner);
        host.Clock.Advance(TimeSpan.FromMinutes(10));

        using var expired = await host.ExchangeAsync(code);
        using var unknown = await host.ExchangeAsync("4/0-not-a-code");

        await AssertOAuthErrorAsync(expired, HttpStatusCode.BadRequest, "invalid_grant", "Bad Request");
        await AssertOAuthErrorAsync(unknown, HttpStatusCode.BadRequest, "invalid_grant", "Bad Request");
    }

    [Fact]
    public async Task RefusesAnotherRedirectUriAndSpendsTheCode()
    {
        await using var host = await StartAsync();
        var code = await host.AuthorizeAsync(GoogleTestUsers.Owner);

        using var mismatch = await host.ExchangeAsync(code, "https://studio.test/other");
        using var retry = await host.ExchangeAsync(code);

        await AssertOAuthErrorAsync(mismatch, HttpStatusCode.BadRequest, "redirect_uri_mismatch", "Bad Request");
        await AssertOAuthErrorAsync(retry, HttpStatusCode.BadRequest, "invalid_grant");
    }

    [Fact]
    public async Task VerifiesThePkceS256Verifier()
    {
        await using var host = await StartAsync();
        var wrong = await host.AuthorizeAsync(GoogleTestUsers.Owner);
        var missing = await host.AuthorizeAsync(GoogleTestUsers.Owner);

        using var wrongVerifier = await host.ExchangeAsync(wrong, codeVerifier: "not-the-verifier-not-the-verifier-not-the-verifier");
        using var noVerifier = await host.ExchangeAsync(missing, codeVerifier: null);

        await AssertOAuthErrorAsync(wrongVerifier, HttpStatusCode.BadRequest, "invalid_grant", "Invalid code verifier.");
        await AssertOAuthErrorAsync(noVerifier, HttpStatusCode.BadRequest, "invalid_grant", "Missing code verifier.");
    }

    [Fact]
    public async Task TakesAPlainChallengeWhenNoMethodIsGiven()
    {
        await using var host = await StartAsync();
        var code = await host.AuthorizeAsync(GoogleTestUsers.Owner,
            extra: new() { ["code_challenge"] = Verifier, ["code_challenge_method"] = "" });

        using var response = await host.ExchangeAsync(code, codeVerifier: Verifier);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task RefusesAWrongSecretOrAnUnknownClient()
    {
        await using var host = await StartAsync();
        var code = await host.AuthorizeAsync(GoogleTestUsers.Owner);

        using var wrongSecret = await host.TokenAsync(new() { ["grant_type"] = "authorization_code", ["code"] = code }, "wrong");
        using var unknownClient = await host.TokenAsync(new() { ["grant_type"] = "authorization_code", ["code"] = code, ["client_id"] = "other" });
        using var noClient = await host.Client.PostAsync(new Uri("oauth2/token", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = "x" }), Ct);
        using var stillGood = await host.ExchangeAsync(code);

        await AssertOAuthErrorAsync(wrongSecret, HttpStatusCode.Unauthorized, "invalid_client", "Unauthorized");
        await AssertOAuthErrorAsync(unknownClient, HttpStatusCode.Unauthorized, "invalid_client", "The OAuth client was not found.");
        await AssertOAuthErrorAsync(noClient, HttpStatusCode.Unauthorized, "invalid_client");
        // A refused client never reached the code: it still works.
        Assert.Equal(HttpStatusCode.OK, stillGood.StatusCode);
    }

    [Fact]
    public async Task AcceptsTheClientAsHttpBasic()
    {
        await using var host = await StartAsync();
        var code = await host.AuthorizeAsync(GoogleTestUsers.Owner);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("oauth2/token", UriKind.Relative))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = RedirectUri, ["code_verifier"] = Verifier,
            }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ClientId}:{ClientSecret}")));

        using var response = await host.Client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task RefusesAnUnsupportedGrantTypeAndMissingParameters()
    {
        await using var host = await StartAsync();

        using var password = await host.TokenAsync(new() { ["grant_type"] = "password" });
        using var noCode = await host.TokenAsync(new() { ["grant_type"] = "authorization_code" });
        using var noRefresh = await host.TokenAsync(new() { ["grant_type"] = "refresh_token" });

        await AssertOAuthErrorAsync(password, HttpStatusCode.BadRequest, "unsupported_grant_type");
        await AssertOAuthErrorAsync(noCode, HttpStatusCode.BadRequest, "invalid_request");
        await AssertOAuthErrorAsync(noRefresh, HttpStatusCode.BadRequest, "invalid_request");
    }

    [Fact]
    public async Task RefreshesWithoutANewRefreshTokenAndTheOldOneKeepsWorking()
    {
        await using var host = await StartAsync();
        var tokens = await host.ConnectAsync();

        var first = await ReadJsonAsync(await host.RefreshAsync(tokens.RefreshToken!));
        using var second = await host.RefreshAsync(tokens.RefreshToken!);

        Assert.False(first.TryGetProperty("refresh_token", out _));
        Assert.Equal(3599, first.GetProperty("expires_in").GetInt32());
        Assert.Equal(Scopes, first.GetProperty("scope").GetString());
        Assert.Equal("Bearer", first.GetProperty("token_type").GetString());
        Assert.True(first.TryGetProperty("id_token", out _));
        Assert.NotEqual(tokens.AccessToken, first.GetProperty("access_token").GetString());
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
    }

    [Fact]
    public async Task RotatesTheRefreshTokenWithTheKnob()
    {
        await using var host = await StartAsync();
        var tokens = await host.ConnectAsync();
        host.State.Knobs.RotateRefreshTokens = true;

        var rotated = await ReadJsonAsync(await host.RefreshAsync(tokens.RefreshToken!));
        using var old = await host.RefreshAsync(tokens.RefreshToken!);
        using var fresh = await host.RefreshAsync(rotated.GetProperty("refresh_token").GetString()!);

        await AssertOAuthErrorAsync(old, HttpStatusCode.BadRequest, "invalid_grant", "Token has been expired or revoked.");
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
    }

    [Fact]
    public async Task ExpiresTheAccessTokenAfterAnHour()
    {
        await using var host = await StartAsync();
        var tokens = await host.ConnectAsync();

        host.Clock.Advance(TimeSpan.FromMinutes(59));
        using var before = await host.ApiAsync(HttpMethod.Get, "openidconnect/v1/userinfo", tokens.AccessToken);
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        using var after = await host.ApiAsync(HttpMethod.Get, "openidconnect/v1/userinfo", tokens.AccessToken);

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }
}
