using System.Net;
using System.Globalization;
using Junocal.Sandbox.Users;
using Junocal.Tests.Infrastructure;

namespace Junocal.Tests.Sandbox;

public class SandboxMeetingsEndpoint
{
    private static readonly DateTime Summer = new(SandboxHost.Today.Year, 7, 1, 9, 0, 0);

    private static async Task<(SandboxHost Host, TokenSet Tokens)> ConnectedAsync(string scopes = SandboxHost.AllScopes)
    {
        var host = await SandboxHost.StartAsync();
        return (host, await host.ConnectAsync(TestUsers.Owner, scopes));
    }

    [Fact]
    public async Task CreatesMeetingWithInt64IdAndZoomFields()
    {
        var (host, tokens) = await ConnectedAsync();
        await using var _ = host;

        var json = await host.CreateMeetingAsync(tokens.AccessToken, new
        {
            topic = "Reformer basics",
            type = 2,
            start_time = SandboxHost.MeetingStart,
            duration = 55,
            timezone = "Europe/London",
            agenda = "Created by Junocal for class 42",
            settings = new { waiting_room = true, mute_upon_entry = true, join_before_host = false },
        });

        var id = json.GetProperty("id").GetInt64();
        Assert.True(id > 1L << 32);
        Assert.False(string.IsNullOrEmpty(json.GetProperty("uuid").GetString()));
        Assert.StartsWith(host.Root + "j/" + id, json.GetProperty("join_url").GetString(), StringComparison.Ordinal);
        Assert.StartsWith(host.Root + "s/" + id, json.GetProperty("start_url").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(json.GetProperty("password").GetString()));
        Assert.Equal(TestUsers.Owner.Email, json.GetProperty("host_email").GetString());
        Assert.Equal(TestUsers.Owner.Id, json.GetProperty("host_id").GetString());
        Assert.Equal("Reformer basics", json.GetProperty("topic").GetString());
        Assert.Equal(SandboxHost.MeetingStart, json.GetProperty("start_time").GetString());
        Assert.Equal(55, json.GetProperty("duration").GetInt32());
        Assert.Equal("Europe/London", json.GetProperty("timezone").GetString());
        Assert.Equal("Created by Junocal for class 42", json.GetProperty("agenda").GetString());
        var settings = json.GetProperty("settings");
        Assert.True(settings.GetProperty("waiting_room").GetBoolean());
        Assert.True(settings.GetProperty("mute_upon_entry").GetBoolean());
        Assert.False(settings.GetProperty("join_before_host").GetBoolean());
        Assert.Single(host.State.MeetingsOf(TestUsers.Owner.Id));
    }

    public static TheoryData<string, string, string> WallTimes()
    {
        var gmt = SandboxHost.MeetingStartTime;
        var bst = SandboxHost.AfterTheClockChange.AddHours(18);
        var summer = new DateTime(SandboxHost.Today.Year, 7, 1, 9, 30, 0);
        var gap = TestCalendar.SpringForward(SandboxHost.Today.Year).AddHours(1.5);
        var overlap = TestCalendar.FallBack(SandboxHost.Today.Year).AddHours(1.5);
        return new()
        {
            // London is on GMT until the last Sunday of March, on BST after it.
            { TestCalendar.ZoomLocal(gmt), "Europe/London", TestCalendar.ZoomUtc(gmt) },
            { TestCalendar.ZoomLocal(bst), "Europe/London", TestCalendar.ZoomUtc(bst.AddHours(-1)) },
            { TestCalendar.ZoomLocal(summer), "America/Los_Angeles", TestCalendar.ZoomUtc(summer.AddHours(7)) },
            { TestCalendar.ZoomUtc(bst), "Europe/London", TestCalendar.ZoomUtc(bst) },
            { TestCalendar.ZoomLocal(bst), "UTC", TestCalendar.ZoomUtc(bst) },
            // 01:30 on the spring-forward day does not exist in London; Zoom documents nothing, the sandbox moves it forward an hour.
            { TestCalendar.ZoomLocal(gap), "Europe/London", TestCalendar.ZoomUtc(gap) },
            // 01:30 on the fall-back day happens twice in London; the sandbox takes the first (BST) one.
            { TestCalendar.ZoomLocal(overlap), "Europe/London", TestCalendar.ZoomUtc(overlap.AddHours(-1)) },
        };
    }

