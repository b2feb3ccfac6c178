using System.Net;
using Junocal.Sandbox.Users;

namespace Junocal.Tests.Sandbox;

public class SandboxMeetingsEndpoint
{
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
            start_time = "2026-03-12T18:00:00Z",
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
        Assert.Equal("2026-03-12T18:00:00Z", json.GetProperty("start_time").GetString());
        Assert.Equal(55, json.GetProperty("duration").GetInt32());
        Assert.Equal("Europe/London", json.GetProperty("timezone").GetString());
        Assert.Equal("Created by Junocal for class 42", json.GetProperty("agenda").GetString());
        var settings = json.GetProperty("settings");
        Assert.True(settings.GetProperty("waiting_room").GetBoolean());
        Assert.True(settings.GetProperty("mute_upon_entry").GetBoolean());
        Assert.False(settings.GetProperty("join_before_host").GetBoolean());
        Assert.Single(host.State.MeetingsOf(TestUsers.Owner.Id));
    }

    [Theory]
    // London is on GMT until 29 March 2026, on BST after it.
    [InlineData("2026-03-12T18:00:00", "Europe/London", "2026-03-12T18:00:00Z")]
    [InlineData("2026-04-02T18:00:00", "Europe/London", "2026-04-02T17:00:00Z")]
    [InlineData("2026-07-01T09:30:00", "America/Los_Angeles", "2026-07-01T16:30:00Z")]
    [InlineData("2026-04-02T18:00:00Z", "Europe/London", "2026-04-02T18:00:00Z")]
    [InlineData("2026-04-02T18:00:00", "UTC", "2026-04-02T18:00:00Z")]
    // 01:30 on 29 March 2026 does not exist in London; Zoom documents nothing, the sandbox moves it forward an hour.
    [InlineData("2026-03-29T01:30:00", "Europe/London", "2026-03-29T01:30:00Z")]
    // 01:30 on 25 October 2026 happens twice in London; the sandbox takes the first (BST) one.
    [InlineData("2026-10-25T01:30:00", "Europe/London", "2026-10-25T00:30:00Z")]
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

        var json = await host.CreateMeetingAsync(tokens.AccessToken, new { topic = "Mat", type = 2, start_time = "2026-07-01T09:00:00", duration = 45 });

        Assert.Equal("2026-07-01T13:00:00Z", json.GetProperty("start_time").GetString());
        Assert.Equal("America/New_York", json.GetProperty("timezone").GetString());
    }

    [Theory]
    [InlineData("""{"topic":"TOPIC201","type":2,"start_time":"2026-03-12T18:00:00Z","duration":30}""", "topic")]
    [InlineData("""{"topic":"Mat","type":2,"start_time":"2026-03-12T18:00:00Z","duration":0}""", "duration")]
    [InlineData("""{"topic":"Mat","type":2,"start_time":"2026-03-12T18:00:00Z","duration":1441}""", "duration")]
    [InlineData("""{"topic":"Mat","type":2,"start_time":"2026-03-12T18:00:00Z","duration":"30"}""", "duration")]
    [InlineData("""{"topic":"Mat","type":2,"start_time":"12/03/2026 18:00","duration":30}""", "start_time")]
    [InlineData("""{"topic":"Mat","type":2,"start_time":"2026-03-12T18:00:00+01:00","duration":30}""", "start_time")]
    [InlineData("""{"topic":"Mat","type":2,"start_time":"2026-03-12T18:00:00","timezone":"Mars/Olympus","duration":30}""", "timezone")]
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

        var json = await host.CreateMeetingAsync(tokens.AccessToken, new { topic = new string('x', 200), type = 2, start_time = "2026-03-12T18:00:00Z", duration = 30 });

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
            start_time = "2026-04-02T19:00:00",
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
        Assert.Equal("2026-04-02T18:00:00Z", json.GetProperty("start_time").GetString());
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
