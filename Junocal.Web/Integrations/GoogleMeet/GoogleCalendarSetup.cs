using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Junocal.Domain.Auditing;
using Junocal.Web.Data;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Junocal.Web.Integrations.GoogleMeet;

/// <summary>
/// The studio's own "Junocal – studio name" calendar in the connected Google account, and the push-notification
/// channels watching it: created on connect (or before the first Meet class, if that failed), renewed before they
/// expire, stopped on disconnect. The calendar scope reaches this calendar only.
/// </summary>
public sealed partial class GoogleCalendarSetup(
    SystemDbContextFactory contexts,
    GoogleCalendarClient api,
    IOptionsMonitor<GoogleOptions> options,
    SelfOrigin self,
    TimeProvider clock,
    ILogger<GoogleCalendarSetup> logger)
{
    public const string MeetSolution = "hangoutsMeet";
    private static readonly TimeSpan ChannelLifetime = TimeSpan.FromDays(7);

    /// <summary>Makes sure the studio has its calendar and a live watch on it.</summary>
    /// <returns>The calendar id, or null when there is none to use (not connected, creation failed, no Meet on it).</returns>
    public async Task<string?> EnsureAsync(Guid studioId, CancellationToken cancellationToken)
    {
        var calendarId = await EnsureCalendarAsync(studioId, cancellationToken);
        if (calendarId is not null)
        {
            await EnsureWatchAsync(studioId, calendarId, cancellationToken);
        }

        return calendarId;
    }

    private async Task<string?> EnsureCalendarAsync(Guid studioId, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext(studioId);
        var connection = await db.GoogleConnections.SingleOrDefaultAsync(cancellationToken);
        if (connection is not { Status: GoogleConnectionStatus.Connected })
        {
            return null;
        }

        if (connection.CalendarId is { } existing)
        {
            return connection.MeetUnavailable ? null : existing;
        }

        var now = clock.GetUtcNow();
        if (connection.CalendarCreateStartedAt is not null)
        {
            // A create whose answer never came: Google may hold an empty calendar Junocal cannot find again (the scope
            // lists no calendars). Say so rather than leave it unmentioned.
            db.AuditEntries.Add(AuditEntry.Record(studioId, now, "Google Meet", AuditActions.GoogleCalendarUncertain,
                "An earlier attempt to create Junocal's Google calendar got no answer; if your Google Calendar shows an empty extra \"Junocal – …\" calendar, delete it."));
        }

        connection.CalendarCreateStarted(now);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return null; // another sync of this studio is creating it right now
        }

        var studio = await db.Studios.Select(s => new { s.Name, s.TimeZoneId }).SingleAsync(cancellationToken);
        GoogleApiResponse response;
        try
        {
            response = await api.SendAsync(studioId, () => new HttpRequestMessage(HttpMethod.Post, api.Url("calendars"))
            {
                Content = JsonContent.Create(new CalendarBody(CalendarName(studio.Name), studio.TimeZoneId,
                    "Created by Junocal for the studio's Google Meet classes. Junocal can see and change only this calendar.")),
            }, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            connection.CalendarFailed("Google did not answer when Junocal created its calendar; it tries again before the next Google Meet class.", answered: false);
            await db.SaveChangesAsync(CancellationToken.None);
            return null;
        }

        if (!response.IsSuccess || JsonSerializer.Deserialize<CalendarResponse>(response.Body) is not { Id.Length: > 0 } created)
        {
            if (response.Access is null)
            {
                connection.CalendarFailed($"Google did not create Junocal's calendar ({response.Describe()}); Junocal tries again before the next Google Meet class.",
                    answered: (int)response.Status is >= 400 and < 500);
                await db.SaveChangesAsync(CancellationToken.None);
            }

            return null;
        }

        var offersMeet = created.ConferenceProperties?.AllowedConferenceSolutionTypes?.Contains(MeetSolution, StringComparer.Ordinal) ?? true;
        connection.CalendarCreated(created.Id, offersMeet ? null
            : "Google does not offer Google Meet on calendars of this Google account, so Junocal cannot add Meet links. Use a Google account with Google Meet, or Zoom.");
        await db.SaveChangesAsync(CancellationToken.None);
        LogCalendarCreated(logger, studioId, offersMeet);
        return offersMeet ? created.Id : null;
    }

    /// <summary>"Junocal – Studio name", within Google's summary length.</summary>
    public static string CalendarName(string studioName) => $"Junocal – {studioName}";

    private async Task EnsureWatchAsync(Guid studioId, string calendarId, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext(studioId);
        var now = clock.GetUtcNow();
        if (await db.GoogleWatchChannels.AnyAsync(c => c.ResourceId != null && c.ExpiresAt > now + options.CurrentValue.ChannelRenewBefore, cancellationToken))
        {
            return;
        }

        await WatchAsync(studioId, calendarId, cancellationToken);
    }

    /// <summary>Opens a new channel on the calendar; the row (with the token's hash) is stored before Google is asked.</summary>
    public async Task<bool> WatchAsync(Guid studioId, string calendarId, CancellationToken cancellationToken)
    {
        var channelId = Guid.NewGuid().ToString("N");
        var token = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var now = clock.GetUtcNow();
        await using var db = contexts.CreateDbContext(studioId);
        var channel = GoogleWatchChannel.Open(channelId, studioId, HashToken(token), now + ChannelLifetime);
        db.GoogleWatchChannels.Add(channel);
        await db.SaveChangesAsync(cancellationToken);

        GoogleApiResponse response;
        try
        {
            response = await api.SendAsync(studioId, () => new HttpRequestMessage(HttpMethod.Post, api.Url($"calendars/{Uri.EscapeDataString(calendarId)}/events/watch"))
            {
                Content = JsonContent.Create(new WatchBody(channelId, "web_hook", NotificationAddress().ToString(), token,
                    new Dictionary<string, string> { ["ttl"] = ((int)ChannelLifetime.TotalSeconds).ToString(CultureInfo.InvariantCulture) })),
            }, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            response = new GoogleApiResponse(HttpStatusCode.GatewayTimeout, "", null, null);
        }

        if (!response.IsSuccess || JsonSerializer.Deserialize<WatchResponse>(response.Body) is not { ResourceId.Length: > 0 } watched)
        {
            db.GoogleWatchChannels.Remove(channel);
            await db.SaveChangesAsync(CancellationToken.None);
            if (response.Status == HttpStatusCode.NotFound)
            {
                await CalendarGoneAsync(studioId, CancellationToken.None);
            }

            LogWatchFailed(logger, studioId, (int)response.Status);
            return false;
        }

        channel.Watching(watched.ResourceId, ParseExpiration(watched.Expiration) ?? now + ChannelLifetime);
        await db.SaveChangesAsync(CancellationToken.None);
        return true;
    }

    /// <summary>Replaces every channel that expires soon: the new one first, then the old one is stopped (both deliver meanwhile).</summary>
    public async Task<int> RenewDueAsync(CancellationToken cancellationToken)
    {
        var soon = clock.GetUtcNow() + options.CurrentValue.ChannelRenewBefore;
        List<(Guid StudioId, string CalendarId)> studios;
        await using (var db = contexts.CreateDbContext())
        {
            var due = await db.GoogleWatchChannels.Where(c => c.ExpiresAt <= soon).Select(c => c.StudioId).Distinct().ToListAsync(cancellationToken);
            studios = (await db.GoogleConnections
                    .Where(c => due.Contains(c.StudioId) && c.Status == GoogleConnectionStatus.Connected && c.CalendarId != null)
                    .Select(c => new { c.StudioId, c.CalendarId })
                    .ToListAsync(cancellationToken))
                .Select(c => (c.StudioId, c.CalendarId!)).ToList();
        }

        var renewed = 0;
        foreach (var (studioId, calendarId) in studios)
        {
            List<GoogleWatchChannel> old;
            await using (var db = contexts.CreateDbContext(studioId))
            {
                old = await db.GoogleWatchChannels.Where(c => c.ExpiresAt <= soon).ToListAsync(cancellationToken);
            }

            if (!await WatchAsync(studioId, calendarId, cancellationToken))
            {
                continue;
            }

            foreach (var channel in old)
            {
                await StopAsync(studioId, channel, null, cancellationToken);
            }

            renewed++;
        }

        return renewed;
    }

    /// <summary>Stops every channel of the studio at Google with <paramref name="accessToken"/> (the disconnect has closed the token store).</summary>
    public async Task StopChannelsAsync(Guid studioId, string accessToken, CancellationToken cancellationToken)
    {
        List<GoogleWatchChannel> channels;
        await using (var db = contexts.CreateDbContext(studioId))
        {
            channels = await db.GoogleWatchChannels.ToListAsync(cancellationToken);
        }

        foreach (var channel in channels)
        {
            await StopAsync(studioId, channel, accessToken, cancellationToken);
        }
    }

    private async Task StopAsync(Guid studioId, GoogleWatchChannel channel, string? accessToken, CancellationToken cancellationToken)
    {
        if (channel.ResourceId is { } resourceId)
        {
            HttpRequestMessage Build() => new(HttpMethod.Post, api.Url("channels/stop"))
            {
                Content = JsonContent.Create(new StopBody(channel.ChannelId, resourceId)),
            };
            try
            {
                var response = accessToken is null
                    ? await api.SendAsync(studioId, Build, cancellationToken)
                    : await api.SendWithTokenAsync(accessToken, Build, cancellationToken);
                if (!response.IsSuccess && response.Status != HttpStatusCode.NotFound)
                {
                    LogStopFailed(logger, studioId, (int)response.Status);
                }
            }
            catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                // It expires on its own within days; its notifications no longer match a stored channel.
                LogStopFailed(logger, studioId, 0);
            }
        }

        await using var db = contexts.CreateDbContext(studioId);
        await db.GoogleWatchChannels.Where(c => c.ChannelId == channel.ChannelId).ExecuteDeleteAsync(CancellationToken.None);
    }

    /// <summary>The owner deleted Junocal's calendar in Google: forget it (a new one is made on the next need).</summary>
    public async Task CalendarGoneAsync(Guid studioId, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext(studioId);
        if (await db.GoogleConnections.SingleOrDefaultAsync(cancellationToken) is { CalendarId: not null } connection)
        {
            connection.CalendarLost();
            await db.GoogleWatchChannels.ExecuteDeleteAsync(cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>Where Google posts notifications: the configured address, else on the redirect URI's origin, else on the app's own.</summary>
    public Uri NotificationAddress()
    {
        var google = options.CurrentValue;
        if (google.NotificationUrl is { } configured)
        {
            return self.Resolve(configured);
        }

        return google.RedirectUri is { IsAbsoluteUri: true } redirect
            ? new Uri(new Uri(redirect.GetLeftPart(UriPartial.Authority)), GoogleNotificationEndpoints.Path)
            : self.Resolve(new Uri(GoogleNotificationEndpoints.Path, UriKind.Relative));
    }

    public static string HashToken(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    // Google sends the expiration in milliseconds, as a string in the discovery document and a number in the guide.
    private static DateTimeOffset? ParseExpiration(JsonElement? value) => value switch
    {
        { ValueKind: JsonValueKind.Number } number when number.TryGetInt64(out var ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms),
        { ValueKind: JsonValueKind.String } text when long.TryParse(text.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            => DateTimeOffset.FromUnixTimeMilliseconds(ms),
        _ => null,
    };

    private sealed record CalendarBody(
        [property: JsonPropertyName("summary")] string Summary,
        [property: JsonPropertyName("timeZone")] string TimeZone,
        [property: JsonPropertyName("description")] string Description);

    private sealed record CalendarResponse(
        [property: JsonPropertyName("id")] string Id,
        [property: JsonPropertyName("conferenceProperties")] ConferenceProperties? ConferenceProperties);

    private sealed record ConferenceProperties(
        [property: JsonPropertyName("allowedConferenceSolutionTypes")] string[]? AllowedConferenceSolutionTypes);

    private sealed record WatchBody(
        [property: JsonPropertyName("id")] string Id,
        [property: JsonPropertyName("type")] string Type,
        [property: JsonPropertyName("address")] string Address,
        [property: JsonPropertyName("token")] string Token,
        [property: JsonPropertyName("params")] Dictionary<string, string> Params);

    private sealed record WatchResponse(
        [property: JsonPropertyName("resourceId")] string ResourceId,
        [property: JsonPropertyName("expiration")] JsonElement? Expiration);

    private sealed record StopBody(
        [property: JsonPropertyName("id")] string Id,
        [property: JsonPropertyName("resourceId")] string ResourceId);

    [LoggerMessage(EventId = LogEvents.GoogleMeet.CalendarCreated, Level = LogLevel.Information, Message = "Created the Junocal calendar of studio {StudioId}; Meet offered: {OffersMeet}")]
    private static partial void LogCalendarCreated(ILogger logger, Guid studioId, bool offersMeet);

    [LoggerMessage(EventId = LogEvents.GoogleMeet.WatchFailed, Level = LogLevel.Warning, Message = "Google did not open a watch channel for studio {StudioId} ({Status}); reconciliation covers it")]
    private static partial void LogWatchFailed(ILogger logger, Guid studioId, int status);

    [LoggerMessage(EventId = LogEvents.GoogleMeet.StopFailed, Level = LogLevel.Warning, Message = "Google did not stop a watch channel of studio {StudioId} ({Status}); it expires on its own")]
    private static partial void LogStopFailed(ILogger logger, Guid studioId, int status);
}
