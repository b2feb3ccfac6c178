using System.Net;
using Junocal.Sandbox.Users;
using Junocal.Tests.Infrastructure;

namespace Junocal.Tests.Sandbox;

public class SandboxRateLimits
{
    private const string DailyMessage =
        "You have exceeded the daily rate limit (100) of Meeting Create/Update API requests permitted for this particular user. You may resume these requests at GMT 00:00:00.";

    private static object Meeting => new { topic = "Mat", type = 2, start_time = SandboxHost.MeetingStart, duration = 30 };

    [Fact]
    public async Task Refuses101stCreateOrUpdateOfTheUtcDayWithZoomsDailyMessage()
    {
        await using var host = await SandboxHost.StartAsync();
        var tokens = await host.ConnectAsync(TestUsers.Owner);
        var id = (await host.CreateMeetingAsync(tokens.AccessToken)).GetProperty("id").GetInt64();
        for (var i = 0; i < 98; i++)
        {
            host.Clock.Advance(TimeSpan.FromSeconds(1));
            await host.CreateMeetingAsync(tokens.AccessToken, Meeting);
        }

        using var hundredth = await host.ApiAsync(HttpMethod.Patch, $"v2/meetings/{id}", tokens.AccessToken, new { topic = "Renamed" });
        using var create = await host.ApiAsync(HttpMethod.Post, "v2/users/me/meetings", tokens.AccessToken, Meeting);
        using var update = await host.ApiAsync(HttpMethod.Patch, $"v2/meetings/{id}", tokens.AccessToken, new { topic = "Again" });

        Assert.Equal(HttpStatusCode.NoContent, hundredth.StatusCode);
        foreach (var response in new[] { create, update })
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
            var json = await SandboxHost.ReadJsonAsync(response);
            Assert.Equal(429, json.GetProperty("code").GetInt32());
            Assert.Equal(DailyMessage, json.GetProperty("message").GetString());
            Assert.Equal(TestCalendar.ZoomUtc(SandboxHost.Today.AddDays(1)), response.Headers.GetValues("Retry-After").Single()); // the next midnight UTC
            Assert.Equal("Daily-limit", response.Headers.GetValues("X-RateLimit-Type").Single());
        }

        Assert.Equal(99, host.State.MeetingsOf(TestUsers.Owner.Id).Count);
    }

    [Fact]
    public async Task ResetsTheDailyLimitAtMidnightUtcAndKeepsOtherUsersApart()
    {
        await using var host = await SandboxHost.StartAsync(options => options.PerUserDailyLimit = 3);
        var owner = await host.ConnectAsync(TestUsers.Owner);
        var other = await host.ConnectAsync(TestUsers.Other);
        for (var i = 0; i < 3; i++)
        {
            await host.CreateMeetingAsync(owner.AccessToken, Meeting);
        }

        using var refused = await host.ApiAsync(HttpMethod.Post, "v2/users/me/meetings", owner.AccessToken, Meeting);
        await host.CreateMeetingAsync(other.AccessToken, Meeting);
        host.Clock.SetUtcNow(TestCalendar.Utc(SandboxHost.Today, 23, 59).AddSeconds(59));
        using var refresh = await host.RefreshAsync(owner.RefreshToken);
        var refreshed = TokenSet.From(await SandboxHost.ReadJsonAsync(refresh));
        using var stillRefused = await host.ApiAsync(HttpMethod.Post, "v2/users/me/meetings", refreshed.AccessToken, Meeting);
        host.Clock.Advance(TimeSpan.FromSeconds(1));

        await host.CreateMeetingAsync(refreshed.AccessToken, Meeting);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("daily rate limit (3)", (await SandboxHost.ReadJsonAsync(refused)).GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.TooManyRequests, stillRefused.StatusCode);
        Assert.Equal(1, host.State.DailyRequestsUsed(TestUsers.Owner.Id));
    }

    [Fact]
    public async Task RefusesRequestsBeyondThePerSecondLimit()
    {
        await using var host = await SandboxHost.StartAsync(options => options.PerSecondLimit = 2);
        var tokens = await host.ConnectAsync(TestUsers.Owner);
        await host.CreateMeetingAsync(tokens.AccessToken, Meeting);
        await host.CreateMeetingAsync(tokens.AccessToken, Meeting);

        using var third = await host.ApiAsync(HttpMethod.Post, "v2/users/me/meetings", tokens.AccessToken, Meeting);
        host.Clock.Advance(TimeSpan.FromSeconds(1));
        await host.CreateMeetingAsync(tokens.AccessToken, Meeting);

        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        var json = await SandboxHost.ReadJsonAsync(third);
        Assert.Equal("You have reached the maximum per-second rate limit for this API. Try again later.", json.GetProperty("message").GetString());
        Assert.Equal("QPS", third.Headers.GetValues("X-RateLimit-Type").Single());
        Assert.False(third.Headers.Contains("Retry-After"));
    }
}
