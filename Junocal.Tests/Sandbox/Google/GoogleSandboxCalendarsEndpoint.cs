using System.Net;
using Junocal.Sandbox.Google.Users;
using static Junocal.Tests.Sandbox.Google.GoogleSandboxHost;

namespace Junocal.Tests.Sandbox.Google;

public class GoogleSandboxCalendarsEndpoint
{
    [Fact]
    public async Task CreatesASecondaryCalendarOwnedByTheUserThatOffersMeet()
    {
        await using var host = await StartAsync();
        var tokens = await host.ConnectAsync();

        using var response = await host.ApiAsync(HttpMethod.Post, "calendar/v3/calendars", tokens.AccessToken,
            new { summary = "Junocal – Juno Pilates", timeZone = "Europe/Zurich", description = "Virtual classes" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await ReadJsonAsync(response);
        Assert.Equal("calendar#calendar", json.GetProperty("kind").GetString());
        Assert.EndsWith("@group.calendar.google.com", json.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("\"", json.GetProperty("etag").GetString(), StringComparison.Ordinal);
        Assert.Equal("Junocal – Juno Pilates", json.GetProperty("summary").GetString());
        Assert.Equal("Europe/Zurich", json.GetProperty("timeZone").GetString());
        Assert.Equal(GoogleTestUsers.Owner.Email, json.GetProperty("dataOwner").GetString());
        Assert.Equal(["hangoutsMeet"], json.GetProperty("conferenceProperties").GetProperty("allowedConferenceSolutionTypes")
            .EnumerateArray().Select(type => type.GetString()));
    }

    [Fact]
    public async Task OffersNoMeetWithTheKnob()
    {
        await using var host = await StartAsync();
        var tokens = await host.ConnectAsync();
        host.State.Knobs.CalendarsWithoutMeet = true;
        var calendarId = await host.CreateCalendarAsync(tokens.AccessToken);

        var calendar = await ReadJsonAsync(await host.ApiAsync(HttpMethod.Get, $"calendar/v3/calendars/{Uri.EscapeDataString(calendarId)}", tokens.AccessToken));
        var e = await host.InsertEventAsync(tokens.AccessToken, calendarId);

        Assert.Empty(calendar.GetProperty("conferenceProperties").GetProperty("allowedConferenceSolutionTypes").EnumerateArray());
        Assert.Equal("failure", e.GetProperty("conferenceData").GetProperty("createRequest").GetProperty("status").GetProperty("statusCode").GetString());
    }

    [Fact]
    public async Task RefusesACalendarWithoutSummaryOrWithAnUnknownZone()
    {
        await using var host = await StartAsync();
        var tokens = await host.ConnectAsync();

        using var noSummary = await host.ApiAsync(HttpMethod.Post, "calendar/v3/calendars", tokens.AccessToken, new { timeZone = "Europe/London" });
        using var badZone = await host.ApiAsync(HttpMethod.Post, "calendar/v3/calendars", tokens.AccessToken, new { summary = "x", timeZone = "Mars/Olympus" });
        using var notJson = await host.ApiAsync(HttpMethod.Post, "calendar/v3/calendars", tokens.AccessToken, "{not json");

        await AssertApiErrorAsync(noSummary, HttpStatusCode.BadRequest, "required");
        await AssertApiErrorAsync(badZone, HttpStatusCode.BadRequest, "invalid");
        await AssertApiErrorAsync(notJson, HttpStatusCode.BadRequest, "parseError");
        Assert.Empty(host.State.CalendarList);
    }

    [Fact]
    public async Task DeletingTheCalendarMakesItsEventsNotFound()
    {
        await using var host = await StartAsync();
        var tokens = await host.ConnectAsync();
        var calendarId = await host.CreateCalendarAsync(tokens.AccessToken);
        var e = await host.InsertEventAsync(tokens.AccessToken, calendarId);
        var path = $"calendar/v3/calendars/{Uri.EscapeDataString(calendarId)}";

        using var delete = await host.ApiAsync(HttpMethod.Delete, path, tokens.AccessToken);
        using var get = await host.ApiAsync(HttpMethod.Get, path, tokens.AccessToken);
        using var events = await host.ApiAsync(HttpMethod.Get, EventsPath(calendarId, "/" + e.GetProperty("id").GetString()), tokens.AccessToken);
        using var again = await host.ApiAsync(HttpMethod.Delete, path, tokens.AccessToken);

        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        await AssertApiErrorAsync(get, HttpStatusCode.NotFound, "notFound", "global");
        await AssertApiErrorAsync(events, HttpStatusCode.NotFound, "notFound");
        await AssertApiErrorAsync(again, HttpStatusCode.NotFound, "notFound");
    }

    [Fact]
    public async Task AnswersAMissingOrDeadTokenWithAuthError()
    {
        await using var host = await StartAsync();
        var tokens = await host.ConnectAsync();
        host.State.RemoveAccess(GoogleTestUsers.Owner);

        using var none = await host.ApiAsync(HttpMethod.Post, "calendar/v3/calendars", null, new { summary = "x" });
        using var dead = await host.ApiAsync(HttpMethod.Post, "calendar/v3/calendars", tokens.AccessToken, new { summary = "x" });

        var item = await AssertApiErrorAsync(none, HttpStatusCode.Unauthorized, "authError", "global");
        Assert.Equal("Invalid Credentials", item.GetProperty("message").GetString());
        Assert.Equal("Authorization", item.GetProperty("location").GetString());
        Assert.Equal("header", item.GetProperty("locationType").GetString());
        await AssertApiErrorAsync(dead, HttpStatusCode.Unauthorized, "authError");
    }

    [Fact]
    public async Task OnlyCalendarOrAppCreatedMayCreateACalendar()
    {
        await using var host = await StartAsync();
        var events = await host.ConnectAsync(scopes: "openid https://www.googleapis.com/auth/calendar.events");
        var signIn = await host.ConnectAsync(GoogleTestUsers.Other, "openid email");
        var full = await host.ConnectAsync(GoogleTestUsers.Workspace, "https://www.googleapis.com/auth/calendar");

        using var eventsOnly = await host.ApiAsync(HttpMethod.Post, "calendar/v3/calendars", events.AccessToken, new { summary = "x" });
        using var noCalendar = await host.ApiAsync(HttpMethod.Post, "calendar/v3/calendars", signIn.AccessToken, new { summary = "x" });
        using var withFull = await host.ApiAsync(HttpMethod.Post, "calendar/v3/calendars", full.AccessToken, new { summary = "x" });

        var item = await AssertApiErrorAsync(eventsOnly, HttpStatusCode.Forbidden, "insufficientPermissions", "global");
        Assert.Equal("Request had insufficient authentication scopes.", item.GetProperty("message").GetString());
        await AssertApiErrorAsync(noCalendar, HttpStatusCode.Forbidden, "insufficientPermissions");
        Assert.Equal(HttpStatusCode.OK, withFull.StatusCode);
    }

    [Fact]
    public async Task AppCreatedReachesOnlyTheCalendarsTheAppMadeAndNeverAnotherUsers()
    {
        await using var host = await StartAsync();
        var owner = await host.ConnectAsync();
        var other = await host.ConnectAsync(GoogleTestUsers.Other);
        var othersCalendar = await host.CreateCalendarAsync(other.AccessToken);

        using var primary = await host.ApiAsync(HttpMethod.Post, EventsPath("primary", "?conferenceDataVersion=1"), owner.AccessToken, EventBody());
        using var primaryList = await host.ApiAsync(HttpMethod.Get, EventsPath("primary"), owner.AccessToken);
        using var notMine = await host.ApiAsync(HttpMethod.Post, EventsPath(othersCalendar), owner.AccessToken, EventBody());
        using var unknown = await host.ApiAsync(HttpMethod.Get, "calendar/v3/calendars/nope%40group.calendar.google.com", owner.AccessToken);

        await AssertApiErrorAsync(primary, HttpStatusCode.Forbidden, "insufficientPermissions");
        await AssertApiErrorAsync(primaryList, HttpStatusCode.Forbidden, "insufficientPermissions");
        await AssertApiErrorAsync(notMine, HttpStatusCode.NotFound, "notFound");
        await AssertApiErrorAsync(unknown, HttpStatusCode.NotFound, "notFound");
        Assert.Empty(host.State.EventsOn(othersCalendar));
    }

    [Fact]
    public async Task AnEventsScopeReachesThePrimaryCalendar()
    {
        await using var host = await StartAsync();
        var tokens = await host.ConnectAsync(scopes: "openid https://www.googleapis.com/auth/calendar.events.owned");

        using var response = await host.ApiAsync(HttpMethod.Post, EventsPath("primary"), tokens.AccessToken, EventBody(requestId: null));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(GoogleTestUsers.Owner.Email, Assert.Single(host.State.Events).CalendarId);
    }

    [Fact]
    public async Task LimitsRequestsPerUserPerMinuteWithRateLimitExceeded()
    {
        await using var host = await StartAsync(options => options.PerUserPerMinuteLimit = 3);
        var tokens = await host.ConnectAsync();
        var other = await host.ConnectAsync(GoogleTestUsers.Other);
        for (var i = 0; i < 3; i++)
        {
            await host.CreateCalendarAsync(tokens.AccessToken);
        }

        using var limited = await host.ApiAsync(HttpMethod.Post, "calendar/v3/calendars", tokens.AccessToken, new { summary = "x" });
        using var otherUser = await host.ApiAsync(HttpMethod.Post, "calendar/v3/calendars", other.AccessToken, new { summary = "x" });
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        using var later = await host.ApiAsync(HttpMethod.Post, "calendar/v3/calendars", tokens.AccessToken, new { summary = "x" });

        await AssertApiErrorAsync(limited, HttpStatusCode.Forbidden, "rateLimitExceeded", "usageLimits");
        Assert.Equal(HttpStatusCode.OK, otherUser.StatusCode);
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
    }
}
