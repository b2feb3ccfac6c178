using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Junocal.Web.Integrations.Zoom.Webhooks;

/// <summary>
/// Zoom's event notifications: read, verify, parse, then hand over to <see cref="ZoomEventProcessor"/>. The raw body
/// is verified (HMAC-SHA256, constant time, ±5 minutes) before anything is parsed; an unverified request gets 401
/// and changes nothing (docs/zoom.md, "Webhooks").
/// </summary>
[ApiController]
[Route("api/webhooks/zoom")]
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed partial class ZoomWebhookController(
    ZoomSignatureVerifier verifier,
    ZoomEventProcessor processor,
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

        var result = await processor.ProcessAsync(name, notification, cancellationToken);
        return result switch
        {
            { Problem: { } problem } => Problem(problem, statusCode: StatusCodes.Status400BadRequest),
            { Response: { } response } => Ok(response),
            _ => Ok(),
        };
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

    [LoggerMessage(EventId = LogEvents.ZoomWebhook.Rejected, Level = LogLevel.Warning, Message = "Rejected a Zoom webhook: {Verdict}")]
    private static partial void LogRejected(ILogger logger, ZoomSignatureResult verdict);

    [LoggerMessage(EventId = LogEvents.ZoomWebhook.UnusableTimestamp, Level = LogLevel.Warning, Message = "Refused a signed Zoom {Event} whose event_ts is not a time")]
    private static partial void LogUnusableTimestamp(ILogger logger, string @event);
}
