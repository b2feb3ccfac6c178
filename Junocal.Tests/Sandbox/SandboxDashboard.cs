using System.Globalization;
using System.Net;
using Junocal.Sandbox.Users;
using Junocal.Tests.Infrastructure;

namespace Junocal.Tests.Sandbox;

public class SandboxDashboard
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ListsUsersGrantsMeetingsAndRequestsWithoutSecrets()
    {
        await using var host = await SandboxHost.StartAsync();
        var tokens = await host.ConnectAsync(TestUsers.Owner);
        var meeting = await host.CreateMeetingAsync(tokens.AccessToken, new
        {
            topic = "Evening flow",
            type = 2,
            start_time = TestCalendar.ZoomLocal(SandboxHost.AfterTheClockChange.AddHours(19)),
            timezone = "Europe/London",
            duration = 45,
            settings = new { waiting_room = true },
        });

        var page = await host.Client.GetStringAsync(new Uri("", UriKind.Relative), Ct);

        Assert.Contains("<html lang=\"en\">", page, StringComparison.Ordinal);
        Assert.Contains("<h2>Grants</h2>", page, StringComparison.Ordinal);
        Assert.Contains("Evening flow", page, StringComparison.Ordinal);
        Assert.Contains(SandboxHost.AfterTheClockChange.AddHours(19).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), page, StringComparison.Ordinal);
        Assert.Contains("waiting room on", page, StringComparison.Ordinal);
        Assert.Contains(WebUtility.HtmlEncode(meeting.GetProperty("join_url").GetString()!), page, StringComparison.Ordinal);
        Assert.Contains(">Delete in Zoom<span class=\"visually-hidden\">: Evening flow</span></button>", page, StringComparison.Ordinal);
        Assert.Contains($">Uninstall app<span class=\"visually-hidden\"> for {TestUsers.Owner.Email}</span></button>", page, StringComparison.Ordinal);
        Assert.Contains("POST /sandbox/zoom/v2/users/me/meetings", page, StringComparison.Ordinal);
        Assert.DoesNotContain(tokens.AccessToken, page, StringComparison.Ordinal);
        Assert.DoesNotContain(tokens.RefreshToken, page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeletesAMeetingFromItsButtonAndRedirectsBack()
    {
        await using var host = await SandboxHost.StartAsync();
        var tokens = await host.ConnectAsync(TestUsers.Owner);
        var id = (await host.CreateMeetingAsync(tokens.AccessToken)).GetProperty("id").GetInt64();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"dashboard/meetings/{id}/delete", UriKind.Relative));
        request.Headers.Add("Origin", host.Root.GetLeftPart(UriPartial.Authority));

        using var response = await host.Client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.StartsWith("/sandbox/zoom/?done=", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Empty(host.State.Meetings);
        Assert.Equal("meeting.deleted", Assert.Single(host.State.WebhookDeliveries).Event);
    }

    [Fact]
    public async Task UninstallsTheAppFromItsButton()
    {
        await using var host = await SandboxHost.StartAsync();
        await host.ConnectAsync(TestUsers.Owner);

        using var response = await host.Client.PostAsync(new Uri($"dashboard/users/{TestUsers.Owner.Id}/uninstall", UriKind.Relative), null, Ct);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.DoesNotContain(host.State.Grants, grant => grant.IsActive);
        Assert.Equal("app_deauthorized", Assert.Single(host.State.WebhookDeliveries).Event);
    }

    [Fact]
    public async Task RefusesACrossSiteButtonPost()
    {
        await using var host = await SandboxHost.StartAsync();
        await host.ConnectAsync(TestUsers.Owner);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"dashboard/users/{TestUsers.Owner.Id}/uninstall", UriKind.Relative));
        request.Headers.Add("Sec-Fetch-Site", "cross-site");

        using var response = await host.Client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains(host.State.Grants, grant => grant.IsActive);
    }

    [Fact]
    public async Task RefusesAButtonPostThatSaysNeitherItsOriginNorItsSite()
    {
        await using var host = await SandboxHost.StartAsync();
        await host.ConnectAsync(TestUsers.Owner);
        using var bare = new HttpClient { BaseAddress = host.Root };

        using var response = await bare.PostAsync(new Uri($"dashboard/users/{TestUsers.Owner.Id}/uninstall", UriKind.Relative), null, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains(host.State.Grants, grant => grant.IsActive);
    }

    [Fact]
    public async Task AcceptsASameSiteButtonPostFromAPageThatSendsNoReferrer()
    {
        await using var host = await SandboxHost.StartAsync();
        await host.ConnectAsync(TestUsers.Owner);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"dashboard/users/{TestUsers.Owner.Id}/uninstall", UriKind.Relative));
        request.Headers.Add("Origin", "null"); // what Chromium sends under Referrer-Policy: no-referrer

        using var response = await host.Client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.DoesNotContain(host.State.Grants, grant => grant.IsActive);
    }

    [Fact]
    public async Task ServesTheJoinLinkOfAMeeting()
    {
        await using var host = await SandboxHost.StartAsync();
        var tokens = await host.ConnectAsync(TestUsers.Owner);
        var joinUrl = (await host.CreateMeetingAsync(tokens.AccessToken)).GetProperty("join_url").GetString()!;

        var page = await host.Client.GetStringAsync(new Uri(joinUrl), Ct);

        Assert.Contains("Reformer basics", page, StringComparison.Ordinal);
    }
}
