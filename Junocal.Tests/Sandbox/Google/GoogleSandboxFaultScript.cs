using System.Net;
using System.Net.Http.Json;
using Junocal.Sandbox.Google.Faults;
using static Junocal.Tests.Sandbox.Google.GoogleSandboxHost;

namespace Junocal.Tests.Sandbox.Google;

/// <summary>The fault script on Google's endpoints: errors with a reason, hangs, lost and slow answers.</summary>
public class GoogleSandboxFaultScript
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(GoogleSandboxHost Host, string Token, string CalendarId)> ConnectedAsync()
    {
        var host = await StartAsync();
        var tokens = await host.ConnectAsync();
        return (host, tokens.AccessToken, await host.CreateCalendarAsync(tokens.AccessToken));
    }

    private static Task<HttpResponseMessage> InsertAsync(GoogleSandboxHost host, string token, string calendarId, string id, CancellationToken? cancellationToken = null) =>
        host.ApiAsync(HttpMethod.Post, EventsPath(calendarId, "?conferenceDataVersion=1"), token, EventBody(id), cancellationToken: cancellationToken);

    [Fact]
    public async Task FailsTheNextNRequestsWithTheStatusAndReasonThenRecovers()
    {
        var (host, token, calendarId) = await ConnectedAsync();
        await using var owned = host;
        host.State.Faults.Script(GoogleEndpoint.InsertEvent, GoogleFaultKind.Fail, times: 2, status: 503, reason: "backendError");

        using var first = await InsertAsync(host, token, calendarId, "jc0000000001");
        using var second = await InsertAsync(host, token, calendarId, "jc0000000001");
        using var third = await InsertAsync(host, token, calendarId, "jc0000000001");

        await AssertApiErrorAsync(first, HttpStatusCode.ServiceUnavailable, "backendError", "global");
        await AssertApiErrorAsync(second, HttpStatusCode.ServiceUnavailable, "backendError");
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
        Assert.Single(host.State.Events);
        Assert.Empty(host.State.Faults.Pending);
        Assert.Equal([GoogleFaultKind.Fail, GoogleFaultKind.Fail, null],
            host.State.Requests.Where(r => r.Endpoint == GoogleEndpoint.InsertEvent).Select(r => r.Fault));
    }

    [Fact]
    public async Task AnswersGooglesUsageLimitReasons()
    {
        var (host, token, calendarId) = await ConnectedAsync();
        await using var owned = host;
        host.State.Faults.Script(GoogleEndpoint.PatchEvent, GoogleFaultKind.RateLimited);
        host.State.Faults.Script(GoogleEndpoint.PatchEvent, GoogleFaultKind.RateLimited, status: 429);
        host.State.Faults.Script(GoogleEndpoint.PatchEvent, GoogleFaultKind.UserRateLimited);
        host.State.Faults.Script(GoogleEndpoint.PatchEvent, GoogleFaultKind.QuotaExceeded);
        host.State.Faults.Script(GoogleEndpoint.PatchEvent, GoogleFaultKind.ServerError);
        var path = EventsPath(calendarId, "/jc0000000001");

        using var rate = await host.ApiAsync(HttpMethod.Patch, path, token, new { summary = "x" });
        using var rate429 = await host.ApiAsync(HttpMethod.Patch, path, token, new { summary = "x" });
        using var user = await host.ApiAsync(HttpMethod.Patch, path, token, new { summary = "x" });
        using var quota = await host.ApiAsync(HttpMethod.Patch, path, token, new { summary = "x" });
        using var server = await host.ApiAsync(HttpMethod.Patch, path, token, new { summary = "x" });

        await AssertApiErrorAsync(rate, HttpStatusCode.Forbidden, "rateLimitExceeded", "usageLimits");
        await AssertApiErrorAsync(rate429, HttpStatusCode.TooManyRequests, "rateLimitExceeded", "usageLimits");
        await AssertApiErrorAsync(user, HttpStatusCode.Forbidden, "userRateLimitExceeded", "usageLimits");
        var item = await AssertApiErrorAsync(quota, HttpStatusCode.Forbidden, "quotaExceeded", "usageLimits");
        Assert.Equal("Calendar usage limits exceeded.", item.GetProperty("message").GetString());
        await AssertApiErrorAsync(server, HttpStatusCode.InternalServerError, "backendError");
    }

    [Fact]
    public async Task AnswersTheTokenEndpointInItsOwnErrorForm()
    {
        await using var host = await StartAsync();
        var tokens = await host.ConnectAsync();
        host.State.Faults.Script(GoogleEndpoint.Token, GoogleFaultKind.InvalidGrant);
        host.State.Faults.Script(GoogleEndpoint.Token, GoogleFaultKind.Fail, status: 400, reason: "invalid_request");

        using var invalidGrant = await host.RefreshAsync(tokens.RefreshToken!);
        using var failed = await host.RefreshAsync(tokens.RefreshToken!);
        using var recovered = await host.RefreshAsync(tokens.RefreshToken!);

        await AssertOAuthErrorAsync(invalidGrant, HttpStatusCode.BadRequest, "invalid_grant", "Token has been expired or revoked.");
        await AssertOAuthErrorAsync(failed, HttpStatusCode.BadRequest, "invalid_request");
        Assert.Equal(HttpStatusCode.OK, recovered.StatusCode);
    }

    [Fact]
    public async Task ALostResponseStillCreatesTheEvent()
    {
        var (host, token, calendarId) = await ConnectedAsync();
        await using var owned = host;
        host.State.Faults.Script(GoogleEndpoint.InsertEvent, GoogleFaultKind.LoseResponse);

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => InsertAsync(host, token, calendarId, "jc0000000001"));
        using var retry = await InsertAsync(host, token, calendarId, "jc0000000001");

        Assert.Equal("jc0000000001", Assert.Single(host.State.Events).Id);
        await AssertApiErrorAsync(retry, HttpStatusCode.Conflict, "duplicate");
    }

    [Fact]
    public async Task ALostResponseWith500StillDeletesTheEvent()
    {
        var (host, token, calendarId) = await ConnectedAsync();
        await using var owned = host;
        await host.InsertEventAsync(token, calendarId, EventBody("jc0000000001"));
        host.State.Faults.Script(GoogleEndpoint.DeleteEvent, GoogleFaultKind.LoseResponseWith500);

        using var first = await host.ApiAsync(HttpMethod.Delete, EventsPath(calendarId, "/jc0000000001"), token);
        using var second = await host.ApiAsync(HttpMethod.Delete, EventsPath(calendarId, "/jc0000000001"), token);

        await AssertApiErrorAsync(first, HttpStatusCode.InternalServerError, "backendError");
        Assert.True(host.State.FindEvent(calendarId, "jc0000000001")!.IsCancelled);
        await AssertApiErrorAsync(second, HttpStatusCode.Gone, "deleted");
    }

    [Fact]
    public async Task ADroppedConnectionChangesNothing()
    {
        var (host, token, calendarId) = await ConnectedAsync();
        await using var owned = host;
        host.State.Faults.Script(GoogleEndpoint.InsertEvent, GoogleFaultKind.DropConnection);

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => InsertAsync(host, token, calendarId, "jc0000000001"));

        Assert.Empty(host.State.Events);
    }

    [Fact]
    public async Task AHangAnswersNothingUntilTheCallerGivesUp()
    {
        var (host, token, calendarId) = await ConnectedAsync();
        await using var owned = host;
        host.State.Faults.Script(GoogleEndpoint.InsertEvent, GoogleFaultKind.Hang);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        deadline.CancelAfter(TimeSpan.FromMilliseconds(500));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => InsertAsync(host, token, calendarId, "jc0000000001", deadline.Token));

        Assert.Empty(host.State.Events);
        Assert.Equal(GoogleFaultKind.Hang, Assert.Single(host.State.Requests, r => r.Endpoint == GoogleEndpoint.InsertEvent).Fault);
    }

    [Fact]
    public async Task ASlowAnswerHasDoneTheWorkBeforeItAnswers()
    {
        var (host, token, calendarId) = await ConnectedAsync();
        await using var owned = host;
        host.State.Faults.Script(GoogleEndpoint.InsertEvent, GoogleFaultKind.SlowAnswer, delay: TimeSpan.FromSeconds(30));

        var answer = InsertAsync(host, token, calendarId, "jc0000000001");
        await Infrastructure.Eventually.HoldsAsync(() => host.State.Events.Count == 1, "the event created while the answer waits");
        Assert.False(answer.IsCompleted);
        await Infrastructure.Eventually.HoldsAsync(() =>
        {
            host.Clock.Advance(TimeSpan.FromSeconds(10));
            return answer.IsCompleted;
        }, "the slow answer once the sandbox's clock has moved on");

        using var response = await answer;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ScriptsListsAndClearsFaultsOverHttp()
    {
        await using var host = await StartAsync();
        var tokens = await host.ConnectAsync();

        using var scripted = await host.Client.PostAsJsonAsync(new Uri("faults", UriKind.Relative),
            new { endpoint = "InsertCalendar", kind = "Fail", status = 403, reason = "forbidden", times = 2 }, Ct);
        var pending = await ReadJsonAsync(await host.Client.GetAsync(new Uri("faults", UriKind.Relative), Ct));
        using var failed = await host.ApiAsync(HttpMethod.Post, "calendar/v3/calendars", tokens.AccessToken, new { summary = "x" });
        using var cleared = await host.Client.DeleteAsync(new Uri("faults", UriKind.Relative), Ct);
        using var recovered = await host.ApiAsync(HttpMethod.Post, "calendar/v3/calendars", tokens.AccessToken, new { summary = "x" });

        Assert.Equal(HttpStatusCode.Created, scripted.StatusCode);
        Assert.Equal(2, pending.GetArrayLength());
        Assert.Equal("Fail", pending[0].GetProperty("kind").GetString());
        await AssertApiErrorAsync(failed, HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(HttpStatusCode.NoContent, cleared.StatusCode);
        Assert.Equal(HttpStatusCode.OK, recovered.StatusCode);
    }

    [Fact]
    public async Task RefusesAFaultThatIsNotJsonOrIncomplete()
    {
        await using var host = await StartAsync();

        using var form = await host.Client.PostAsync(new Uri("faults", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["endpoint"] = "Token" }), Ct);
        using var failWithoutReason = await host.Client.PostAsJsonAsync(new Uri("faults", UriKind.Relative),
            new { endpoint = "Token", kind = "Fail", status = 400 }, Ct);
        using var unknownKind = await host.Client.PostAsJsonAsync(new Uri("faults", UriKind.Relative),
            new { endpoint = "Token", kind = "Explode" }, Ct);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, form.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, failWithoutReason.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknownKind.StatusCode);
        Assert.Empty(host.State.Faults.Pending);
    }
}
