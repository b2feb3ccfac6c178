using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace Junocal.Web.Integrations.Zoom;

/// <summary>
/// Zoom's REST API for one studio. Attaches a valid access token and, when Zoom answers 401 or code 124
/// ("invalid access token"), refreshes once and repeats the call. It never retries anything else: whether to
/// repeat a create belongs to the caller, which knows what already happened. Every call waits for the studio's turn
/// (<see cref="ZoomRequestPacer"/>), and a per-second 429 slows the studio's pace.
/// </summary>
public sealed class ZoomApiClient(HttpClient http, ZoomTokenStore tokens, ZoomRequestPacer pacer, ZoomDailyQuota dailyQuota, TimeProvider clock, IOptionsMonitor<ZoomOptions> options,
    SelfOrigin self)
{
    /// <summary><c>GET /users/me</c> with a token just issued; needs <c>user:read:user</c>. Null when Zoom does not answer it.</summary>
    public async Task<ZoomIdentity?> GetMeAsync(string accessToken, CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, Url("users/me"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
            using var response = await http.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return null;
            }

            var me = await response.Content.ReadFromJsonAsync<UserResponse>(cancellationToken);
            return me is { Id.Length: > 0 } ? new ZoomIdentity(me.Id, me.AccountId, me.Email) : null;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// Sends a request for the studio with its access token; <paramref name="build"/> is called again for the one retry.
    /// With <paramref name="countsTowardDailyLimit"/> (a meeting create or update) it is not sent when Zoom answered the
    /// studio's daily limit while it waited for its turn (<see cref="ZoomDailyQuota"/>).
    /// </summary>
    public async Task<ZoomApiResponse> SendAsync(Guid studioId, Func<HttpRequestMessage> build, CancellationToken cancellationToken,
        bool countsTowardDailyLimit = false)
    {
        var access = await tokens.GetAsync(studioId, cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            if (access.AccessToken is not { } token)
            {
                return ZoomApiResponse.NoAccess(access);
            }

            using var request = build();
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var ticket = dailyQuota.Ticket();
            await pacer.WaitTurnAsync(studioId, cancellationToken);
            if (countsTowardDailyLimit && dailyQuota.SpentWhileWaiting(studioId, ticket) is { } spentUntil)
            {
                return ZoomApiResponse.DailyLimitKnown(spentUntil);
            }

            using var response = await http.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var error = ZoomError.TryRead(body);
            if (attempt == 1 && (response.StatusCode == HttpStatusCode.Unauthorized || error?.Code == ZoomError.InvalidAccessToken))
            {
                access = await tokens.GetAsync(studioId, cancellationToken, rejected: token);
                continue;
            }

            var answer = new ZoomApiResponse(response.StatusCode, body, error, response.Headers.RetryAfter, null, ResetAt(response));
            if (answer.IsDailyLimit)
            {
                var now = clock.GetUtcNow();
                dailyQuota.Spent(studioId, answer.RetryAt(now) is { } at && at > now && at <= now.AddHours(25) ? at : new DateTimeOffset(now.UtcDateTime.Date.AddDays(1), TimeSpan.Zero));
            }
            else if (answer.IsPerSecondLimit)
            {
                var now = clock.GetUtcNow();
                pacer.Throttled(studioId, (answer.RetryAt(now) ?? answer.ResetAt) - now);
            }

            return answer;
        }
    }

    // X-RateLimit-Reset (unix seconds) comes with a per-second 429 when Retry-After does not (docs/zoom.md, "Errors and limits").
    private static DateTimeOffset? ResetAt(HttpResponseMessage response) =>
        response.Headers.TryGetValues("X-RateLimit-Reset", out var values)
        && long.TryParse(values.FirstOrDefault(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
        && seconds is > 0 and < 100_000_000_000
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

    public Uri Url(string relative) => new(self.Resolve(options.CurrentValue.ApiBaseUrl), relative);

    private sealed record UserResponse(
        [property: JsonPropertyName("id")] string Id,
        [property: JsonPropertyName("account_id")] string? AccountId,
        [property: JsonPropertyName("email")] string? Email);
}

/// <summary>Zoom's error body <c>{"code": …, "message": …}</c> (docs/zoom.md, "Errors and limits").</summary>
public sealed record ZoomError(int Code, string Message)
{
    public const int InvalidAccessToken = 124;
    public const int MeetingNotFound = 3001;

    public static ZoomError? TryRead(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("code", out var code) && code.TryGetInt32(out var number)
                ? new ZoomError(number, json.RootElement.TryGetProperty("message", out var message) ? message.GetString() ?? "" : "")
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

public sealed record ZoomApiResponse(HttpStatusCode Status, string Body, ZoomError? Error, RetryConditionHeaderValue? RetryAfter, ZoomAccessResult? Access,
    DateTimeOffset? ResetAt = null)
{
    public bool IsSuccess => Access is null && (int)Status is >= 200 and < 300;

    // Zoom's daily per-user limit says "daily" in its message; headers are not reliable (docs/zoom.md, "Errors and limits").
    public bool IsDailyLimit => Status == HttpStatusCode.TooManyRequests && Error?.Message.Contains("daily", StringComparison.OrdinalIgnoreCase) == true;

    public bool IsPerSecondLimit => Status == HttpStatusCode.TooManyRequests && !IsDailyLimit;

    /// <summary>When Zoom's <c>Retry-After</c> (a date or seconds) says to try again; null without one.</summary>
    public DateTimeOffset? RetryAt(DateTimeOffset now) =>
        RetryAfter?.Date ?? (RetryAfter?.Delta is { } delta ? now + delta : null);

    public static ZoomApiResponse NoAccess(ZoomAccessResult access) => new(0, "", null, null, access);

    /// <summary>The daily limit this instance already heard from Zoom for the studio, answered without sending the call.</summary>
    public static ZoomApiResponse DailyLimitKnown(DateTimeOffset until) =>
        new(HttpStatusCode.TooManyRequests, "", new ZoomError(429, "The daily limit of meeting creates and updates is reached."), new RetryConditionHeaderValue(until), null);
}