    [Theory]
    [MemberData(nameof(WallTimes))]
    public async Task ReadsStartTimeWithoutZAsWallTimeInTheGivenZone(string startTime, string timezone, string expectedUtc)
    {
        var (host, tokens) = await ConnectedAsync();
        await using var _ = host;

        var json = await host.CreateMeetingAsync(tokens.AccessToken, new { topic = "Mat", type = 2, start_time = startTime, duration = 45, timezone });

        Assert.Equal(expectedUtc, json.GetProperty("start_time").GetString());
        Assert.Equal(timezone, json.GetProperty("timezone").GetString());
    }

    [Fact]
    public async Task ReadsStartTimeWithoutZoneInTheHostsZone()
    {
        var host = await SandboxHost.StartAsync();
        await using var _ = host;
        var tokens = await host.ConnectAsync(TestUsers.Other);

        var json = await host.CreateMeetingAsync(tokens.AccessToken, new { topic = "Mat", type = 2, start_time = TestCalendar.ZoomLocal(Summer), duration = 45 });

        Assert.Equal(TestCalendar.ZoomUtc(Summer.AddHours(4)), json.GetProperty("start_time").GetString()); // EDT, UTC-4
        Assert.Equal("America/New_York", json.GetProperty("timezone").GetString());
    }

