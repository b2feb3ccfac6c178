using System.Globalization;
using System.Net;
using System.Text.Json;
using Junocal.Sandbox.Google.Push;
using Junocal.Sandbox.Google.Users;
using Junocal.Tests.Infrastructure;
using static Junocal.Tests.Sandbox.Google.GoogleSandboxHost;

namespace Junocal.Tests.Sandbox.Google;

/// <summary><c>events.watch</c>, the notifications it brings to a real receiver, and <c>channels.stop</c>.</summary>
public class GoogleSandboxWatchChannels
{
    private const string ChannelToken = "channel-secret-0123456789abcdef";

    private static async Task<(GoogleSandboxHost Host, NotificationReceiver Receiver, string Token, string CalendarId)> WatchedAsync()
    {
        var host = await StartAsync();
        var receiver = await NotificationReceiver.StartAsync();
        var tokens = await host.ConnectAsync();
        return (host, receiver, tokens.AccessToken, await host.CreateCalendarAsync(tokens.AccessToken));
    }

    private static Task<HttpResponseMessage> WatchAsync(GoogleSandboxHost host, string token, string calendarId, object body) =>
        host.ApiAsync(HttpMethod.Post, EventsPath(calendarId, "/watch"), token, body);

    private static Dictionary<string, object?> Channel(Uri address, string id = "channel-1", object? extra = null)
    {
        var body = new Dictionary<string, object?> { ["id"] = id, ["type"] = "web_hook", ["address"] = address.ToString(), ["token"] = ChannelToken };
        if (extra is not null)
        {
            foreach (var property in JsonSerializer.SerializeToElement(extra).EnumerateObject())
            {
                body[property.Name] = property.Value;
            }
        }

        return body;
    }

    private static async Task<JsonElement> WatchOkAsync(GoogleSandboxHost host, string token, string calendarId, object body)
    {
        using var response = await WatchAsync(host, token, calendarId, body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ReadJsonAsync(response);
    }

    [Fact]
    public async Task AnswersTheChannelAndSendsTheSyncMessageWithGooglesHeaders()
    {
        var (host, receiver, token, calendarId) = await WatchedAsync();
        await using var ownedHost = host;
        await using var ownedReceiver = receiver;

        var channel = await WatchOkAsync(host, token, calendarId, Channel(receiver.Url));
        var sync = await receiver.WaitForAsync("sync");

        Assert.Equal("api#channel", channel.GetProperty("kind").GetString());
        Assert.Equal("channel-1", channel.GetProperty("id").GetString());
        Assert.Equal(ChannelToken, channel.GetProperty("token").GetString());
        var resourceId = channel.GetProperty("resourceId").GetString()!;
        var expiration = long.Parse(channel.GetProperty("expiration").GetString()!, CultureInfo.InvariantCulture);
        Assert.Equal(TestCalendar.FakeNow.AddSeconds(604800).ToUnixTimeMilliseconds(), expiration);
        Assert.EndsWith($"calendar/v3/calendars/{Uri.EscapeDataString(calendarId)}/events?alt=json", channel.GetProperty("resourceUri").GetString(), StringComparison.Ordinal);
        Assert.Equal("channel-1", sync.Header("X-Goog-Channel-ID"));
        Assert.Equal(ChannelToken, sync.Header("X-Goog-Channel-Token"));
        Assert.Equal(resourceId, sync.Header("X-Goog-Resource-ID"));
        Assert.Equal(channel.GetProperty("resourceUri").GetString(), sync.Header("X-Goog-Resource-URI"));
        Assert.Equal("1", sync.Header("X-Goog-Message-Number"));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(expiration).UtcDateTime.ToString("R", CultureInfo.InvariantCulture), sync.Header("X-Goog-Channel-Expiration"));
        Assert.Equal("APIs-Google", sync.Header("User-Agent"));
        Assert.Equal("", sync.Body);
    }

    [Fact]
    public async Task TheResourceIdIsStablePerCalendar()
    {
        var (host, receiver, token, calendarId) = await WatchedAsync();
        await using var ownedHost = host;
        await using var ownedReceiver = receiver;

        var first = await WatchOkAsync(host, token, calendarId, Channel(receiver.Url, "channel-1"));
        var second = await WatchOkAsync(host, token, calendarId, Channel(receiver.Url, "channel-2"));

        Assert.Equal(first.GetProperty("resourceId").GetString(), second.GetProperty("resourceId").GetString());
    }

