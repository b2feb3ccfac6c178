using System.Net;
using System.Text.Json;
using static Junocal.Tests.Sandbox.Google.GoogleSandboxHost;

namespace Junocal.Tests.Sandbox.Google;

/// <summary><c>events.list</c>: full listings with pages, then incremental sync from a sync token.</summary>
public class GoogleSandboxEventList
{
    private static async Task<(GoogleSandboxHost Host, string Token, string CalendarId)> WithEventsAsync(int count)
    {
        var host = await StartAsync();
        var tokens = await host.ConnectAsync();
        var calendarId = await host.CreateCalendarAsync(tokens.AccessToken);
        for (var i = 1; i <= count; i++)
        {
            await host.InsertEventAsync(tokens.AccessToken, calendarId, EventBody($"jc{i:D10}", requestId: null, summary: $"Class {i}"));
        }

        return (host, tokens.AccessToken, calendarId);
    }

    private static async Task<JsonElement> ListAsync(GoogleSandboxHost host, string token, string calendarId, string query = "")
    {
        using var response = await host.ApiAsync(HttpMethod.Get, EventsPath(calendarId, query), token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ReadJsonAsync(response);
    }

    private static List<string> Ids(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetString()!)];

    [Fact]
    public async Task ListsInPagesAndTheLastPageCarriesTheSyncToken()
    {
        var (host, token, calendarId) = await WithEventsAsync(3);
        await using var owned = host;

        var first = await ListAsync(host, token, calendarId, "?maxResults=2");
        var second = await ListAsync(host, token, calendarId, $"?maxResults=2&pageToken={Uri.EscapeDataString(first.GetProperty("nextPageToken").GetString()!)}");

        Assert.Equal("calendar#events", first.GetProperty("kind").GetString());
        Assert.Equal("owner", first.GetProperty("accessRole").GetString());
        Assert.Equal(["jc0000000001", "jc0000000002"], Ids(first));
        Assert.False(first.TryGetProperty("nextSyncToken", out _));
        Assert.Equal(["jc0000000003"], Ids(second));
        Assert.False(second.TryGetProperty("nextPageToken", out _));
        Assert.True(second.TryGetProperty("nextSyncToken", out _));
    }

    [Fact]
    public async Task LeavesDeletedEventsOutOfAFullListingUnlessShowDeleted()
    {
        var (host, token, calendarId) = await WithEventsAsync(2);
        await using var owned = host;
        host.State.DeleteEventInGoogle(calendarId, "jc0000000001");

        var plain = await ListAsync(host, token, calendarId);
        var withDeleted = await ListAsync(host, token, calendarId, "?showDeleted=true");

        Assert.Equal(["jc0000000002"], Ids(plain));
        Assert.Equal(["jc0000000001", "jc0000000002"], Ids(withDeleted));
    }

    [Fact]
    public async Task FiltersAFullListingByTimeAndPrivateProperty()
    {
        var (host, token, calendarId) = await WithEventsAsync(1);
        await using var owned = host;
        var later = EventBody("jc0000000009", requestId: null);
        later["start"] = new { dateTime = Junocal.Tests.Infrastructure.TestCalendar.ZoomUtc(EventStart.AddDays(5)) };
        later["end"] = new { dateTime = Junocal.Tests.Infrastructure.TestCalendar.ZoomUtc(EventStart.AddDays(5).AddHours(1)) };
        later["extendedProperties"] = new { @private = new { junocalClassId = "class-9" } };
        await host.InsertEventAsync(token, calendarId, later);
        var timeMin = Uri.EscapeDataString(Junocal.Tests.Infrastructure.TestCalendar.ZoomUtc(EventStart.AddDays(1)));

        var byTime = await ListAsync(host, token, calendarId, $"?timeMin={timeMin}");
        var byProperty = await ListAsync(host, token, calendarId, "?privateExtendedProperty=junocalClassId%3Dclass-1");

        Assert.Equal(["jc0000000009"], Ids(byTime));
        Assert.Equal(["jc0000000001"], Ids(byProperty));
    }

    [Fact]
    public async Task SyncsIncrementallyWithEveryChangeIncludingDeletions()
    {
        var (host, token, calendarId) = await WithEventsAsync(3);
        await using var owned = host;
        var full = await ListAsync(host, token, calendarId);
        var syncToken = full.GetProperty("nextSyncToken").GetString()!;

        await host.ApiAsync(HttpMethod.Patch, EventsPath(calendarId, "/jc0000000002"), token, new { summary = "Renamed" });
        host.State.DeleteEventInGoogle(calendarId, "jc0000000003");
        await host.InsertEventAsync(token, calendarId, EventBody("jc0000000004", requestId: null));
        var changes = await ListAsync(host, token, calendarId, $"?syncToken={Uri.EscapeDataString(syncToken)}");
        var nothing = await ListAsync(host, token, calendarId, $"?syncToken={Uri.EscapeDataString(changes.GetProperty("nextSyncToken").GetString()!)}");

        Assert.Equal(["jc0000000002", "jc0000000003", "jc0000000004"], Ids(changes));
        var items = changes.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal("Renamed", items[0].GetProperty("summary").GetString());
        Assert.Equal("cancelled", items[1].GetProperty("status").GetString());
        Assert.Empty(Ids(nothing));
        Assert.NotEqual(syncToken, changes.GetProperty("nextSyncToken").GetString());
    }

