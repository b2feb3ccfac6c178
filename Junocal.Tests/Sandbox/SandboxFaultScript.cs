using System.Net;
using System.Text;
using Junocal.Sandbox.Faults;
using Junocal.Sandbox.Users;
using Junocal.Tests.Infrastructure;

namespace Junocal.Tests.Sandbox;

public class SandboxFaultScript
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static object Meeting => new { topic = "Mat", type = 2, start_time = SandboxHost.MeetingStart, duration = 30 };

    [Fact]
    public async Task AnswersTheNextNRequestsWith500ThenRecovers()
    {
        await using var host = await SandboxHost.StartAsync();
        var tokens = await host.ConnectAsync(TestUsers.Owner);
        host.State.Faults.Script(SandboxEndpoint.CreateMeeting, FaultKind.ServerError, times: 2);

        using var first = await host.ApiAsync(HttpMethod.Post, "v2/users/me/meetings", tokens.AccessToken, Meeting);
        using var second = await host.ApiAsync(HttpMethod.Post, "v2/users/me/meetings", tokens.AccessToken, Meeting);
        await host.CreateMeetingAsync(tokens.AccessToken, Meeting);

        Assert.Equal(HttpStatusCode.InternalServerError, first.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, second.StatusCode);
        Assert.Single(host.State.Meetings);
        Assert.Empty(host.State.Faults.Pending);
        Assert.Equal(
            [FaultKind.ServerError, FaultKind.ServerError, null],
            host.State.Requests.Where(request => request.Endpoint == SandboxEndpoint.CreateMeeting).Select(request => request.Fault));
    }

    [Fact]
    public async Task Answers429WithAndWithoutRetryAfter()
    {
        await using var host = await SandboxHost.StartAsync();
        var tokens = await host.ConnectAsync(TestUsers.Owner);
        host.State.Faults.Script(SandboxEndpoint.UpdateMeeting, FaultKind.RateLimited);
        host.State.Faults.Script(SandboxEndpoint.UpdateMeeting, FaultKind.RateLimited, retryAfter: TimeSpan.FromSeconds(3));

        using var without = await host.ApiAsync(HttpMethod.Patch, "v2/meetings/81234567890", tokens.AccessToken, new { topic = "x" });
        using var with = await host.ApiAsync(HttpMethod.Patch, "v2/meetings/81234567890", tokens.AccessToken, new { topic = "x" });

        Assert.Equal(HttpStatusCode.TooManyRequests, without.StatusCode);
        Assert.False(without.Headers.Contains("Retry-After"));
        Assert.Equal(HttpStatusCode.TooManyRequests, with.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(3), with.Headers.RetryAfter!.Delta);
        Assert.Equal(429, (await SandboxHost.ReadJsonAsync(with)).GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task AnswersTheDailyLimitWithRetryAfterAtMidnightUtc()
    {
        await using var host = await SandboxHost.StartAsync();
        var tokens = await host.ConnectAsync(TestUsers.Owner);
        host.State.Faults.Script(SandboxEndpoint.CreateMeeting, FaultKind.DailyLimitReached);

        using var response = await host.ApiAsync(HttpMethod.Post, "v2/users/me/meetings", tokens.AccessToken, Meeting);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(TestCalendar.ZoomUtc(SandboxHost.Today.AddDays(1)), response.Headers.GetValues("Retry-After").Single()); // the next midnight UTC
        Assert.StartsWith("You have exceeded the daily rate limit (100)", (await SandboxHost.ReadJsonAsync(response)).GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HangsUntilTheClientGivesUp()
    {
        await using var host = await SandboxHost.StartAsync();
        var tokens = await host.ConnectAsync(TestUsers.Owner);
        host.State.Faults.Script(SandboxEndpoint.GetUser, FaultKind.Hang);
        using var clientTimeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        clientTimeout.CancelAfter(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => host.ApiWithDeadlineAsync(HttpMethod.Get, "v2/users/me", tokens.AccessToken, null, clientTimeout.Token));

        using var next = await host.ApiAsync(HttpMethod.Get, "v2/users/me", tokens.AccessToken);
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Contains(host.State.Requests, request => request.Fault == FaultKind.Hang && request.StatusCode is null);
    }

    [Fact]
    public async Task DropsTheConnectionBeforeHandling()
    {
        await using var host = await SandboxHost.StartAsync();
        var code = await host.AuthorizeAsync(TestUsers.Owner);
        host.State.Faults.Script(SandboxEndpoint.Token, FaultKind.DropConnection);

        await Assert.ThrowsAsync<HttpRequestException>(() => host.ExchangeAsync(code));

        Assert.Empty(host.State.Tokens);
        using var retry = await host.ExchangeAsync(code);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
    }

    [Fact]
    public async Task LosesTheResponseAfterTheMeetingWasCreated()
    {
        await using var host = await SandboxHost.StartAsync();
        var tokens = await host.ConnectAsync(TestUsers.Owner);
        host.State.Faults.Script(SandboxEndpoint.CreateMeeting, FaultKind.LoseResponse);

        await Assert.ThrowsAsync<HttpRequestException>(() => host.ApiAsync(HttpMethod.Post, "v2/users/me/meetings", tokens.AccessToken, Meeting));

        Assert.Single(host.State.MeetingsOf(TestUsers.Owner.Id));
    }

    [Fact]
    public async Task AnswersInvalidGrantOnTheTokenEndpoint()
    {
        await using var host = await SandboxHost.StartAsync();
        var tokens = await host.ConnectAsync(TestUsers.Owner);
        host.State.Faults.Script(SandboxEndpoint.Token, FaultKind.InvalidGrant);

        using var refused = await host.RefreshAsync(tokens.RefreshToken);
        using var accepted = await host.RefreshAsync(tokens.RefreshToken);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("""{"reason":"Invalid Token!","error":"invalid_grant"}""", await refused.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Fact]
    public async Task Answers3001ForAMeetingThatStillExists()
    {
        await using var host = await SandboxHost.StartAsync();
        var tokens = await host.ConnectAsync(TestUsers.Owner);
        var id = (await host.CreateMeetingAsync(tokens.AccessToken)).GetProperty("id").GetInt64();
        host.State.Faults.Script(SandboxEndpoint.UpdateMeeting, FaultKind.MeetingNotFound);

        using var response = await host.ApiAsync(HttpMethod.Patch, $"v2/meetings/{id}", tokens.AccessToken, new { topic = "Renamed" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var json = await SandboxHost.ReadJsonAsync(response);
        Assert.Equal(3001, json.GetProperty("code").GetInt32());
        Assert.Equal($"Meeting does not exist: {id}.", json.GetProperty("message").GetString());
        Assert.Equal("Reformer basics", host.State.FindMeeting(id)!.Topic);
    }

    [Fact]
    public async Task ScriptsFaultsOverHttp()
    {
        await using var host = await SandboxHost.StartAsync();
        var tokens = await host.ConnectAsync(TestUsers.Owner);

        using var scripted = await host.Client.PostAsync(new Uri("faults", UriKind.Relative), new StringContent(
            """{"endpoint":"DeleteMeeting","kind":"RateLimited","times":2,"retryAfterSeconds":5}""", Encoding.UTF8, "application/json"), Ct);
        var pending = await host.Client.GetStringAsync(new Uri("faults", UriKind.Relative), Ct);
        using var limited = await host.ApiAsync(HttpMethod.Delete, "v2/meetings/81234567890", tokens.AccessToken);
        using var cleared = await host.Client.DeleteAsync(new Uri("faults", UriKind.Relative), Ct);
        using var notFound = await host.ApiAsync(HttpMethod.Delete, "v2/meetings/81234567890", tokens.AccessToken);

        Assert.Equal(HttpStatusCode.Created, scripted.StatusCode);
        Assert.Contains("\"kind\":\"RateLimited\"", pending, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), limited.Headers.RetryAfter!.Delta);
        Assert.Equal(HttpStatusCode.NoContent, cleared.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
    }

    [Fact]
    public async Task RefusesAFaultPostThatIsNotJson()
    {
        await using var host = await SandboxHost.StartAsync();

        using var response = await host.Client.PostAsync(new Uri("faults", UriKind.Relative), new FormUrlEncodedContent(
            new Dictionary<string, string> { ["endpoint"] = "Token", ["kind"] = "ServerError" }), Ct);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Empty(host.State.Faults.Pending);
    }
}
