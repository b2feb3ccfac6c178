using System.Net;
using System.Text.Json;
using Junocal.Sandbox.Google;
using Junocal.Sandbox.Google.Users;
using Junocal.Tests.Infrastructure;
using static Junocal.Tests.Sandbox.Google.GoogleSandboxHost;

namespace Junocal.Tests.Sandbox.Google;

public class GoogleSandboxEventsEndpoint
{
    private const string EventId = "jc0123456789abcdefghijklmnopqrstuvg1";

    private static string StatusCode(JsonElement e) =>
        e.GetProperty("conferenceData").GetProperty("createRequest").GetProperty("status").GetProperty("statusCode").GetString()!;

    private static async Task<(GoogleSandboxHost Host, string Token, string CalendarId)> ConnectedAsync(Action<GoogleSandboxOptions>? configure = null)
    {
        var host = await StartAsync(configure);
        var tokens = await host.ConnectAsync();
        return (host, tokens.AccessToken, await host.CreateCalendarAsync(tokens.AccessToken));
    }

    [Fact]
    public async Task InsertsAnEventWithAClientChosenIdAndAPendingConference()
    {
        var (host, token, calendarId) = await ConnectedAsync();
        await using var owned = host;

        var e = await host.InsertEventAsync(token, calendarId, EventBody(EventId), "?conferenceDataVersion=1&sendUpdates=none");

        Assert.Equal("calendar#event", e.GetProperty("kind").GetString());
        Assert.Equal(EventId, e.GetProperty("id").GetString());
        Assert.Equal("confirmed", e.GetProperty("status").GetString());
        Assert.Equal("Yoga Flow (virtual)", e.GetProperty("summary").GetString());
        Assert.Equal($"{EventId}@google.com", e.GetProperty("iCalUID").GetString());
        Assert.Equal(0, e.GetProperty("sequence").GetInt32());
        Assert.Equal("default", e.GetProperty("eventType").GetString());
        Assert.Equal(TestCalendar.ZoomUtc(EventStart), e.GetProperty("start").GetProperty("dateTime").GetString());
        Assert.Equal("Europe/London", e.GetProperty("start").GetProperty("timeZone").GetString());
        Assert.Equal("class-1", e.GetProperty("extendedProperties").GetProperty("private").GetProperty("junocalClassId").GetString());
        Assert.Equal(GoogleTestUsers.Owner.Email, e.GetProperty("creator").GetProperty("email").GetString());
        Assert.Equal(calendarId, e.GetProperty("organizer").GetProperty("email").GetString());
        Assert.Equal(TestCalendar.FakeNow.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
            e.GetProperty("created").GetString());
        Assert.Equal("pending", StatusCode(e));
        Assert.Equal("req-1", e.GetProperty("conferenceData").GetProperty("createRequest").GetProperty("requestId").GetString());
        Assert.False(e.TryGetProperty("hangoutLink", out _));
        Assert.False(e.GetProperty("conferenceData").TryGetProperty("entryPoints", out _));
        Assert.Equal("none", host.State.FindEvent(calendarId, EventId)!.SendUpdates);
    }

    [Fact]
    public async Task TheConferenceSucceedsAfterTheDelayWithTheMeetLink()
    {
        var (host, token, calendarId) = await ConnectedAsync();
        await using var owned = host;
        host.State.Knobs.ConferenceDelay = TimeSpan.FromSeconds(3);
        await host.InsertEventAsync(token, calendarId, EventBody(EventId));

        host.Clock.Advance(TimeSpan.FromSeconds(2));
        var early = await host.GetEventAsync(token, calendarId, EventId);
        host.Clock.Advance(TimeSpan.FromSeconds(1));
        var ready = await host.GetEventAsync(token, calendarId, EventId);

        Assert.Equal("pending", StatusCode(early));
        Assert.Equal("success", StatusCode(ready));
        var conference = ready.GetProperty("conferenceData");
        var code = conference.GetProperty("conferenceId").GetString()!;
        Assert.Matches("^[a-z]{3}-[a-z]{4}-[a-z]{3}$", code);
        Assert.Equal($"https://meet.google.com/{code}", ready.GetProperty("hangoutLink").GetString());
        var entry = Assert.Single(conference.GetProperty("entryPoints").EnumerateArray());
        Assert.Equal("video", entry.GetProperty("entryPointType").GetString());
        Assert.Equal($"https://meet.google.com/{code}", entry.GetProperty("uri").GetString());
        Assert.Equal($"meet.google.com/{code}", entry.GetProperty("label").GetString());
        Assert.Equal("hangoutsMeet", conference.GetProperty("conferenceSolution").GetProperty("key").GetProperty("type").GetString());
        Assert.Equal("Google Meet", conference.GetProperty("conferenceSolution").GetProperty("name").GetString());
        Assert.NotEqual(early.GetProperty("etag").GetString(), ready.GetProperty("etag").GetString());
    }

