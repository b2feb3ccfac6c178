using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Junocal.Sandbox.Google.Calendar;
using Junocal.Sandbox.Google.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Junocal.Sandbox.Google.Push;

/// <summary><c>POST calendars/{calendarId}/events/watch</c> and <c>POST channels/stop</c> (docs/google-sandbox.md).</summary>
internal static class ChannelEndpoints
{
    // "Default is 604800 seconds" (params.ttl on the watch reference pages).
    private static readonly TimeSpan DefaultTtl = TimeSpan.FromSeconds(604800);

    public static async Task<IResult> WatchAsync(string calendarId, HttpContext http, GoogleSandboxState sandbox, IOptions<GoogleSandboxOptions> options)
    {
        var (caller, error) = CalendarAccess.Check(http, sandbox, CalendarNeed.ReadEvents, calendarId);
        if (caller is null)
        {
            return error!;
        }

        var (body, bodyError) = await EventRules.ReadBodyAsync(http.Request);
        if (body is null)
        {
            return bodyError!;
        }

        var id = Text(body["id"]);
        if (string.IsNullOrEmpty(id))
        {
            return GoogleErrors.Required("channel id is required", "id");
        }

        if (id.Length > 64)
        {
            return GoogleErrors.Invalid("Channel id must be at most 64 characters.", "id", "parameter");
        }

        if (Text(body["type"]) is not ("web_hook" or "webhook"))
        {
            return GoogleErrors.Invalid("Invalid channel type.", "type", "parameter");
        }

        if (!Uri.TryCreate(Text(body["address"]), UriKind.Absolute, out var address) || !IsAllowedAddress(address))
        {
            return GoogleErrors.Error(400, "push", "pushWebhookBadDomain", "WebHook callback must be HTTPS: " + Text(body["address"]),
                "address", "parameter");
        }

        var token = Text(body["token"]);
        if (token?.Length > 256)
        {
            return GoogleErrors.Invalid("Channel token must be at most 256 characters.", "token", "parameter");
        }

        var now = sandbox.Time.GetUtcNow();
        var expiration = now + options.Value.MaxChannelLifetime;
        var ttl = DefaultTtl;
        if (Text(body["params"]?["ttl"]) is { } ttlText)
        {
            if (!long.TryParse(ttlText, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds < 1)
            {
                return GoogleErrors.Invalid("Invalid ttl value.", "params.ttl", "parameter");
            }

            ttl = TimeSpan.FromSeconds(Math.Min(seconds, (long)TimeSpan.FromDays(3650).TotalSeconds));
        }

        expiration = Min(expiration, now + ttl);
        if (Text(body["expiration"]) is { } requested)
        {
            if (!long.TryParse(requested, NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds))
            {
                return GoogleErrors.Invalid("Invalid expiration value.", "expiration", "parameter");
            }

            expiration = Min(expiration, DateTimeOffset.FromUnixTimeMilliseconds(milliseconds));
        }

        if (expiration <= now)
        {
            return GoogleErrors.Invalid("Channel expiration must be in the future.", "expiration", "parameter");
        }

        var calendar = caller.Calendar!;
        var resourceUri = new Uri(GoogleUrls.Root(http), $"calendar/v3/calendars/{Uri.EscapeDataString(calendar.Id)}/events?alt=json").ToString();
        var channel = new GoogleChannel(id, calendar.ResourceId, resourceUri, calendar.Id, caller.User.Sub, token, address,
            expiration, now, LastMessageNumber: 1);
        if (!sandbox.Channels.TryAdd(channel, now))
        {
            // Google's reason for reusing a live channel id is UNSOURCED (docs/google-sandbox.md).
            return GoogleErrors.Invalid($"Channel id {id} not unique", "id", "parameter");
        }

        // The sync message may arrive before the watch answer (docs/google-sandbox.md); with the knob it always does.
        var sync = sandbox.Notifications.Enqueue(new NotificationDelivery(channel, "sync", 1, now), sandbox.Knobs.DropNotifications);
        if (sandbox.Knobs.SyncBeforeWatchResponse)
        {
            await sync.Completion.WaitAsync(options.Value.NotificationTimeout * 2, http.RequestAborted);
        }

        var answer = new JsonObject
        {
            ["kind"] = "api#channel",
            ["id"] = channel.Id,
            ["resourceId"] = channel.ResourceId,
            ["resourceUri"] = channel.ResourceUri,
        };
        if (token is not null)
        {
            answer["token"] = token;
        }

        answer["expiration"] = channel.Expiration.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        return new GoogleJsonResult(200, answer);
    }

    public static async Task<IResult> StopAsync(HttpContext http, GoogleSandboxState sandbox, IOptions<GoogleSandboxOptions> options)
    {
        var (caller, error) = CalendarAccess.Check(http, sandbox, CalendarNeed.StopChannel);
        if (caller is null)
        {
            return error!;
        }

        var (body, bodyError) = await EventRules.ReadBodyAsync(http.Request);
        if (body is null)
        {
            return bodyError!;
        }

        var id = Text(body["id"]) ?? "";
        var now = sandbox.Time.GetUtcNow();
        if (sandbox.Channels.FindLive(id, Text(body["resourceId"]) ?? "", now) is not { } channel)
        {
            // Drive's wording; Calendar's is UNSOURCED (docs/google-sandbox.md).
            return GoogleErrors.Error(404, "global", "notFound", $"Channel '{id}' not found for project '{options.Value.ProjectNumber}'");
        }

        // "Only the same user from the same OAuth client" may stop a channel (docs/google-sandbox.md); the reason is UNSOURCED.
        if (channel.OwnerSub != caller.User.Sub)
        {
            return GoogleErrors.Forbidden("Only the user who created the channel can stop it.");
        }

        sandbox.Channels.Stop(channel, now);
        return Results.NoContent();
    }

    /// <summary>HTTPS, as Google demands; plain HTTP only to a loopback address, for the app on a developer's machine.</summary>
    private static bool IsAllowedAddress(Uri address) =>
        address.Scheme == Uri.UriSchemeHttps
        || (address.Scheme == Uri.UriSchemeHttp
            && (address.Host == "localhost" || (IPAddress.TryParse(address.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip))));

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    /// <summary>A string or a number (<c>expiration</c> and <c>ttl</c> come both ways), as text.</summary>
    private static string? Text(JsonNode? node) => node?.GetValueKind() switch
    {
        JsonValueKind.String => node.GetValue<string>(),
        JsonValueKind.Number => node.ToJsonString(),
        _ => null,
    };
}
