using System.Globalization;
using System.Text.Json.Nodes;
using Junocal.Sandbox.Meetings;
using Junocal.Sandbox.OAuth;
using Junocal.Sandbox.Users;

namespace Junocal.Sandbox.Webhooks;

/// <summary>Event bodies with Zoom's field names (docs/zoom.md, "Webhooks").</summary>
internal static class WebhookEvents
{
    public const string MeetingDeleted = "meeting.deleted";
    public const string AppDeauthorized = "app_deauthorized";
    public const string UrlValidation = "endpoint.url_validation";

    /// <summary>Fields of Rivet's MeetingDeletedEvent (https://zoom.github.io/rivet-javascript/types/Meetings.MeetingDeletedEvent.html).</summary>
    public static JsonObject MeetingDeletedEvent(SandboxMeeting meeting, ZoomTestUser operatorUser, DateTimeOffset now) => new()
    {
        ["event"] = MeetingDeleted,
        ["event_ts"] = now.ToUnixTimeMilliseconds(),
        ["payload"] = new JsonObject
        {
            ["account_id"] = meeting.AccountId,
            ["operator"] = operatorUser.Email,
            ["operator_id"] = operatorUser.Id,
            ["operation"] = "single",
            ["object"] = new JsonObject
            {
                ["uuid"] = meeting.Uuid,
                ["id"] = meeting.Id,
                ["host_id"] = meeting.HostId,
                ["topic"] = meeting.Topic,
                ["type"] = meeting.Type,
                ["start_time"] = ZoomStartTime.Format(meeting.StartTime),
                ["duration"] = meeting.Duration,
                ["timezone"] = meeting.Timezone,
            },
        },
    };

    /// <summary>
    /// Fields of Rivet's AppDeauthorizedEvent (marketplace/marketplace.d.ts in https://github.com/zoom/rivet-javascript).
    /// Rivet puts <c>event_ts</c> inside the payload and other integrations read it at the top, so it is in both.
    /// </summary>
    public static JsonObject AppDeauthorizedEvent(SandboxGrant grant, string secretToken, DateTimeOffset now)
    {
        var deauthorizationTime = ZoomStartTime.Format(now);
        return new JsonObject
        {
            ["event"] = AppDeauthorized,
            ["event_ts"] = now.ToUnixTimeMilliseconds(),
            ["payload"] = new JsonObject
            {
                ["account_id"] = grant.AccountId,
                ["user_id"] = grant.UserId,
                // Opaque to receivers; derived so it is stable for one deauthorization.
                ["signature"] = WebhookSigner.EncryptToken(secretToken, $"{grant.UserId}:{grant.AccountId}:{deauthorizationTime}"),
                ["deauthorization_time"] = deauthorizationTime,
                ["client_id"] = grant.ClientId,
                ["event_ts"] = now.ToUnixTimeMilliseconds(),
            },
        };
    }

    /// <summary>The CRC request (https://github.com/zoom/webhook-sample).</summary>
    public static JsonObject UrlValidationEvent(string plainToken, DateTimeOffset now) => new()
    {
        ["event"] = UrlValidation,
        ["payload"] = new JsonObject { ["plainToken"] = plainToken },
        ["event_ts"] = now.ToUnixTimeMilliseconds(),
    };

    public static string UnixSeconds(DateTimeOffset now) => now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
}