    [Fact]
    public async Task TheConferenceFailsWithTheKnobWithoutSolutionOrEntryPoints()
    {
        var (host, token, calendarId) = await ConnectedAsync();
        await using var owned = host;
        host.State.Knobs.ConferenceOutcome = ConferenceOutcome.Failure;
        await host.InsertEventAsync(token, calendarId, EventBody(EventId));

        host.Clock.Advance(TimeSpan.FromSeconds(1));
        var failed = await host.GetEventAsync(token, calendarId, EventId);

        Assert.Equal("failure", StatusCode(failed));
        Assert.False(failed.GetProperty("conferenceData").TryGetProperty("conferenceSolution", out _));
        Assert.False(failed.GetProperty("conferenceData").TryGetProperty("entryPoints", out _));
        Assert.False(failed.TryGetProperty("hangoutLink", out _));
    }

    [Fact]
    public async Task TheConferenceCanStayPendingForEver()
    {
        var (host, token, calendarId) = await ConnectedAsync();
        await using var owned = host;
        host.State.Knobs.ConferenceOutcome = ConferenceOutcome.StaysPending;
        host.State.Knobs.ConferenceResolvesAfterGets = 1;
        await host.InsertEventAsync(token, calendarId, EventBody(EventId));

        host.Clock.Advance(TimeSpan.FromMinutes(50));

        Assert.Equal("pending", StatusCode(await host.GetEventAsync(token, calendarId, EventId)));
    }

    [Fact]
    public async Task TheConferenceResolvesAtTheNthGetWithTheKnob()
    {
        var (host, token, calendarId) = await ConnectedAsync();
        await using var owned = host;
        host.State.Knobs.ConferenceDelay = TimeSpan.FromHours(1);
        host.State.Knobs.ConferenceResolvesAfterGets = 2;
        await host.InsertEventAsync(token, calendarId, EventBody(EventId));

        var first = await host.GetEventAsync(token, calendarId, EventId);
        var second = await host.GetEventAsync(token, calendarId, EventId);

        Assert.Equal("pending", StatusCode(first));
        Assert.Equal("success", StatusCode(second));
    }

