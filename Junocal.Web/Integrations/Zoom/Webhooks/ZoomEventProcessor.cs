using Junocal.Domain.Auditing;
using Junocal.Domain.Scheduling;
using Junocal.Web.Components.Shared;
using Junocal.Web.Data;
using Junocal.Web.Meetings;
using Microsoft.EntityFrameworkCore;

namespace Junocal.Web.Integrations.Zoom.Webhooks;

/// <summary>
/// What Junocal does with each verified Zoom event, one method per event kind. Every handler is idempotent: Zoom
/// retries and sends duplicates (docs/zoom.md, "Webhooks").
/// </summary>
public sealed partial class ZoomEventProcessor(
    ZoomUrlValidation urlValidation,
    SystemDbContextFactory contexts,
    ZoomDataEraser eraser,
    MeetingSync meetings,
    TimeProvider clock,
    ILogger<ZoomEventProcessor> logger)
{
    public async Task<ZoomEventResult> ProcessAsync(string name, ZoomEvent notification, CancellationToken cancellationToken)
    {
        switch (name)
        {
            case "endpoint.url_validation":
                return UrlValidation(notification.Payload);
            case "app_deauthorized":
                await AppDeauthorizedAsync(notification.Payload, notification.OccurredAt, cancellationToken);
                return ZoomEventResult.Handled;
            case "meeting.deleted":
                await MeetingDeletedAsync(notification.Payload?.Meeting?.Id, notification.Payload?.AccountId, cancellationToken);
                return ZoomEventResult.Handled;
            default:
                LogIgnored(logger, name);
                return ZoomEventResult.Handled;
        }
    }

    /// <summary>Zoom checks that the endpoint is ours: answer its plain token with our HMAC of it.</summary>
    private ZoomEventResult UrlValidation(ZoomEventPayload? payload) =>
        payload?.PlainToken is { Length: > 0 } plainToken
            ? ZoomEventResult.Answer(urlValidation.Respond(plainToken))
            : ZoomEventResult.Invalid("endpoint.url_validation needs payload.plainToken.");

    /// <summary>The owner removed Junocal in the Zoom Marketplace: erase the studio's Zoom data, as a disconnect does.</summary>
    private async Task AppDeauthorizedAsync(ZoomEventPayload? payload, DateTimeOffset? occurredAt, CancellationToken cancellationToken)
    {
        List<Guid> studios;
        await using (var db = contexts.CreateDbContext())
        {
            var matching = payload?.UserId is { Length: > 0 } userId
                ? db.ZoomConnections.Where(c => c.ZoomUserId == userId)
                : payload?.AccountId is { Length: > 0 } accountId
                    ? db.ZoomConnections.Where(c => c.ZoomAccountId == accountId)
                    : db.ZoomConnections.Where(_ => false);
            // A connection being disconnected is ours to finish: this is Zoom's answer to our own revoke.
            var connections = await matching.Where(c => c.Status != ZoomConnectionStatus.Disconnecting)
                .Select(c => new { c.StudioId, c.AuthorizedAt }).ToListAsync(cancellationToken);
            // A deauthorization from before the latest authorization (e.g. the one our own Disconnect triggered, or a
            // retry of an old one, delivered after the owner connected or reconnected) is about a grant that is gone.
            studios = connections.Where(c => occurredAt is not { } at || at >= c.AuthorizedAt).Select(c => c.StudioId).ToList();
        }

        var date = StudioTime.Day(clock.GetUtcNow().UtcDateTime);
        foreach (var studioId in studios)
        {
            await eraser.EraseAsync(studioId, "Zoom", AuditActions.ZoomDeauthorized,
                $"Zoom access removed from the Zoom Marketplace on {date}; Junocal deleted the stored Zoom data.", cancellationToken);
        }

        // After our own Disconnect, Zoom's revoke sends this too: nothing matches, nothing changes.
        LogDeauthorized(logger, studios.Count);
    }

    /// <summary>
    /// The meeting was deleted in Zoom (by someone, or by Junocal's own delete): the meeting sync decides what it means,
    /// for the studio whose connected Zoom account sent the event. Meeting ids are Zoom's, not ours, so an event
    /// without an account, or from an account no studio has connected, changes nothing.
    /// </summary>
    private async Task MeetingDeletedAsync(long? meetingId, string? accountId, CancellationToken cancellationToken)
    {
        if (meetingId is not { } id || string.IsNullOrEmpty(accountId))
        {
            return;
        }

        List<Guid> studios;
        await using (var db = contexts.CreateDbContext())
        {
            studios = await db.ZoomConnections.Where(c => c.ZoomAccountId == accountId).Select(c => c.StudioId).ToListAsync(cancellationToken);
        }

        var externalId = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var studioId in studios)
        {
            await meetings.MeetingDeletedAtProviderAsync(studioId, LocationKind.Zoom, externalId, cancellationToken);
        }
    }

    [LoggerMessage(EventId = LogEvents.ZoomWebhook.Ignored, Level = LogLevel.Information, Message = "Ignored Zoom event {Event}")]
    private static partial void LogIgnored(ILogger logger, string @event);

    [LoggerMessage(EventId = LogEvents.ZoomWebhook.Deauthorized, Level = LogLevel.Information, Message = "Zoom deauthorization matched {Count} studio connection(s)")]
    private static partial void LogDeauthorized(ILogger logger, int count);
}

/// <summary>What the webhook answers for one event: 200 (with a body, for URL validation) or 400 with the reason.</summary>
public sealed record ZoomEventResult(object? Response, string? Problem)
{
    public static ZoomEventResult Handled { get; } = new(null, null);

    public static ZoomEventResult Answer(object response) => new(response, null);

    public static ZoomEventResult Invalid(string problem) => new(null, problem);
}
