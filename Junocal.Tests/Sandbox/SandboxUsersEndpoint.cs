using System.Net;
using Junocal.Sandbox.Users;

namespace Junocal.Tests.Sandbox;

public class SandboxUsersEndpoint
{
    [Fact]
    public async Task ReturnsIdEmailAndAccountWithUserReadScope()
    {
        await using var host = await SandboxHost.StartAsync();
        var tokens = await host.ConnectAsync(TestUsers.Other, "user:read:user");

        using var response = await host.ApiAsync(HttpMethod.Get, "v2/users/me", tokens.AccessToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await SandboxHost.ReadJsonAsync(response);
        Assert.Equal(TestUsers.Other.Id, json.GetProperty("id").GetString());
        Assert.Equal("zoom.other@other-account.test", json.GetProperty("email").GetString());
        Assert.Equal(TestUsers.OtherAccountId, json.GetProperty("account_id").GetString());
        Assert.Equal("America/New_York", json.GetProperty("timezone").GetString());
    }

    [Fact]
    public async Task Answers4711NamingTheScopeWithoutUserReadScope()
    {
        await using var host = await SandboxHost.StartAsync();
        var tokens = await host.ConnectAsync(TestUsers.Owner, "meeting:write:meeting meeting:update:meeting meeting:delete:meeting");

        using var response = await host.ApiAsync(HttpMethod.Get, "v2/users/me", tokens.AccessToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var json = await SandboxHost.ReadJsonAsync(response);
        Assert.Equal(4711, json.GetProperty("code").GetInt32());
        Assert.Equal("Invalid access token, does not contain scopes:[user:read:user:admin, user:read:user].", json.GetProperty("message").GetString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-token")]
    [InlineData("eyJhbGciOiJIUzUxMiJ9.eyJ1aWQiOiJ4In0.c2ln")]
    public async Task Answers124ForMissingOrGarbledToken(string? token)
    {
        await using var host = await SandboxHost.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("v2/users/me", UriKind.Relative));
        if (token is not null)
        {
            request.Headers.Authorization = new("Bearer", token);
        }

        using var response = await host.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var json = await SandboxHost.ReadJsonAsync(response);
        Assert.Equal(124, json.GetProperty("code").GetInt32());
        Assert.Equal("Invalid access token.", json.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Answers124WhenTheAccessTokenHasExpired()
    {
        await using var host = await SandboxHost.StartAsync();
        var tokens = await host.ConnectAsync(TestUsers.Owner);
        host.Clock.Advance(TimeSpan.FromHours(1));

        using var response = await host.ApiAsync(HttpMethod.Get, "v2/users/me", tokens.AccessToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var json = await SandboxHost.ReadJsonAsync(response);
        Assert.Equal(124, json.GetProperty("code").GetInt32());
        Assert.Equal("Access token is expired.", json.GetProperty("message").GetString());
    }
}
