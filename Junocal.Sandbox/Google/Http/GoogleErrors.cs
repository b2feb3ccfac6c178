using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Junocal.Sandbox.Google.Http;

/// <summary>A JSON answer with a status code and optional extra headers.</summary>
internal sealed class GoogleJsonResult(int statusCode, JsonNode body, IReadOnlyDictionary<string, string>? headers = null) : IResult
{
    public int StatusCode => statusCode;

    public JsonNode Body => body;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = statusCode;
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            httpContext.Response.Headers[name] = value;
        }

        httpContext.Response.ContentType = "application/json; charset=UTF-8";
        await using var writer = new Utf8JsonWriter(httpContext.Response.Body);
        body.WriteTo(writer);
    }
}

/// <summary>
/// Calendar API errors in Google's envelope
/// <c>{"error":{"errors":[{"domain","reason","message","locationType?","location?"}],"code","message","status"}}</c>
/// (docs/google-sandbox.md, "Errors"; the newer front-ends' extra <c>status</c> is included so parsers must tolerate it).
/// </summary>
internal static class GoogleErrors
{
    public static GoogleJsonResult Error(int code, string domain, string reason, string message,
        string? location = null, string? locationType = null, IReadOnlyDictionary<string, string>? headers = null)
    {
        var item = new JsonObject { ["domain"] = domain, ["reason"] = reason, ["message"] = message };
        if (locationType is not null)
        {
            item["locationType"] = locationType;
        }

        if (location is not null)
        {
            item["location"] = location;
        }

        var body = new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["errors"] = new JsonArray(item),
                ["code"] = code,
                ["message"] = message,
                ["status"] = StatusName(code),
            },
        };
        return new GoogleJsonResult(code, body, headers);
    }

    public static GoogleJsonResult AuthError() => Error(401, "global", "authError", "Invalid Credentials", "Authorization", "header",
        new Dictionary<string, string> { ["WWW-Authenticate"] = "Bearer realm=\"https://accounts.google.com/\", error=\"invalid_token\"" });

    public static GoogleJsonResult InsufficientPermissions() =>
        Error(403, "global", "insufficientPermissions", "Request had insufficient authentication scopes.");

    public static GoogleJsonResult NotFound() => Error(404, "global", "notFound", "Not Found");

    public static GoogleJsonResult Deleted() => Error(410, "global", "deleted", "Resource has been deleted");

    public static GoogleJsonResult Duplicate() => Error(409, "global", "duplicate", "The requested identifier already exists.");

    public static GoogleJsonResult Forbidden(string message = "Forbidden") => Error(403, "global", "forbidden", message);

    public static GoogleJsonResult ConditionNotMet() =>
        Error(412, "global", "conditionNotMet", "Precondition Failed", "If-Match", "header");

    public static GoogleJsonResult Invalid(string message, string? location = null, string? locationType = null) =>
        Error(400, "global", "invalid", message, location, locationType);

    public static GoogleJsonResult Required(string message, string? location = null) =>
        Error(400, "global", "required", message, location, location is null ? null : "parameter");

    public static GoogleJsonResult ParseError() => Error(400, "global", "parseError", "Parse Error");

    public static GoogleJsonResult FullSyncRequired() => Error(410, "calendar", "fullSyncRequired",
        "Sync token is no longer valid, a full sync is required.", "syncToken", "parameter");

    public static GoogleJsonResult RateLimitExceeded(int status = 403) => Error(status, "usageLimits", "rateLimitExceeded", "Rate Limit Exceeded");

    public static GoogleJsonResult UserRateLimitExceeded() => Error(403, "usageLimits", "userRateLimitExceeded", "User Rate Limit Exceeded");

    public static GoogleJsonResult QuotaExceeded() => Error(403, "usageLimits", "quotaExceeded", "Calendar usage limits exceeded.");

    public static GoogleJsonResult BackendError(int status = 500) => Error(status, "global", "backendError", "Backend Error");

    /// <summary>A scripted failure with any status and reason; the domain follows the reason's family.</summary>
    public static GoogleJsonResult Scripted(int status, string reason) => reason switch
    {
        "rateLimitExceeded" or "userRateLimitExceeded" or "quotaExceeded" or "dailyLimitExceeded" =>
            Error(status, "usageLimits", reason, MessageFor(reason)),
        "fullSyncRequired" or "updatedMinTooLongAgo" or "forbiddenForNonOrganizer" or "timeRangeEmpty" =>
            Error(status, "calendar", reason, MessageFor(reason)),
        "authError" => Error(status, "global", reason, "Invalid Credentials", "Authorization", "header"),
        _ => Error(status, "global", reason, MessageFor(reason)),
    };

    private static string MessageFor(string reason) => reason switch
    {
        "rateLimitExceeded" => "Rate Limit Exceeded",
        "userRateLimitExceeded" => "User Rate Limit Exceeded",
        "quotaExceeded" => "Calendar usage limits exceeded.",
        "notFound" => "Not Found",
        "deleted" => "Resource has been deleted",
        "duplicate" => "The requested identifier already exists.",
        "insufficientPermissions" => "Request had insufficient authentication scopes.",
        "conditionNotMet" => "Precondition Failed",
        "fullSyncRequired" => "Sync token is no longer valid, a full sync is required.",
        "backendError" => "Backend Error",
        _ => reason,
    };

    private static string StatusName(int code) => code switch
    {
        400 => "INVALID_ARGUMENT",
        401 => "UNAUTHENTICATED",
        403 => "PERMISSION_DENIED",
        404 => "NOT_FOUND",
        409 => "ALREADY_EXISTS",
        410 => "NOT_FOUND",
        412 => "FAILED_PRECONDITION",
        429 => "RESOURCE_EXHAUSTED",
        503 => "UNAVAILABLE",
        _ => code >= 500 ? "INTERNAL" : "UNKNOWN",
    };
}

/// <summary>OAuth endpoint errors in Google's form <c>{"error","error_description"}</c>.</summary>
internal static class OAuthErrors
{
    public static GoogleJsonResult Error(int status, string error, string description) =>
        new(status, new JsonObject { ["error"] = error, ["error_description"] = description });

    // Reused, expired or unknown code: 400 invalid_grant "Bad Request" (googleapis/signet#184, google-auth-library-nodejs#1518).
    public static GoogleJsonResult BadCode() => Error(400, "invalid_grant", "Bad Request");

    // A dead refresh token (apache/opendal#3901, calcom/cal.diy#7564).
    public static GoogleJsonResult DeadRefreshToken() => Error(400, "invalid_grant", "Token has been expired or revoked.");

    public static GoogleJsonResult RedirectMismatch() => Error(400, "redirect_uri_mismatch", "Bad Request");

    public static GoogleJsonResult InvalidRequest(string description) => Error(400, "invalid_request", description);

    // Google's exact status and text for a bad client are UNSOURCED; 401 as RFC 6749 §5.2 suggests.
    public static GoogleJsonResult InvalidClient(string description) => Error(401, "invalid_client", description);

    public static GoogleJsonResult UnsupportedGrantType() => Error(400, "unsupported_grant_type", "Invalid grant_type: ");

    // Unknown or already-revoked token at /revoke (fixtures modelling Google; docs/google-sandbox.md).
    public static GoogleJsonResult InvalidToken() => Error(400, "invalid_token", "Token expired or revoked");
}
