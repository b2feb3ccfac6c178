using System.Net;
using Junocal.Sandbox.Google.Users;
using static Junocal.Tests.Sandbox.Google.GoogleSandboxHost;

namespace Junocal.Tests.Sandbox.Google;

public class GoogleSandboxRevokeEndpoint
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<HttpResponseMessage> RevokeAsync(GoogleSandboxHost host, string token) =>
        host.Client.PostAsync(new Uri("oauth2/revoke", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = token }), Ct);

    [Fact]
    public async Task RevokingTheRefreshTokenEndsItsAccessTokensAtOnce()
    {
        await using var host = await StartAsync();
        var tokens = await host.ConnectAsync();

        using var revoke = await RevokeAsync(host, tokens.RefreshToken!);
        using var api = await host.ApiAsync(HttpMethod.Get, "openidconnect/v1/userinfo", tokens.AccessToken);

        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.Equal("", await revoke.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }

    [Fact]
    public async Task RevokingAnAccessTokenEndsItsRefreshTokenAndTakesTheTokenInTheQuery()
    {
        await using var host = await StartAsync();
        var tokens = await host.ConnectAsync();

        using var revoke = await host.Client.PostAsync(new Uri($"oauth2/revoke?token={Uri.EscapeDataString(tokens.AccessToken)}", UriKind.Relative), null, Ct);
        using var refresh = await host.RefreshAsync(tokens.RefreshToken!);

        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        await AssertOAuthErrorAsync(refresh, HttpStatusCode.BadRequest, "invalid_grant", "Token has been expired or revoked.");
    }

    [Fact]
    public async Task AnswersAnUnknownOrAlreadyRevokedTokenWithInvalidToken()
    {
        await using var host = await StartAsync();
        var tokens = await host.ConnectAsync();
        using var first = await RevokeAsync(host, tokens.RefreshToken!);

        using var again = await RevokeAsync(host, tokens.RefreshToken!);
        using var unknown = await RevokeAsync(host, "never-issued");
        using var missing = await host.Client.PostAsync(new Uri("oauth2/revoke", UriKind.Relative), new FormUrlEncodedContent([]), Ct);

        await AssertOAuthErrorAsync(again, HttpStatusCode.BadRequest, "invalid_token", "Token expired or revoked");
        await AssertOAuthErrorAsync(unknown, HttpStatusCode.BadRequest, "invalid_token", "Token expired or revoked");
        await AssertOAuthErrorAsync(missing, HttpStatusCode.BadRequest, "invalid_request");
    }

    [Fact]
    public async Task AnswersAGetWith404AndRevokesNothing()
    {
        await using var host = await StartAsync();
        var tokens = await host.ConnectAsync();

        using var response = await host.Client.GetAsync(new Uri($"oauth2/revoke?token={Uri.EscapeDataString(tokens.RefreshToken!)}", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.True(host.State.HasAccess(GoogleTestUsers.Owner));
    }
}
