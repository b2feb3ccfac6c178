using System.Net;
using Junocal.Sandbox.Faults;
using Junocal.Sandbox.Users;

namespace Junocal.Tests.Sandbox;

public class ZoomSandboxStateReset
{
    [Fact]
    public async Task ForgetsGrantsTokensMeetingsFaultsAndLogs()
    {
        await using var host = await SandboxHost.StartAsync();
        var tokens = await host.ConnectAsync(TestUsers.Owner);
        await host.CreateMeetingAsync(tokens.AccessToken);
        host.State.UninstallApp(TestUsers.Owner.Id);
        host.State.Faults.Script(SandboxEndpoint.Token, FaultKind.ServerError);

        host.State.Reset();

        Assert.Empty(host.State.Grants);
        Assert.Empty(host.State.Tokens);
        Assert.Empty(host.State.Meetings);
        Assert.Empty(host.State.Faults.Pending);
        Assert.Empty(host.State.Requests);
        Assert.Empty(host.State.WebhookDeliveries);
        Assert.Equal(0, host.State.DailyRequestsUsed(TestUsers.Owner.Id));
        using var response = await host.ApiAsync(HttpMethod.Get, "v2/users/me", tokens.AccessToken);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
