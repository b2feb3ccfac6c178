using System.Net;
using Junocal.Sandbox.Google.Users;
using static Junocal.Tests.Sandbox.Google.GoogleSandboxHost;

namespace Junocal.Tests.Sandbox.Google;

public class GoogleSandboxUserInfoEndpoint
{
    [Fact]
    public async Task AnswersWhoTheTokenBelongsTo()
    {
        await using var host = await StartAsync();
        var tokens = await host.ConnectAsync(GoogleTestUsers.Unverified);

        using var response = await host.ApiAsync(HttpMethod.Get, "openidconnect/v1/userinfo", tokens.AccessToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await ReadJsonAsync(response);
        Assert.Equal(GoogleTestUsers.Unverified.Sub, json.GetProperty("sub").GetString());
        Assert.Equal(GoogleTestUsers.Unverified.Email, json.GetProperty("email").GetString());
        Assert.False(json.GetProperty("email_verified").GetBoolean());
        Assert.False(json.TryGetProperty("name", out _));
    }

    [Fact]
    public async Task AddsTheNameWithTheProfileScope()
    {
        await using var host = await StartAsync();
        var tokens = await host.ConnectAsync(scopes: "openid email profile");

        var json = await ReadJsonAsync(await host.ApiAsync(HttpMethod.Get, "openidconnect/v1/userinfo", tokens.AccessToken));

        Assert.Equal(GoogleTestUsers.Owner.Name, json.GetProperty("name").GetString());
    }

    [Fact]
    public async Task RefusesAMissingOrUnknownTokenAndOneWithoutASignInScope()
    {
        await using var host = await StartAsync();
        var calendarOnly = await host.ConnectAsync(scopes: AppCreated);

        using var none = await host.ApiAsync(HttpMethod.Get, "openidconnect/v1/userinfo", null);
        using var unknown = await host.ApiAsync(HttpMethod.Get, "openidconnect/v1/userinfo", "ya29.unknown");
        using var noScope = await host.ApiAsync(HttpMethod.Get, "openidconnect/v1/userinfo", calendarOnly.AccessToken);

        await AssertOAuthErrorAsync(none, HttpStatusCode.Unauthorized, "invalid_token");
        await AssertOAuthErrorAsync(unknown, HttpStatusCode.Unauthorized, "invalid_token");
        await AssertOAuthErrorAsync(noScope, HttpStatusCode.Unauthorized, "invalid_token");
        Assert.Contains("invalid_token", unknown.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }
}
