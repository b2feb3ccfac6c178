using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Junocal.Sandbox.Http;

/// <summary>Zoom's API error body <c>{code, message[, errors]}</c> (https://developers.zoom.us/docs/api/errors).</summary>
internal sealed record ZoomErrorBody(int Code, string Message, IReadOnlyList<ZoomFieldError>? Errors = null);

internal sealed record ZoomFieldError(string Field, string Message);

/// <summary>A JSON error response with optional extra headers (rate-limit headers).</summary>
internal sealed class ZoomErrorResult(int statusCode, object body, IReadOnlyDictionary<string, string>? headers = null) : IResult
{
    public int StatusCode => statusCode;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = statusCode;
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            httpContext.Response.Headers[name] = value;
        }

        httpContext.Response.ContentType = "application/json;charset=UTF-8";
        await JsonSerializer.SerializeAsync(httpContext.Response.Body, body, body.GetType(), SandboxJson.Options);
    }
}

internal static class ZoomErrors
{
    // 124 with HTTP 401 as observed in https://devforum.zoom.us/t/randomly-receiving-invalid-access-token-for-server-to-server-oauth/74432/4
    public static ZoomErrorResult InvalidAccessToken() => Api(401, 124, "Invalid access token.");

    public static ZoomErrorResult ExpiredAccessToken() => Api(401, 124, "Access token is expired.");

    // Text as seen in public fixtures, listing the admin variant first (docs/zoom.md, "Scopes").
    public static ZoomErrorResult MissingScope(string scope) =>
        Api(400, 4711, $"Invalid access token, does not contain scopes:[{scope}:admin, {scope}].");

    // "Meeting does not exist: {id}." with HTTP 404, as logged in public fixtures (docs/zoom.md, "Errors and limits").
    public static ZoomErrorResult MeetingNotFound(long meetingId) =>
        Api(404, 3001, $"Meeting does not exist: {meetingId.ToString(CultureInfo.InvariantCulture)}.");

    public static ZoomErrorResult InvalidMeetingId(string meetingId) => Api(404, 3001, $"Meeting does not exist: {meetingId}.");

    public static ZoomErrorResult UserNotFound(string userId) => Api(404, 1001, $"User does not exist: {userId}.");

    public static ZoomErrorResult InvalidJson() => Api(400, 300, "Request Body should be a valid JSON object.");

    // Validation failures carry code 300 plus errors[{field, message}] (https://developers.zoom.us/docs/api/errors).
    public static ZoomErrorResult Validation(string field, string message) =>
        new(400, new ZoomErrorBody(300, "Validation Failed.", [new ZoomFieldError(field, message)]));

    public static ZoomErrorResult ServerError() => Api(500, 500, "Internal Server Error");

    /// <summary>
    /// Per-second limit: the message from https://devforum.zoom.us/t/zoom-api-create-meeting-api-rate-limit-sample-error-when-breaching-limit/18928 ;
    /// the QPS header set is the one the Zoom plugin documents (docs/zoom.md, "Errors and limits").
    /// </summary>
    public static ZoomErrorResult PerSecondLimit(int limit, DateTimeOffset resetAt, TimeSpan? retryAfter = null)
    {
        var headers = new Dictionary<string, string>
        {
            ["X-RateLimit-Category"] = "Medium",
            ["X-RateLimit-Type"] = "QPS",
            ["X-RateLimit-Limit"] = limit.ToString(CultureInfo.InvariantCulture),
            ["X-RateLimit-Remaining"] = "0",
            ["X-RateLimit-Reset"] = resetAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
        };
        if (retryAfter is { } delay)
        {
            headers["Retry-After"] = ((int)Math.Ceiling(delay.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        return Api(429, 429, "You have reached the maximum per-second rate limit for this API. Try again later.", headers);
    }

    /// <summary>
    /// Per-user daily create/update limit: body quoted by Zoom staff and headers from Zoom's docs example, with
    /// <c>Retry-After</c> as an ISO date-time of the next 00:00 UTC
    /// (https://devforum.zoom.us/t/zoom-api-create-meeting-api-rate-limit-sample-error-when-breaching-limit/18928).
    /// </summary>
    public static ZoomErrorResult DailyLimit(int limit, DateTimeOffset nextUtcMidnight)
    {
        var headers = new Dictionary<string, string>
        {
            ["X-RateLimit-Category"] = "Heavy",
            ["X-RateLimit-Type"] = "Daily-limit",
            ["X-RateLimit-Limit"] = limit.ToString(CultureInfo.InvariantCulture),
            ["X-RateLimit-Remaining"] = "0",
            ["Retry-After"] = nextUtcMidnight.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        };
        var message = $"You have exceeded the daily rate limit ({limit.ToString(CultureInfo.InvariantCulture)}) of Meeting Create/Update API requests permitted for this particular user. You may resume these requests at GMT 00:00:00.";
        return Api(429, 429, message, headers);
    }

    private static ZoomErrorResult Api(int status, int code, string message, IReadOnlyDictionary<string, string>? headers = null) =>
        new(status, new ZoomErrorBody(code, message), headers);
}

/// <summary>Token-endpoint errors are <c>{"reason", "error"}</c>, e.g. <c>{"reason":"Invalid Token!","error":"invalid_grant"}</c>
/// (https://github.com/raycast/extensions/issues/10896).</summary>
internal sealed record OAuthErrorBody(string Reason, string Error);

internal static class OAuthErrors
{
    public static ZoomErrorResult InvalidToken() => new(400, new OAuthErrorBody("Invalid Token!", "invalid_grant"));

    public static ZoomErrorResult InvalidGrant(string reason) => new(400, new OAuthErrorBody(reason, "invalid_grant"));

    public static ZoomErrorResult InvalidRequest(string reason) => new(400, new OAuthErrorBody(reason, "invalid_request"));

    // Observed as HTTP 400 (https://github.com/JubaerHossain/zoom-laravel/issues/3).
    public static ZoomErrorResult InvalidClient() =>
        new(400, new OAuthErrorBody("Invalid client_id or client_secret", "invalid_client"));

    // https://github.com/zoom/server-to-server-oauth-token/issues/3
    public static ZoomErrorResult UnsupportedGrantType() =>
        new(400, new OAuthErrorBody("unsupported grant type", "unsupported_grant_type"));

    // A reused code answers {"reason":"Invalid authorization code <code>","error":"invalid_request"}
    // (https://github.com/Jericho/ZoomNet/issues/36).
    public static ZoomErrorResult InvalidCode(string code) => InvalidRequest($"Invalid authorization code {code}");
}