    [Fact]
    public async Task SendsExistsForEveryChangeWithIncreasingNonConsecutiveNumbers()
    {
        var (host, receiver, token, calendarId) = await WatchedAsync();
        await using var ownedHost = host;
        await using var ownedReceiver = receiver;
        host.State.Knobs.ConferenceDelay = TimeSpan.Zero;
        await WatchOkAsync(host, token, calendarId, Channel(receiver.Url));
        await receiver.WaitForAsync("sync");

        var e = await host.InsertEventAsync(token, calendarId, EventBody("jc00000000001"));
        await host.ApiAsync(HttpMethod.Patch, EventsPath(calendarId, "/jc00000000001"), token, new { summary = "Moved" });
        await host.ApiAsync(HttpMethod.Delete, EventsPath(calendarId, "/jc00000000001"), token);
        var third = await receiver.WaitForAsync("exists", 3);

        // Each message goes out on its own, so they may arrive out of order (Google promises no order either);
        // the numbers grow in the order the changes happened.
        var numbers = host.State.NotificationsSent.Select(n => n.MessageNumber).ToList();
        Assert.Equal(numbers.Order(), receiver.Received.Select(n => n.Number).Order());
        Assert.Equal(4, numbers.Count);
        Assert.Equal(1, numbers[0]);
        Assert.All(numbers.Zip(numbers.Skip(1)), pair => Assert.True(pair.Second > pair.First + 1, $"{pair.First} then {pair.Second}"));
        Assert.Equal(ChannelToken, third.Header("X-Goog-Channel-Token"));
        Assert.Equal("jc00000000001", e.GetProperty("id").GetString());
    }

    [Fact]
    public async Task ConferenceSuccessAndDashboardDeletesNotifyToo()
    {
        var (host, receiver, token, calendarId) = await WatchedAsync();
        await using var ownedHost = host;
        await using var ownedReceiver = receiver;
        host.State.Knobs.ConferenceDelay = TimeSpan.FromSeconds(2);
        await WatchOkAsync(host, token, calendarId, Channel(receiver.Url));
        await host.InsertEventAsync(token, calendarId, EventBody("jc00000000001"));
        await receiver.WaitForAsync("exists", 1);

        host.Clock.Advance(TimeSpan.FromSeconds(2));
        await receiver.WaitForAsync("exists", 2);
        Assert.True(host.State.DeleteEventInGoogle(calendarId, "jc00000000001"));
        await receiver.WaitForAsync("exists", 3);

        Assert.Equal("success", host.State.FindEvent(calendarId, "jc00000000001")!.Conference!.Status.ToString().ToLowerInvariant());
        Assert.True(host.State.FindEvent(calendarId, "jc00000000001")!.IsCancelled);
    }

    [Fact]
    public async Task NotifiesOnlyTheChannelsOfTheChangedCalendar()
    {
        var (host, receiver, token, calendarId) = await WatchedAsync();
        await using var ownedHost = host;
        await using var ownedReceiver = receiver;
        var other = await host.CreateCalendarAsync(token, "Other");
        await WatchOkAsync(host, token, other, Channel(receiver.Url, "on-other"));
        await receiver.WaitForAsync("sync");

        await host.InsertEventAsync(token, calendarId, EventBody(requestId: null));

        Assert.DoesNotContain(host.State.NotificationsSent, n => n.ResourceState == "exists");
    }

    public static TheoryData<string, string> BadChannels => new()
    {
        { """{"id":"","type":"web_hook","address":"https://example.test/hook"}""", "required" },
        { $$"""{"id":"{{new string('c', 65)}}","type":"web_hook","address":"https://example.test/hook"}""", "invalid" },
        { """{"id":"c1","type":"email","address":"https://example.test/hook"}""", "invalid" },
        { """{"id":"c1","type":"web_hook","address":"http://example.test/hook"}""", "pushWebhookBadDomain" },
        { """{"id":"c1","type":"web_hook","address":"not a url"}""", "pushWebhookBadDomain" },
        { $$"""{"id":"c1","type":"web_hook","address":"https://example.test/hook","token":"{{new string('t', 257)}}"}""", "invalid" },
        { """{"id":"c1","type":"web_hook","address":"https://example.test/hook","params":{"ttl":"soon"}}""", "invalid" },
        { """{"id":"c1","type":"web_hook","address":"https://example.test/hook","expiration":"1000"}""", "invalid" },
    };

    [Theory]
    [MemberData(nameof(BadChannels))]
    public async Task RefusesABadChannel(string body, string reason)
    {
        await using var host = await StartAsync();
        var tokens = await host.ConnectAsync();
        var calendarId = await host.CreateCalendarAsync(tokens.AccessToken);

        using var response = await WatchAsync(host, tokens.AccessToken, calendarId, body);

        await AssertApiErrorAsync(response, HttpStatusCode.BadRequest, reason);
        Assert.Empty(host.State.ChannelList);
    }

