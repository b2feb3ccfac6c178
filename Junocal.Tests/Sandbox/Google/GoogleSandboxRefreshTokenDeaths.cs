using System.Net;
using Junocal.Sandbox.Google.OAuth;
using Junocal.Sandbox.Google.Users;
using static Junocal.Tests.Sandbox.Google.GoogleSandboxHost;

namespace Junocal.Tests.Sandbox.Google;

/// <summary>The ways Google kills a refresh token (docs/google-sandbox.md), each answered as Google does.</summary>
public class GoogleSandboxRefreshTokenDeaths
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task AssertDeadAsync(HttpResponseMessage response) =>
        AssertOAuthErrorAsync(response, HttpStatusCode.BadRequest, "invalid_grant", "Token has been expired or revoked.");

    [Fact]
    public async Task DiesWhenRevokedAtTheRevokeEndpoint()
    {
        await using var host = await StartAsync();
        var tokens = await host.ConnectAsync();

        using var revoke = await host.Client.PostAsync(new Uri("oauth2/revoke", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = tokens.RefreshToken! }), Ct);
        using var refresh = await host.RefreshAsync(tokens.RefreshToken!);

        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        await AssertDeadAsync(refresh);
        Assert.Equal(GoogleTokenEnd.Revoked, host.State.Tokens.Single(t => t.Value == tokens.RefreshToken).EndReason);
    }

    [Fact]
    public async Task DiesWhenTheUserRemovesTheAppsAccess()
    {
        await using var host = await StartAsync();
        var tokens = await host.ConnectAsync();
        var other = await host.ConnectAsync(GoogleTestUsers.Other);

        Assert.True(host.State.RemoveAccess(GoogleTestUsers.Owner));
        using var refresh = await host.RefreshAsync(tokens.RefreshToken!);
        using var api = await host.ApiAsync(HttpMethod.Get, "openidconnect/v1/userinfo", tokens.AccessToken);
        using var untouched = await host.RefreshAsync(other.RefreshToken!);

        await AssertDeadAsync(refresh);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal(HttpStatusCode.OK, untouched.StatusCode);
        Assert.False(host.State.HasAccess(GoogleTestUsers.Owner));
        Assert.DoesNotContain(host.State.Grants, grant => grant.UserSub == GoogleTestUsers.Owner.Sub);
    }

    [Fact]
    public async Task DiesSevenDaysAfterConsentInTestingMode()
    {
        await using var host = await StartAsync();
        host.State.Knobs.TestingMode = true;
        var tokens = await host.ConnectAsync();

        host.Clock.Advance(TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1));
        using var before = await host.RefreshAsync(tokens.RefreshToken!);
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        using var after = await host.RefreshAsync(tokens.RefreshToken!);

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        await AssertDeadAsync(after);
    }

    [Fact]
    public async Task LivesOnInTestingModeWithOnlySignInScopesAndInProduction()
    {
        await using var host = await StartAsync();
        var production = await host.ConnectAsync(GoogleTestUsers.Other);
        host.State.Knobs.TestingMode = true;
        var signInOnly = await host.ConnectAsync(scopes: "openid email profile");

        host.Clock.Advance(TimeSpan.FromDays(30));
        using var signIn = await host.RefreshAsync(signInOnly.RefreshToken!);
        using var beforeTesting = await host.RefreshAsync(production.RefreshToken!);

        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, beforeTesting.StatusCode);
    }

    [Fact]
    public async Task TheHundredAndFirstRefreshTokenSilentlyKillsTheOldest()
    {
        await using var host = await StartAsync();
        var tokens = new List<GoogleTokenSet>();
        for (var i = 0; i < 101; i++)
        {
            tokens.Add(await host.ConnectAsync());
        }

        using var oldest = await host.RefreshAsync(tokens[0].RefreshToken!);
        using var second = await host.RefreshAsync(tokens[1].RefreshToken!);
        using var newest = await host.RefreshAsync(tokens[100].RefreshToken!);

        await AssertDeadAsync(oldest);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, newest.StatusCode);
        Assert.Equal(GoogleTokenEnd.Evicted, host.State.Tokens.Single(t => t.Value == tokens[0].RefreshToken).EndReason);
    }

    [Fact]
    public async Task TheCapIsAKnobAndCountsPerAccount()
    {
        await using var host = await StartAsync();
        host.State.Knobs.RefreshTokenCap = 2;
        var first = await host.ConnectAsync();
        var other = await host.ConnectAsync(GoogleTestUsers.Other);
        await host.ConnectAsync();
        await host.ConnectAsync();

        using var evicted = await host.RefreshAsync(first.RefreshToken!);
        using var otherAccount = await host.RefreshAsync(other.RefreshToken!);

        await AssertDeadAsync(evicted);
        Assert.Equal(HttpStatusCode.OK, otherAccount.StatusCode);
    }

    [Fact]
    public async Task DiesAfterSixMonthsUnusedButLivesOnWhileUsed()
    {
        await using var host = await StartAsync();
        var used = await host.ConnectAsync();
        var idle = await host.ConnectAsync(GoogleTestUsers.Other);

        for (var month = 0; month < 7; month++)
        {
            host.Clock.Advance(TimeSpan.FromDays(30));
            using var refresh = await host.RefreshAsync(used.RefreshToken!);
            Assert.Equal(HttpStatusCode.OK, refresh.StatusCode);
        }

        using var idleRefresh = await host.RefreshAsync(idle.RefreshToken!);
        await AssertDeadAsync(idleRefresh);
    }

    [Fact]
    public async Task AnUnknownRefreshTokenIsInvalidGrantToo()
    {
        await using var host = await StartAsync();

        using var response = await host.RefreshAsync("1//0-never-issued");

        await AssertDeadAsync(response);
    }
}