    [Fact]
    public async Task PagesAnIncrementalSyncAndGivesTheNewTokenOnTheLastPage()
    {
        var (host, token, calendarId) = await WithEventsAsync(0);
        await using var owned = host;
        var syncToken = (await ListAsync(host, token, calendarId)).GetProperty("nextSyncToken").GetString()!;
        for (var i = 1; i <= 3; i++)
        {
            await host.InsertEventAsync(token, calendarId, EventBody($"jc{i:D10}", requestId: null));
        }

        var first = await ListAsync(host, token, calendarId, $"?maxResults=2&syncToken={Uri.EscapeDataString(syncToken)}");
        var second = await ListAsync(host, token, calendarId,
            $"?maxResults=2&syncToken={Uri.EscapeDataString(syncToken)}&pageToken={Uri.EscapeDataString(first.GetProperty("nextPageToken").GetString()!)}");

        Assert.Equal(2, Ids(first).Count);
        Assert.False(first.TryGetProperty("nextSyncToken", out _));
        Assert.Equal(["jc0000000003"], Ids(second));
        Assert.True(second.TryGetProperty("nextSyncToken", out _));
    }

    [Fact]
    public async Task AnswersAnInvalidatedOrUnknownSyncTokenWith410FullSyncRequired()
    {
        var (host, token, calendarId) = await WithEventsAsync(1);
        await using var owned = host;
        var syncToken = (await ListAsync(host, token, calendarId)).GetProperty("nextSyncToken").GetString()!;

        host.State.InvalidateSyncTokens(calendarId);
        using var invalidated = await host.ApiAsync(HttpMethod.Get, EventsPath(calendarId, $"?syncToken={Uri.EscapeDataString(syncToken)}"), token);
        using var edited = await host.ApiAsync(HttpMethod.Get, EventsPath(calendarId, "?syncToken=CPedited"), token);
        var fresh = (await ListAsync(host, token, calendarId)).GetProperty("nextSyncToken").GetString()!;
        using var afterFullSync = await host.ApiAsync(HttpMethod.Get, EventsPath(calendarId, $"?syncToken={Uri.EscapeDataString(fresh)}"), token);

        var item = await AssertApiErrorAsync(invalidated, HttpStatusCode.Gone, "fullSyncRequired", "calendar");
        Assert.Equal("Sync token is no longer valid, a full sync is required.", item.GetProperty("message").GetString());
        Assert.Equal("syncToken", item.GetProperty("location").GetString());
        await AssertApiErrorAsync(edited, HttpStatusCode.Gone, "fullSyncRequired");
        Assert.Equal(HttpStatusCode.OK, afterFullSync.StatusCode);
    }

    [Fact]
    public async Task ASyncTokenBelongsToItsCalendar()
    {
        var (host, token, calendarId) = await WithEventsAsync(0);
        await using var owned = host;
        var other = await host.CreateCalendarAsync(token, "Other");
        var syncToken = (await ListAsync(host, token, calendarId)).GetProperty("nextSyncToken").GetString()!;

        using var response = await host.ApiAsync(HttpMethod.Get, EventsPath(other, $"?syncToken={Uri.EscapeDataString(syncToken)}"), token);

        await AssertApiErrorAsync(response, HttpStatusCode.Gone, "fullSyncRequired");
    }

    [Theory]
    [InlineData("&timeMin=x")]
    [InlineData("&orderBy=startTime")]
    [InlineData("&q=yoga")]
    [InlineData("&updatedMin=x")]
    [InlineData("&privateExtendedProperty=a%3Db")]
    [InlineData("&showDeleted=false")]
    public async Task RefusesParametersASyncTokenCannotTake(string extra)
    {
        var (host, token, calendarId) = await WithEventsAsync(0);
        await using var owned = host;
        var syncToken = (await ListAsync(host, token, calendarId)).GetProperty("nextSyncToken").GetString()!;

        using var response = await host.ApiAsync(HttpMethod.Get, EventsPath(calendarId, $"?syncToken={Uri.EscapeDataString(syncToken)}{extra}"), token);

        await AssertApiErrorAsync(response, HttpStatusCode.BadRequest, "invalid");
    }

    [Theory]
    [InlineData("?maxResults=0")]
    [InlineData("?maxResults=many")]
    [InlineData("?pageToken=EjYunknown")]
    [InlineData("?timeMin=yesterday")]
    public async Task RefusesBadListParameters(string query)
    {
        var (host, token, calendarId) = await WithEventsAsync(0);
        await using var owned = host;

        using var response = await host.ApiAsync(HttpMethod.Get, EventsPath(calendarId, query), token);

        await AssertApiErrorAsync(response, HttpStatusCode.BadRequest, "invalid");
    }
}
