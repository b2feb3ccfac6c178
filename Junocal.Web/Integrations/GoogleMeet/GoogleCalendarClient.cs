using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Junocal.Web.Integrations.GoogleMeet;

/// <summary>
/// Google Calendar API v3 for one studio. Attaches a valid access token and, when Google answers 401, refreshes once
/// and repeats the call. It retries nothing else: whether to repeat a create belongs to the caller.
/// </summary>
public sealed class GoogleCalendarClient(HttpClient http, GoogleTokenStore tokens, IOptionsMonitor<GoogleOptions> options, SelfOrigin self)
{
    /// <summary>Sends a request for the studio with its access token; <paramref name="build"/> is called again for the one retry.</summary>
    public async Task<GoogleApiResponse> SendAsync(Guid studioId, Func<HttpRequestMessage> build, CancellationToken cancellationToken)
    {
        var access = await tokens.GetAsync(studioId, cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            if (access.AccessToken is not { } token)
            {
                return GoogleApiResponse.NoAccess(access);
            }

            var answer = await SendWithTokenAsync(token, build, cancellationToken);
            if (attempt == 1 && answer.Status == HttpStatusCode.Unauthorized)
            {
                access = await tokens.GetAsync(studioId, cancellationToken, rejected: token);
                continue;
            }

            return answer.IsScopeMissing ? GoogleApiResponse.NoAccess(await tokens.ScopeMissingAsync(studioId, cancellationToken)) : answer;
        }
    }

    /// <summary>One call with a given token: for stopping channels while a disconnect has already closed the token store.</summary>
    public async Task<GoogleApiResponse> SendWithTokenAsync(string accessToken, Func<HttpRequestMessage> build, CancellationToken cancellationToken)
    {
        using var request = build();
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return new GoogleApiResponse(response.StatusCode, body, GoogleApiError.TryRead(body), null);
    }

    public Uri Url(string relative) => new(self.Resolve(options.CurrentValue.CalendarApiBaseUrl), relative);
}

/// <summary>
/// Google's error envelope <c>{"error":{"errors":[{"domain","reason","message"}],"code","message"}}</c> (docs/google-meet.md,
/// "Errors"); the first reason is the one that classifies.
/// </summary>
public sealed record GoogleApiError(int Code, string? Reason, string Message)
{
    public static GoogleApiError? TryRead(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind != JsonValueKind.Object || !json.RootElement.TryGetProperty("error", out var error)
                || error.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var code = error.TryGetProperty("code", out var c) && c.TryGetInt32(out var number) ? number : 0;
            var message = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() ?? "" : "";
            string? reason = null;
            if (error.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
            {
                reason = errors.EnumerateArray()
                    .Select(e => e.ValueKind == JsonValueKind.Object && e.TryGetProperty("reason", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null)
                    .FirstOrDefault(r => r is not null);
            }

            return new GoogleApiError(code, reason, message);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

public sealed record GoogleApiResponse(HttpStatusCode Status, string Body, GoogleApiError? Error, GoogleAccessResult? Access)
{
    public bool IsSuccess => Access is null && (int)Status is >= 200 and < 300;

    /// <summary>A per-minute limit: back off and retry (403 or 429, domain usageLimits).</summary>
    public bool IsRateLimited => Status == HttpStatusCode.TooManyRequests
        || (Status == HttpStatusCode.Forbidden && Error?.Reason is "rateLimitExceeded" or "userRateLimitExceeded");

    /// <summary>The grant lacks a scope the call needs (docs/google-meet.md, "Errors"): only the owner can give it back.</summary>
    public bool IsScopeMissing => Status == HttpStatusCode.Forbidden && Error?.Reason == "insufficientPermissions";

    /// <summary>Calendar's daily anti-abuse limits: back off for a long time.</summary>
    public bool IsQuotaExceeded => Status == HttpStatusCode.Forbidden && Error?.Reason == "quotaExceeded";

    public string Describe() => Error is { Message.Length: > 0 } error
        ? $"Google answered {(int)Status}{(error.Reason is null ? "" : $" {error.Reason}")}: {error.Message}"
        : $"Google answered {(int)Status}.";

    public static GoogleApiResponse NoAccess(GoogleAccessResult access) => new(0, "", null, access);
}