    public static TheoryData<string, string> InvalidBodies()
    {
        var start = SandboxHost.MeetingStart;
        var local = TestCalendar.ZoomLocal(SandboxHost.MeetingStartTime);
        var slashed = SandboxHost.MeetingStartTime.ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);
        return new()
        {
            { $$"""{"topic":"TOPIC201","type":2,"start_time":"{{start}}","duration":30}""", "topic" },
            { $$"""{"topic":"Mat","type":2,"start_time":"{{start}}","duration":0}""", "duration" },
            { $$"""{"topic":"Mat","type":2,"start_time":"{{start}}","duration":1441}""", "duration" },
            { $$"""{"topic":"Mat","type":2,"start_time":"{{start}}","duration":"30"}""", "duration" },
            { $$"""{"topic":"Mat","type":2,"start_time":"{{slashed}}","duration":30}""", "start_time" },
            { $$"""{"topic":"Mat","type":2,"start_time":"{{local}}+01:00","duration":30}""", "start_time" },
            { $$"""{"topic":"Mat","type":2,"start_time":"{{local}}","timezone":"Mars/Olympus","duration":30}""", "timezone" },
        };
    }

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task Answers300ForAnInvalidField(string body, string field)
    {
        var (host, tokens) = await ConnectedAsync();
        await using var _ = host;

        using var response = await host.ApiAsync(HttpMethod.Post, "v2/users/me/meetings", tokens.AccessToken, body.Replace("TOPIC201", new string('x', 201), StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var json = await SandboxHost.ReadJsonAsync(response);
        Assert.Equal(300, json.GetProperty("code").GetInt32());
        Assert.Equal(field, json.GetProperty("errors")[0].GetProperty("field").GetString());
        Assert.Empty(host.State.Meetings);
    }

    [Fact]
    public async Task AcceptsATopicOfExactly200Characters()
    {
        var (host, tokens) = await ConnectedAsync();
        await using var _ = host;

        var json = await host.CreateMeetingAsync(tokens.AccessToken, new { topic = new string('x', 200), type = 2, start_time = SandboxHost.MeetingStart, duration = 30 });

        Assert.Equal(200, json.GetProperty("topic").GetString()!.Length);
    }

    [Fact]
    public async Task Answers300ForABodyThatIsNotJson()
    {
        var (host, tokens) = await ConnectedAsync();
        await using var _ = host;

        using var response = await host.ApiAsync(HttpMethod.Post, "v2/users/me/meetings", tokens.AccessToken, "{not json");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(300, (await SandboxHost.ReadJsonAsync(response)).GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task UpdatesWith204AndKeepsJoinUrl()
    {
        var (host, tokens) = await ConnectedAsync();
        await using var _ = host;
        var created = await host.CreateMeetingAsync(tokens.AccessToken);
        var id = created.GetProperty("id").GetInt64();

        using var patch = await host.ApiAsync(HttpMethod.Patch, $"v2/meetings/{id}", tokens.AccessToken, new
        {
            topic = "Reformer basics (moved)",
            start_time = TestCalendar.ZoomLocal(SandboxHost.AfterTheClockChange.AddHours(19)),
            timezone = "Europe/London",
            duration = 60,
            settings = new { waiting_room = false },
        });
        using var get = await host.ApiAsync(HttpMethod.Get, $"v2/meetings/{id}", tokens.AccessToken);

        Assert.Equal(HttpStatusCode.NoContent, patch.StatusCode);
        Assert.Empty(await patch.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        var json = await SandboxHost.ReadJsonAsync(get);
        Assert.Equal(created.GetProperty("join_url").GetString(), json.GetProperty("join_url").GetString());
        Assert.Equal("Reformer basics (moved)", json.GetProperty("topic").GetString());
        Assert.Equal(TestCalendar.ZoomUtc(SandboxHost.AfterTheClockChange.AddHours(18)), json.GetProperty("start_time").GetString());
        Assert.Equal(60, json.GetProperty("duration").GetInt32());
        Assert.False(json.GetProperty("settings").GetProperty("waiting_room").GetBoolean());
        Assert.Equal("Reformer basics (moved)", host.State.FindMeeting(id)!.Topic);
    }

    [Fact]
    public async Task DeletesWith204ThenAnswers3001ForGetPatchAndDelete()
    {
        var (host, tokens) = await ConnectedAsync();
        await using var _ = host;
        var id = (await host.CreateMeetingAsync(tokens.AccessToken)).GetProperty("id").GetInt64();

        using var delete = await host.ApiAsync(HttpMethod.Delete, $"v2/meetings/{id}", tokens.AccessToken);
        using var get = await host.ApiAsync(HttpMethod.Get, $"v2/meetings/{id}", tokens.AccessToken);
        using var patch = await host.ApiAsync(HttpMethod.Patch, $"v2/meetings/{id}", tokens.AccessToken, new { topic = "x" });
        using var again = await host.ApiAsync(HttpMethod.Delete, $"v2/meetings/{id}", tokens.AccessToken);

        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        foreach (var response in new[] { get, patch, again })
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            var json = await SandboxHost.ReadJsonAsync(response);
            Assert.Equal(3001, json.GetProperty("code").GetInt32());
            Assert.Equal($"Meeting does not exist: {id}.", json.GetProperty("message").GetString());
        }

        Assert.Empty(host.State.Meetings);
    }

    [Fact]
    public async Task HidesAnotherUsersMeetingAs3001()
    {
        var (host, tokens) = await ConnectedAsync();
        await using var _ = host;
        var id = (await host.CreateMeetingAsync(tokens.AccessToken)).GetProperty("id").GetInt64();
        var other = await host.ConnectAsync(TestUsers.Other);

        using var response = await host.ApiAsync(HttpMethod.Delete, $"v2/meetings/{id}", other.AccessToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.NotNull(host.State.FindMeeting(id));
    }

    [Theory]
    [InlineData("POST", "meeting:write:meeting")]
    [InlineData("PATCH", "meeting:update:meeting")]
    [InlineData("DELETE", "meeting:delete:meeting")]
    [InlineData("GET", "meeting:read:meeting")]
    public async Task Answers4711WhenTheOperationsScopeWasNotGranted(string method, string scope)
    {
        var host = await SandboxHost.StartAsync();
        await using var _ = host;
        var full = await host.ConnectAsync(TestUsers.Instructor);
        var id = (await host.CreateMeetingAsync(full.AccessToken)).GetProperty("id").GetInt64();
        var narrowed = await host.ConnectAsync(TestUsers.Instructor, string.Join(' ', SandboxHost.AllScopes.Split(' ').Where(granted => granted != scope)));
        var path = method == "POST" ? "v2/users/me/meetings" : $"v2/meetings/{id}";

        using var response = await host.ApiAsync(new HttpMethod(method), path, narrowed.AccessToken, method is "POST" or "PATCH" ? new { topic = "x" } : null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var json = await SandboxHost.ReadJsonAsync(response);
        Assert.Equal(4711, json.GetProperty("code").GetInt32());
        Assert.Equal($"Invalid access token, does not contain scopes:[{scope}:admin, {scope}].", json.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Answers124ForAnExpiredTokenOnCreate()
    {
        var (host, tokens) = await ConnectedAsync();
        await using var _ = host;
        host.Clock.Advance(TimeSpan.FromMinutes(61));

        using var response = await host.ApiAsync(HttpMethod.Post, "v2/users/me/meetings", tokens.AccessToken, new { topic = "x" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(124, (await SandboxHost.ReadJsonAsync(response)).GetProperty("code").GetInt32());
        Assert.Empty(host.State.Meetings);
    }
}
