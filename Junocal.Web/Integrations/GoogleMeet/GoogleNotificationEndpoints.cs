using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using Junocal.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Junocal.Web.Integrations.GoogleMeet;

/// <summary>
/// Google's push notifications about the studios' Junocal calendars. Google signs nothing: a notification counts
/// only when its channel id and resource id match a stored channel and its token matches that channel's own token,
/// compared in constant time (docs/google-meet.md, "Notifications"). Even then it is a hint: what changed is read
/// from Google with the studio's own token, after the answer (Google wants one within seconds).
/// </summary>
public static partial class GoogleNotificationEndpoints
{
    public const string Path = "/integrations/google/notifications";

    public static IEndpointRouteBuilder MapGoogleNotifications(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Path, async (HttpContext http, GoogleNotificationVerifier verifier, GoogleSyncRequests queue, ILoggerFactory logs) =>
        {
            var headers = http.Request.Headers;
            var studioId = await verifier.VerifyAsync(headers["X-Goog-Channel-ID"], headers["X-Goog-Resource-ID"], headers["X-Goog-Channel-Token"], http.RequestAborted);
            if (studioId is not { } studio)
            {
                LogRejected(logs.CreateLogger(typeof(GoogleNotificationEndpoints)));
                return Results.Text("No open channel matches this notification.", statusCode: StatusCodes.Status404NotFound);
            }

            // "sync" only says the channel is open; "exists" says something on the calendar changed.
            if (!string.Equals(headers["X-Goog-Resource-State"], "sync", StringComparison.OrdinalIgnoreCase))
            {
                queue.Enqueue(studio);
            }

            return Results.Ok();
        }).AllowAnonymous().DisableAntiforgery();

        return endpoints;
    }

    [LoggerMessage(EventId = LogEvents.GoogleMeet.NotificationRejected, Level = LogLevel.Warning, Message = "Ignored a Google notification that matches no open channel")]
    private static partial void LogRejected(ILogger logger);
}

/// <summary>Matches a notification to its channel; the token is compared as a hash, in constant time.</summary>
public sealed class GoogleNotificationVerifier(SystemDbContextFactory contexts)
{
    /// <returns>The channel's studio, or null when the notification is not genuine for any open channel.</returns>
    public async Task<Guid?> VerifyAsync(string? channelId, string? resourceId, string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(channelId) || string.IsNullOrEmpty(token) || channelId.Length > 64 || token.Length > 256)
        {
            return null;
        }

        await using var db = contexts.CreateDbContext();
        var channel = await db.GoogleWatchChannels.AsNoTracking().SingleOrDefaultAsync(c => c.ChannelId == channelId, cancellationToken);
        if (channel is null)
        {
            return null;
        }

        var tokenMatches = CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(GoogleCalendarSetup.HashToken(token)), Encoding.ASCII.GetBytes(channel.TokenHash));
        // The resource id is unknown only until the watch answers; the first "sync" message may come before that.
        var resourceMatches = channel.ResourceId is null || string.Equals(channel.ResourceId, resourceId, StringComparison.Ordinal);
        return tokenMatches && resourceMatches ? channel.StudioId : null;
    }
}

/// <summary>Studios whose calendar is to be read soon: a studio notified many times while waiting is read once.</summary>
public sealed class GoogleSyncRequests
{
    private readonly Channel<Guid> _studios = Channel.CreateUnbounded<Guid>(new UnboundedChannelOptions { SingleReader = true });
    private readonly HashSet<Guid> _waiting = [];
    private readonly Lock _gate = new();

    public void Enqueue(Guid studioId)
    {
        lock (_gate)
        {
            if (!_waiting.Add(studioId))
            {
                return;
            }
        }

        _studios.Writer.TryWrite(studioId);
    }

    public async ValueTask<Guid> NextAsync(CancellationToken cancellationToken)
    {
        var studioId = await _studios.Reader.ReadAsync(cancellationToken);
        lock (_gate)
        {
            _waiting.Remove(studioId);
        }

        return studioId;
    }
}

/// <summary>Reads the calendars of notified studios, one at a time, off the notification's request.</summary>
internal sealed partial class GoogleSyncWorker(GoogleSyncRequests queue, GoogleCalendarSync sync, ILogger<GoogleSyncWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            Guid studioId;
            try
            {
                studioId = await queue.NextAsync(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                await sync.SyncAsync(studioId, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, ex, studioId);
            }
        }
    }

    [LoggerMessage(EventId = LogEvents.GoogleMeet.WorkerFailed, Level = LogLevel.Error, Message = "Reading the calendar of studio {StudioId} after a notification failed; reconciliation reads it again")]
    private static partial void LogFailed(ILogger logger, Exception exception, Guid studioId);
}
