using System.Net;
using Junocal.Sandbox.Google.Users;
using static Junocal.Tests.Sandbox.Google.GoogleSandboxHost;

namespace Junocal.Tests.Sandbox.Google;

public class GoogleSandboxDashboard
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<HttpResponseMessage> PostFormAsync(GoogleSandboxHost host, string path, Dictionary<string, string>? fields = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = new FormUrlEncodedContent(fields ?? []) };
        request.Headers.Add("Origin", host.Root.GetLeftPart(UriPartial.Authority));
        return await host.Client.SendAsync(request, Ct);
    }

    [Fact]
    public async Task ListsAccountsCalendarsEventsAndChannelsWithoutSecrets()
    {
        await using var host = await StartAsync(options => options.ConferenceDelay = TimeSpan.Zero);
        var tokens = await host.ConnectAsync();
        var calendarId = await host.CreateCalendarAsync(tokens.AccessToken, "Junocal – Juno Pilates");
        var e = await host.InsertEventAsync(tokens.AccessToken, calendarId, EventBody("jc0000000001", summary: "Evening flow"));
        await host.ApiAsync(HttpMethod.Post, EventsPath(calendarId, "/watch"), tokens.AccessToken,
            new { id = "channel-1", type = "web_hook", address = "https://studio.example.test/api/webhooks/google", token = "channel-secret" });

        var page = await host.Client.GetStringAsync(new Uri("", UriKind.Relative), Ct);

        Assert.Contains("<html lang=\"en\">", page, StringComparison.Ordinal);
        Assert.Contains("<h1>Google sandbox</h1>", page, StringComparison.Ordinal);
        Assert.Contains("Junocal – Juno Pilates", page, StringComparison.Ordinal);
        Assert.Contains("Evening flow", page, StringComparison.Ordinal);
        Assert.Contains(WebUtility.HtmlEncode(e.GetProperty("hangoutLink").GetString()!), page, StringComparison.Ordinal);
        Assert.Contains(">Delete event in Google<span class=\"visually-hidden\">: Evening flow</span></button>", page, StringComparison.Ordinal);
        Assert.Contains($">Remove Junocal&#39;s access<span class=\"visually-hidden\"> for {GoogleTestUsers.Owner.Email}</span></button>", page, StringComparison.Ordinal);
        Assert.Contains("channel-1", page, StringComparison.Ordinal);
        Assert.Contains("POST /sandbox/google/calendar/v3/calendars", page, StringComparison.Ordinal);
        Assert.DoesNotContain(tokens.AccessToken, page, StringComparison.Ordinal);
        Assert.DoesNotContain(tokens.RefreshToken!, page, StringComparison.Ordinal);
        Assert.DoesNotContain("channel-secret", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeletesAnEventInGoogleFromItsButtonAndNotifiesTheWatchers()
    {
        await using var host = await StartAsync();
        await using var receiver = await NotificationReceiver.StartAsync();
        var tokens = await host.ConnectAsync();
        var calendarId = await host.CreateCalendarAsync(tokens.AccessToken);
        await host.InsertEventAsync(tokens.AccessToken, calendarId, EventBody("jc0000000001", requestId: null));
        await host.ApiAsync(HttpMethod.Post, EventsPath(calendarId, "/watch"), tokens.AccessToken,
            new { id = "channel-1", type = "web_hook", address = receiver.Url.ToString(), token = "t" });

        using var response = await PostFormAsync(host, "dashboard/events/delete", new() { ["calendarId"] = calendarId, ["eventId"] = "jc0000000001" });
        var notification = await receiver.WaitForAsync("exists");

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.StartsWith("/sandbox/google/?done=", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.True(host.State.FindEvent(calendarId, "jc0000000001")!.IsCancelled);
        Assert.Equal("channel-1", notification.Header("X-Goog-Channel-ID"));
    }

    [Fact]
    public async Task RemovesTheMeetFromAnEventFromItsButton()
    {
        await using var host = await StartAsync(options => options.ConferenceDelay = TimeSpan.Zero);
        var tokens = await host.ConnectAsync();
        var calendarId = await host.CreateCalendarAsync(tokens.AccessToken);
        await host.InsertEventAsync(tokens.AccessToken, calendarId, EventBody("jc0000000001"));

        using var response = await PostFormAsync(host, "dashboard/events/remove-meet", new() { ["calendarId"] = calendarId, ["eventId"] = "jc0000000001" });
        var e = await host.GetEventAsync(tokens.AccessToken, calendarId, "jc0000000001");

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.False(e.TryGetProperty("hangoutLink", out _));
        Assert.Equal("confirmed", e.GetProperty("status").GetString());
    }

    [Fact]
    public async Task RemovesJunocalsAccessFromItsButton()
    {
        await using var host = await StartAsync();
        var tokens = await host.ConnectAsync();

        using var response = await PostFormAsync(host, $"dashboard/users/{GoogleTestUsers.Owner.Sub}/remove-access");
        using var refresh = await host.RefreshAsync(tokens.RefreshToken!);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        await AssertOAuthErrorAsync(refresh, HttpStatusCode.BadRequest, "invalid_grant", "Token has been expired or revoked.");
        var page = await host.Client.GetStringAsync(response.Headers.Location!.ToString().Replace("/sandbox/google/", "", StringComparison.Ordinal), Ct);
        Assert.Contains($"Junocal&#39;s access removed: every token of {GoogleTestUsers.Owner.Email} stopped working.", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidatesEverySyncTokenFromItsButton()
    {
        await using var host = await StartAsync();
        var tokens = await host.ConnectAsync();
        var calendarId = await host.CreateCalendarAsync(tokens.AccessToken);
        var list = await ReadJsonAsync(await host.ApiAsync(HttpMethod.Get, EventsPath(calendarId), tokens.AccessToken));

        using var response = await PostFormAsync(host, "dashboard/sync-tokens/invalidate");
        using var sync = await host.ApiAsync(HttpMethod.Get,
            EventsPath(calendarId, $"?syncToken={Uri.EscapeDataString(list.GetProperty("nextSyncToken").GetString()!)}"), tokens.AccessToken);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        await AssertApiErrorAsync(sync, HttpStatusCode.Gone, "fullSyncRequired");
    }

    [Fact]
    public async Task RefusesCrossSiteFormPosts()
    {
        await using var host = await StartAsync();
        var tokens = await host.ConnectAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"dashboard/users/{GoogleTestUsers.Owner.Sub}/remove-access", UriKind.Relative));
        request.Headers.Add("Origin", "https://evil.test");

        using var response = await host.Client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.True(host.State.HasAccess(GoogleTestUsers.Owner));
    }

    [Fact]
    public async Task ServesEventsNotificationsAndRequestsAsJson()
    {
        await using var host = await StartAsync();
        var tokens = await host.ConnectAsync();
        var calendarId = await host.CreateCalendarAsync(tokens.AccessToken);
        await host.InsertEventAsync(tokens.AccessToken, calendarId, EventBody("jc0000000001"));

        var events = await ReadJsonAsync(await host.Client.GetAsync(new Uri("events", UriKind.Relative), Ct));
        var requests = await ReadJsonAsync(await host.Client.GetAsync(new Uri("requests", UriKind.Relative), Ct));
        var notifications = await ReadJsonAsync(await host.Client.GetAsync(new Uri("notifications", UriKind.Relative), Ct));

        var e = Assert.Single(events.EnumerateArray());
        Assert.Equal("jc0000000001", e.GetProperty("id").GetString());
        Assert.Equal("pending", e.GetProperty("conferenceStatus").GetString());
        Assert.Contains(requests.EnumerateArray(), r => r.GetProperty("endpoint").GetString() == "InsertEvent" && r.GetProperty("statusCode").GetInt32() == 200);
        Assert.Empty(notifications.EnumerateArray());
    }
}
