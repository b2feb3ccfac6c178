using System.Buffers;
using System.Text.Json;
using Junocal.Domain.Scheduling;
using Junocal.Web.Components.Shared;
using Junocal.Web.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Junocal.Web.Integrations.Zoom.Webhooks;

/// <summary>
/// Zoom's event notifications. The raw body is verified (HMAC-SHA256, constant time, ±5 minutes) before anything
/// is parsed; an unverified request gets 401 and changes nothing. Handlers are idempotent: Zoom retries and
/// sends duplicates (zoom-api.md §5).
/// </summary>
[ApiController]
[Route("api/webhooks/zoom")]
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed partial class ZoomWebhookController(
    ZoomSignatureVerifier verifier,
    ZoomUrlValidation urlValidation,
    SystemDbContextFactory contexts,
    ZoomDataEraser eraser,
    TimeProvider clock,
    ILogger<ZoomWebhookController> logger) : ControllerBase
{
    public const int MaxBodyBytes = 64 * 1024;

    [HttpPost]
    [RequestSizeLimit(MaxBodyBytes)]
    public async Task<IActionResult> ReceiveAsync(CancellationToken cancellationToken)
    {
        byte[]? body;
        try
        {
            body = await ReadBodyAsync(cancellationToken);
        }
        catch (BadHttpRequestException ex)
        {
            // Kestrel enforces [RequestSizeLimit] itself when the declared length is too large, and rejects a broken
            // chunked body; both are the sender's fault, never a 500.
            return ex.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? Problem("The body is larger than 64 KB.", statusCode: StatusCodes.Status413PayloadTooLarge)
                : Problem("The body could not be read.", statusCode: ex.StatusCode);
        }

        if (body is null)
        {
            return Problem("The body is larger than 64 KB.", statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        var verdict = verifier.Verify(body, Request.Headers[ZoomSignatureVerifier.TimestampHeader], Request.Headers[ZoomSignatureVerifier.SignatureHeader]);
        if (verdict != ZoomSignatureResult.Valid)
        {
            LogRejected(logger, verdict);
            return Problem($"The request is not a verified Zoom notification ({verdict}).", statusCode: StatusCodes.Status401Unauthorized);
        }

        ZoomEvent? notification;
        try
        {
            notification = JsonSerializer.Deserialize<ZoomEvent>(body);
        }
        catch (JsonException)
        {
            notification = null;
        }

        if (notification?.Event is not { Length: > 0 } name)
        {
            return Problem("The notification is not valid JSON with an \"event\".", statusCode: StatusCodes.Status400BadRequest);
        }

        if (!notification.HasUsableTimestamp)
        {
            LogUnusableTimestamp(logger, name);
            return Problem("event_ts is not a time in unix milliseconds.", statusCode: StatusCodes.Status400BadRequest);
        }

        switch (name)
        {
            case "endpoint.url_validation":
                return notification.Payload?.PlainToken is { Length: > 0 } plainToken
                    ? Ok(urlValidation.Respond(plainToken))
                    : Problem("endpoint.url_validation needs payload.plainToken.", statusCode: StatusCodes.Status400BadRequest);
            case "app_deauthorized":
                await DeauthorizeAsync(notification.Payload, notification.OccurredAt, cancellationToken);
                return Ok();
            case "meeting.deleted":
                await MeetingDeletedAsync(notification.Payload?.Meeting?.Id, notification.Payload?.AccountId, cancellationToken);
                return Ok();
            default:
                LogIgnored(logger, name);
                return Ok();
        }
    }

    private async Task DeauthorizeAsync(ZoomEventPayload? payload, DateTimeOffset? occurredAt, CancellationToken cancellationToken)
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
            await eraser.EraseAsync(studioId, "Zoom", "zoom.deauthorized",
                $"Zoom access removed from the Zoom Marketplace on {date}; Junocal deleted the stored Zoom data.", cancellationToken);
        }

        // After our own Disconnect, Zoom's revoke sends this too: nothing matches, nothing changes.
        LogDeauthorized(logger, studios.Count);
    }

    /// <summary>
    /// The meeting was deleted in Zoom: the dead link leaves the class at once. After Junocal's own delete the row is
    /// already gone, so the event Zoom sends for it changes nothing.
    /// </summary>
    private async Task MeetingDeletedAsync(long? meetingId, string? accountId, CancellationToken cancellationToken)
    {
        if (meetingId is not { } id || string.IsNullOrEmpty(accountId))
        {
            return;
        }

        var externalId = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using var db = contexts.CreateDbContext();
        // Rows of classes that still want their meeting: for a cancelled or moved class the delete is Junocal's own.
        var rows = await db.ClassMeetings
            .Where(m => m.ExternalId == externalId)
            // Meeting ids are Zoom's, not ours: only the studio whose connected account sent the event is affected.
            .Where(m => db.ZoomConnections.Any(z => z.StudioId == m.StudioId && z.ZoomAccountId == accountId))
            .Where(m => db.ClassSessions.Any(c => c.Id == m.ClassSessionId && c.Status == ClassStatus.Scheduled && c.Location.Kind == LocationKind.Zoom))
            .ToListAsync(cancellationToken);
        foreach (var row in rows)
        {
            row.RemovedInProvider();
            db.AuditEntries.Add(Junocal.Domain.Auditing.AuditEntry.Record(row.StudioId, clock.GetUtcNow(), "Zoom", "meeting.deleted_in_zoom",
                "Zoom link removed — the meeting was deleted in Zoom. Reschedule the class to regenerate it, or switch to a custom link.",
                row.ClassSessionId));
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // The class changed at the same moment; its sync runs again and finds the meeting gone (3001 → recreate).
        }
    }

    private async Task<byte[]?> ReadBodyAsync(CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(8192);
        try
        {
            int read;
            while ((read = await Request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > MaxBodyBytes)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.ToArray();
    }

    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "Rejected a Zoom webhook: {Verdict}")]
    private static partial void LogRejected(ILogger logger, ZoomSignatureResult verdict);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "Ignored Zoom event {Event}")]
    private static partial void LogIgnored(ILogger logger, string @event);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Warning, Message = "Refused a signed Zoom {Event} whose event_ts is not a time")]
    private static partial void LogUnusableTimestamp(ILogger logger, string @event);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Information, Message = "Zoom deauthorization matched {Count} studio connection(s)")]
    private static partial void LogDeauthorized(ILogger logger, int count);
}