    [Fact]
    public async Task AZeroDelayAnswersTheInsertWithTheMeetLink()
    {
        var (host, token, calendarId) = await ConnectedAsync(options => options.ConferenceDelay = TimeSpan.Zero);
        await using var owned = host;

        var e = await host.InsertEventAsync(token, calendarId);

        Assert.Equal("success", StatusCode(e));
        Assert.StartsWith("https://meet.google.com/", e.GetProperty("hangoutLink").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConferenceDataVersionZeroDropsTheConferenceSilently()
    {
        var (host, token, calendarId) = await ConnectedAsync();
        await using var owned = host;

        var e = await host.InsertEventAsync(token, calendarId, EventBody(), "");

        Assert.False(e.TryGetProperty("conferenceData", out _));
        Assert.Null(Assert.Single(host.State.Events).Conference);
    }

    [Theory]
    [InlineData("?conferenceDataVersion=2", "invalid")]
    [InlineData("?conferenceDataVersion=one", "invalid")]
    [InlineData("?sendUpdates=everyone", "invalid")]
    public async Task RefusesBadQueryParameters(string query, string reason)
    {
        var (host, token, calendarId) = await ConnectedAsync();
        await using var owned = host;

        using var response = await host.ApiAsync(HttpMethod.Post, EventsPath(calendarId, query), token, EventBody());

        await AssertApiErrorAsync(response, HttpStatusCode.BadRequest, reason);
        Assert.Empty(host.State.Events);
    }

    [Theory]
    [InlineData("abcd")]
    [InlineData("jc0123456789wxyz")]
    [InlineData("JC0123456789")]
    [InlineData("jc-0123456789")]
    public async Task RefusesAnIdOutsideBase32HexOrTooShort(string id)
    {
        var (host, token, calendarId) = await ConnectedAsync();
        await using var owned = host;

        using var response = await host.ApiAsync(HttpMethod.Post, EventsPath(calendarId), token, EventBody(id));

        var item = await AssertApiErrorAsync(response, HttpStatusCode.BadRequest, "invalid");
        Assert.Equal("Invalid resource id value.", item.GetProperty("message").GetString());
    }

    [Fact]
    public async Task AnswersAReusedIdWith409EvenAfterTheEventWasDeleted()
    {
        var (host, token, calendarId) = await ConnectedAsync();
        await using var owned = host;
        await host.InsertEventAsync(token, calendarId, EventBody(EventId));

        using var live = await host.ApiAsync(HttpMethod.Post, EventsPath(calendarId, "?conferenceDataVersion=1"), token, EventBody(EventId, "req-2"));
        using var delete = await host.ApiAsync(HttpMethod.Delete, EventsPath(calendarId, "/" + EventId), token);
        using var deleted = await host.ApiAsync(HttpMethod.Post, EventsPath(calendarId, "?conferenceDataVersion=1"), token, EventBody(EventId, "req-3"));

        var item = await AssertApiErrorAsync(live, HttpStatusCode.Conflict, "duplicate", "global");
        Assert.Equal("The requested identifier already exists.", item.GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        await AssertApiErrorAsync(deleted, HttpStatusCode.Conflict, "duplicate");
        Assert.Single(host.State.Events);
    }

    [Fact]
    public async Task TheSameIdOnAnotherCalendarIsFree()
    {
        var (host, token, calendarId) = await ConnectedAsync();
        await using var owned = host;
        var second = await host.CreateCalendarAsync(token, "Another");
        await host.InsertEventAsync(token, calendarId, EventBody(EventId));

        var e = await host.InsertEventAsync(token, second, EventBody(EventId));

        Assert.Equal(EventId, e.GetProperty("id").GetString());
    }

    [Fact]
    public async Task GivesAnEventWithoutIdOneOfGooglesShape()
    {
        var (host, token, calendarId) = await ConnectedAsync();
        await using var owned = host;

        var e = await host.InsertEventAsync(token, calendarId);

        Assert.Matches("^[a-v0-9]{26}$", e.GetProperty("id").GetString()!);
    }

    private static string At(int hour, string suffix = "Z") =>
        EventStart.Date.AddHours(hour).ToString("yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) + suffix;

    private static string Body(object? start, object? end) =>
        JsonSerializer.Serialize(new Dictionary<string, object?> { ["summary"] = "x", ["start"] = start, ["end"] = end }
            .Where(pair => pair.Value is not null).ToDictionary());

    public static TheoryData<string, string> BadTimes => new()
    {
        { Body(null, new { dateTime = At(10) }), "required" },
        { Body(new { dateTime = At(10) }, null), "required" },
        { Body(new { dateTime = At(10, "") }, new { dateTime = At(11, "") }), "invalid" },
        { Body(new { dateTime = At(10, ""), timeZone = "Mars/Base" }, new { dateTime = At(11, ""), timeZone = "Mars/Base" }), "invalid" },
        { Body(new { dateTime = At(11) }, new { dateTime = At(11) }), "timeRangeEmpty" },
        { Body(new { dateTime = At(11, "+01:00") }, new { dateTime = At(10) }), "timeRangeEmpty" },
        { Body(new { dateTime = "soon" }, new { dateTime = "later" }), "invalid" },
    };

    [Theory]
    [MemberData(nameof(BadTimes))]
    public async Task RefusesMissingZonelessOrEmptyTimes(string body, string reason)
    {
        var (host, token, calendarId) = await ConnectedAsync();
        await using var owned = host;

        using var response = await host.ApiAsync(HttpMethod.Post, EventsPath(calendarId), token, body);

        await AssertApiErrorAsync(response, HttpStatusCode.BadRequest, reason);
        Assert.Empty(host.State.Events);
    }

    [Fact]
    public async Task AcceptsAWallTimeWithATimeZone()
    {
        var (host, token, calendarId) = await ConnectedAsync();
        await using var owned = host;

        using var response = await host.ApiAsync(HttpMethod.Post, EventsPath(calendarId), token,
            Body(new { dateTime = At(18, ""), timeZone = "Europe/Zurich" }, new { dateTime = At(19, ""), timeZone = "Europe/Zurich" }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task GetsADeletedEventAsCancelledWithItsDetailsAndANeverUsedIdAs404()
    {
        var (host, token, calendarId) = await ConnectedAsync();
        await using var owned = host;
        await host.InsertEventAsync(token, calendarId, EventBody(EventId));
        using var delete = await host.ApiAsync(HttpMethod.Delete, EventsPath(calendarId, "/" + EventId), token);

        var cancelled = await host.GetEventAsync(token, calendarId, EventId);
        using var never = await host.ApiAsync(HttpMethod.Get, EventsPath(calendarId, "/neverused1"), token);

        Assert.Equal("cancelled", cancelled.GetProperty("status").GetString());
        Assert.Equal("Yoga Flow (virtual)", cancelled.GetProperty("summary").GetString());
        await AssertApiErrorAsync(never, HttpStatusCode.NotFound, "notFound", "global");
    }

    [Fact]
    public async Task AnswersTheFirstGetsAfterAnInsertWith404WithTheReplicationKnob()
    {
        var (host, token, calendarId) = await ConnectedAsync();
        await using var owned = host;
        host.State.Knobs.NotFoundGetsAfterInsert = 1;
        await host.InsertEventAsync(token, calendarId, EventBody(EventId));

        using var lagging = await host.ApiAsync(HttpMethod.Get, EventsPath(calendarId, "/" + EventId), token);
        using var caughtUp = await host.ApiAsync(HttpMethod.Get, EventsPath(calendarId, "/" + EventId), token);

        await AssertApiErrorAsync(lagging, HttpStatusCode.NotFound, "notFound");
        Assert.Equal(HttpStatusCode.OK, caughtUp.StatusCode);
    }

    [Fact]
    public async Task PatchingTheTimeKeepsTheConferenceAndBumpsSequenceAndEtag()
    {
        var (host, token, calendarId) = await ConnectedAsync(options => options.ConferenceDelay = TimeSpan.Zero);
        await using var owned = host;
        var created = await host.InsertEventAsync(token, calendarId, EventBody(EventId));
        var moved = EventStart.AddDays(1);

        using var response = await host.ApiAsync(HttpMethod.Patch, EventsPath(calendarId, $"/{EventId}?conferenceDataVersion=1&sendUpdates=none"), token, new
        {
            start = new { dateTime = TestCalendar.ZoomUtc(moved), timeZone = "Europe/London" },
            end = new { dateTime = TestCalendar.ZoomUtc(moved.AddHours(1)), timeZone = "Europe/London" },
            summary = "Yoga Flow (moved)",
        }, request => request.Headers.TryAddWithoutValidation("If-Match", created.GetProperty("etag").GetString()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var patched = await ReadJsonAsync(response);
        Assert.Equal(created.GetProperty("hangoutLink").GetString(), patched.GetProperty("hangoutLink").GetString());
        Assert.Equal(created.GetProperty("conferenceData").GetProperty("conferenceId").GetString(),
            patched.GetProperty("conferenceData").GetProperty("conferenceId").GetString());
        Assert.Equal(TestCalendar.ZoomUtc(moved), patched.GetProperty("start").GetProperty("dateTime").GetString());
        Assert.Equal("Yoga Flow (moved)", patched.GetProperty("summary").GetString());
        Assert.Equal("class-1", patched.GetProperty("extendedProperties").GetProperty("private").GetProperty("junocalClassId").GetString());
        Assert.Equal(1, patched.GetProperty("sequence").GetInt32());
        Assert.NotEqual(created.GetProperty("etag").GetString(), patched.GetProperty("etag").GetString());
    }

    [Fact]
    public async Task PatchingWithANewRequestIdMakesAFreshConferenceAndTheSameOneIsIgnored()
    {
        var (host, token, calendarId) = await ConnectedAsync(options => options.ConferenceDelay = TimeSpan.Zero);
        await using var owned = host;
        var created = await host.InsertEventAsync(token, calendarId, EventBody(EventId));
        var path = EventsPath(calendarId, $"/{EventId}?conferenceDataVersion=1");

        var same = await ReadJsonAsync(await host.ApiAsync(HttpMethod.Patch, path, token,
            new { conferenceData = new { createRequest = new { requestId = "req-1" } } }));
        var fresh = await ReadJsonAsync(await host.ApiAsync(HttpMethod.Patch, path, token,
            new { conferenceData = new { createRequest = new { requestId = "req-2" } } }));
        var versionZero = await ReadJsonAsync(await host.ApiAsync(HttpMethod.Patch, EventsPath(calendarId, "/" + EventId), token,
            new { conferenceData = new { createRequest = new { requestId = "req-3" } } }));

        var original = created.GetProperty("conferenceData").GetProperty("conferenceId").GetString();
        Assert.Equal(original, same.GetProperty("conferenceData").GetProperty("conferenceId").GetString());
        Assert.NotEqual(original, fresh.GetProperty("conferenceData").GetProperty("conferenceId").GetString());
        Assert.Equal("req-2", versionZero.GetProperty("conferenceData").GetProperty("createRequest").GetProperty("requestId").GetString());
    }

    [Fact]
    public async Task PatchingConferenceDataToNullRemovesTheMeet()
    {
        var (host, token, calendarId) = await ConnectedAsync(options => options.ConferenceDelay = TimeSpan.Zero);
        await using var owned = host;
        await host.InsertEventAsync(token, calendarId, EventBody(EventId));

        var patched = await ReadJsonAsync(await host.ApiAsync(HttpMethod.Patch, EventsPath(calendarId, $"/{EventId}?conferenceDataVersion=1"), token,
            """{"conferenceData":null}"""));

        Assert.False(patched.TryGetProperty("conferenceData", out _));
        Assert.False(patched.TryGetProperty("hangoutLink", out _));
    }

    [Fact]
    public async Task RefusesAStaleIfMatchWith412AndChangesNothing()
    {
        var (host, token, calendarId) = await ConnectedAsync();
        await using var owned = host;
        await host.InsertEventAsync(token, calendarId, EventBody(EventId));

        using var response = await host.ApiAsync(HttpMethod.Patch, EventsPath(calendarId, "/" + EventId), token, new { summary = "Changed" },
            request => request.Headers.TryAddWithoutValidation("If-Match", "\"1\""));

        var item = await AssertApiErrorAsync(response, HttpStatusCode.PreconditionFailed, "conditionNotMet");
        Assert.Equal("If-Match", item.GetProperty("location").GetString());
        Assert.Equal("Yoga Flow (virtual)", host.State.FindEvent(calendarId, EventId)!.Summary);
    }

    [Fact]
    public async Task RefusesAPatchThatEmptiesTheTimeRange()
    {
        var (host, token, calendarId) = await ConnectedAsync();
        await using var owned = host;
        await host.InsertEventAsync(token, calendarId, EventBody(EventId));

        using var response = await host.ApiAsync(HttpMethod.Patch, EventsPath(calendarId, "/" + EventId), token,
            new { end = new { dateTime = TestCalendar.ZoomUtc(EventStart.AddHours(-1)) } });

        await AssertApiErrorAsync(response, HttpStatusCode.BadRequest, "timeRangeEmpty");
        Assert.Equal(0, host.State.FindEvent(calendarId, EventId)!.Sequence);
    }

    [Fact]
    public async Task PatchingADeletedEventIs410AndAnUnknownOne404()
    {
        var (host, token, calendarId) = await ConnectedAsync();
        await using var owned = host;
        await host.InsertEventAsync(token, calendarId, EventBody(EventId));
        host.State.DeleteEventInGoogle(calendarId, EventId);

        using var deleted = await host.ApiAsync(HttpMethod.Patch, EventsPath(calendarId, "/" + EventId), token, new { summary = "x" });
        using var unknown = await host.ApiAsync(HttpMethod.Patch, EventsPath(calendarId, "/neverused1"), token, new { summary = "x" });

        await AssertApiErrorAsync(deleted, HttpStatusCode.Gone, "deleted", "global");
        await AssertApiErrorAsync(unknown, HttpStatusCode.NotFound, "notFound");
    }

    [Fact]
    public async Task DeletesOnceThen410AndAnUnknownEventIs404()
    {
        var (host, token, calendarId) = await ConnectedAsync();
        await using var owned = host;
        await host.InsertEventAsync(token, calendarId, EventBody(EventId));

        using var first = await host.ApiAsync(HttpMethod.Delete, EventsPath(calendarId, $"/{EventId}?sendUpdates=none"), token);
        using var second = await host.ApiAsync(HttpMethod.Delete, EventsPath(calendarId, "/" + EventId), token);
        using var unknown = await host.ApiAsync(HttpMethod.Delete, EventsPath(calendarId, "/neverused1"), token);

        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        Assert.Equal("", await first.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var item = await AssertApiErrorAsync(second, HttpStatusCode.Gone, "deleted", "global");
        Assert.Equal("Resource has been deleted", item.GetProperty("message").GetString());
        await AssertApiErrorAsync(unknown, HttpStatusCode.NotFound, "notFound");
        Assert.True(host.State.FindEvent(calendarId, EventId)!.IsCancelled);
    }
}