    [Fact]
    public async Task RefusesALiveChannelIdAgainButTakesItAfterTheStop()
    {
        var (host, receiver, token, calendarId) = await WatchedAsync();
        await using var ownedHost = host;
        await using var ownedReceiver = receiver;
        var first = await WatchOkAsync(host, token, calendarId, Channel(receiver.Url));

        using var again = await WatchAsync(host, token, calendarId, Channel(receiver.Url));
        await host.ApiAsync(HttpMethod.Post, "calendar/v3/channels/stop", token, new { id = "channel-1", resourceId = first.GetProperty("resourceId").GetString() });
        using var afterStop = await WatchAsync(host, token, calendarId, Channel(receiver.Url));

        await AssertApiErrorAsync(again, HttpStatusCode.BadRequest, "invalid");
        Assert.Equal(HttpStatusCode.OK, afterStop.StatusCode);
    }

    [Fact]
    public async Task TakesTheEarliestOfTheAskedExpirationTheTtlAndTheCap()
    {
        var (host, receiver, token, calendarId) = await WatchedAsync();
        await using var ownedHost = host;
        await using var ownedReceiver = receiver;
        var inAnHour = TestCalendar.FakeNow.AddHours(1).ToUnixTimeMilliseconds();

        var asked = await WatchOkAsync(host, token, calendarId, Channel(receiver.Url, "a", new { expiration = inAnHour }));
        var ttl = await WatchOkAsync(host, token, calendarId, Channel(receiver.Url, "b", new { @params = new { ttl = "600" } }));
        var capped = await WatchOkAsync(host, token, calendarId, Channel(receiver.Url, "c", new { @params = new { ttl = "99999999" } }));

        Assert.Equal(inAnHour.ToString(CultureInfo.InvariantCulture), asked.GetProperty("expiration").GetString());
        Assert.Equal(TestCalendar.FakeNow.AddMinutes(10).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), ttl.GetProperty("expiration").GetString());
        Assert.Equal(TestCalendar.FakeNow.AddDays(7).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), capped.GetProperty("expiration").GetString());
    }

    [Fact]
    public async Task RetriesA503ButNotA404()
    {
        var (host, receiver, token, calendarId) = await WatchedAsync();
        await using var ownedHost = host;
        await using var ownedReceiver = receiver;
        receiver.AnswerNext(503);
        await WatchOkAsync(host, token, calendarId, Channel(receiver.Url));
        var sync = host.State.NotificationsSent.Single();

        // The retry waits a second of the sandbox's clock.
        await Eventually.HoldsAsync(() =>
        {
            host.Clock.Advance(TimeSpan.FromMilliseconds(200));
            return Task.FromResult(sync.Completion.IsCompleted);
        }, "the sync message delivered on its retry");
        receiver.AnswerNext(404);
        await host.InsertEventAsync(token, calendarId, EventBody(requestId: null));
        var exists = await host.State.NotificationsSent.Single(n => n.ResourceState == "exists").Completion;

        Assert.Equal(NotificationStatus.Delivered, sync.Status);
        Assert.Equal([503, 200], sync.Attempts.Select(a => a.StatusCode));
        Assert.Equal(NotificationStatus.Failed, exists.Status);
        Assert.Equal([404], exists.Attempts.Select(a => a.StatusCode));
    }

    [Fact]
    public async Task StopsTheChannelSoNothingMoreArrives()
    {
        var (host, receiver, token, calendarId) = await WatchedAsync();
        await using var ownedHost = host;
        await using var ownedReceiver = receiver;
        var channel = await WatchOkAsync(host, token, calendarId, Channel(receiver.Url));
        await receiver.WaitForAsync("sync");

        using var stop = await host.ApiAsync(HttpMethod.Post, "calendar/v3/channels/stop", token,
            new { id = "channel-1", resourceId = channel.GetProperty("resourceId").GetString() });
        await host.InsertEventAsync(token, calendarId, EventBody(requestId: null));
        using var again = await host.ApiAsync(HttpMethod.Post, "calendar/v3/channels/stop", token,
            new { id = "channel-1", resourceId = channel.GetProperty("resourceId").GetString() });

        Assert.Equal(HttpStatusCode.NoContent, stop.StatusCode);
        Assert.NotNull(host.State.ChannelList.Single().StoppedAt);
        Assert.DoesNotContain(host.State.NotificationsSent, n => n.ResourceState == "exists");
        var item = await AssertApiErrorAsync(again, HttpStatusCode.NotFound, "notFound");
        Assert.Equal("Channel 'channel-1' not found for project '914025371688'", item.GetProperty("message").GetString());
    }

    [Fact]
    public async Task RefusesToStopAnUnknownChannelOrAnotherUsersAndWithoutAToken()
    {
        var (host, receiver, token, calendarId) = await WatchedAsync();
        await using var ownedHost = host;
        await using var ownedReceiver = receiver;
        var channel = await WatchOkAsync(host, token, calendarId, Channel(receiver.Url));
        var other = await host.ConnectAsync(GoogleTestUsers.Other);
        var resourceId = channel.GetProperty("resourceId").GetString();

        using var wrongResource = await host.ApiAsync(HttpMethod.Post, "calendar/v3/channels/stop", token, new { id = "channel-1", resourceId = "other" });
        using var othersStop = await host.ApiAsync(HttpMethod.Post, "calendar/v3/channels/stop", other.AccessToken, new { id = "channel-1", resourceId });
        using var anonymous = await host.ApiAsync(HttpMethod.Post, "calendar/v3/channels/stop", null, new { id = "channel-1", resourceId });

        await AssertApiErrorAsync(wrongResource, HttpStatusCode.NotFound, "notFound");
        await AssertApiErrorAsync(othersStop, HttpStatusCode.Forbidden, "forbidden");
        await AssertApiErrorAsync(anonymous, HttpStatusCode.Unauthorized, "authError");
        Assert.Null(host.State.ChannelList.Single().StoppedAt);
    }

    [Fact]
    public async Task AnExpiredChannelGetsNothingMore()
    {
        var (host, receiver, token, calendarId) = await WatchedAsync();
        await using var ownedHost = host;
        await using var ownedReceiver = receiver;
        await WatchOkAsync(host, token, calendarId, Channel(receiver.Url, extra: new { @params = new { ttl = "60" } }));
        await receiver.WaitForAsync("sync");

        host.Clock.Advance(TimeSpan.FromMinutes(1));
        await host.InsertEventAsync(token, calendarId, EventBody(requestId: null));

        Assert.DoesNotContain(host.State.NotificationsSent, n => n.ResourceState == "exists");
    }

    [Fact]
    public async Task DropsNotificationsWithTheKnob()
    {
        var (host, receiver, token, calendarId) = await WatchedAsync();
        await using var ownedHost = host;
        await using var ownedReceiver = receiver;
        await WatchOkAsync(host, token, calendarId, Channel(receiver.Url));
        await receiver.WaitForAsync("sync");
        host.State.Knobs.DropNotifications = true;

        await host.InsertEventAsync(token, calendarId, EventBody(requestId: null));
        host.State.Knobs.DropNotifications = false;
        await host.InsertEventAsync(token, calendarId, EventBody(requestId: null));
        await receiver.WaitForAsync("exists");
        // The receiver has the message before the sandbox has read its answer and marked the delivery.
        var deliveries = await Task.WhenAll(host.State.NotificationsSent.Select(n => n.Completion));

        Assert.Equal([NotificationStatus.Delivered, NotificationStatus.Dropped, NotificationStatus.Delivered],
            deliveries.Select(n => n.Status));
        Assert.Equal(2, receiver.Received.Count);
    }

    [Fact]
    public async Task AnswersTheWatchAfterTheSyncMessageWithTheKnob()
    {
        var (host, receiver, token, calendarId) = await WatchedAsync();
        await using var ownedHost = host;
        await using var ownedReceiver = receiver;
        host.State.Knobs.SyncBeforeWatchResponse = true;

        await WatchOkAsync(host, token, calendarId, Channel(receiver.Url));

        Assert.Single(receiver.Received);
    }

    [Fact]
    public async Task AcceptsPlainHttpOnlyToLoopback()
    {
        await using var host = await StartAsync();
        var tokens = await host.ConnectAsync();
        var calendarId = await host.CreateCalendarAsync(tokens.AccessToken);

        using var localhost = await WatchAsync(host, tokens.AccessToken, calendarId, Channel(new Uri("http://localhost:5180/api/webhooks/google"), "l"));
        using var https = await WatchAsync(host, tokens.AccessToken, calendarId, Channel(new Uri("https://studio.example.test/api/webhooks/google"), "h"));

        Assert.Equal(HttpStatusCode.OK, localhost.StatusCode);
        Assert.Equal(HttpStatusCode.OK, https.StatusCode);
    }
}
