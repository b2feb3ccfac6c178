using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using Junocal.Domain.Scheduling;
using Junocal.Web.Data;
using Junocal.Web.Meetings;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace Junocal.Web.Integrations.GoogleMeet;

/// <summary>
/// Reads what changed on a studio's Junocal calendar since the last read (<c>events.list</c> with its sync token; a
/// full read when Google says the token is gone) and applies it: an event deleted in Google, or stripped of its Meet
/// conference, takes the class's link with it; an event whose conference has just become ready makes its class sync
/// now. Run after every verified push notification and, because Google drops some, periodically for every studio.
/// </summary>
public sealed partial class GoogleCalendarSync(
    SystemDbContextFactory contexts,
    GoogleCalendarClient api,
    GoogleCalendarSetup setup,
    MeetingSync meetings,
    MeetingSyncRequests requests,
    TimeProvider clock,
    ILogger<GoogleCalendarSync> logger)
{
    private const int MaxPages = 50;

    /// <summary>Syncs every connected studio's calendar: the reconciliation that catches dropped notifications.</summary>
    /// <returns>How many classes lost their link.</returns>
    public async Task<int> ReconcileAllAsync(CancellationToken cancellationToken)
    {
        List<Guid> studios;
        await using (var db = contexts.CreateDbContext())
        {
            studios = await db.GoogleConnections.Where(c => c.Status == GoogleConnectionStatus.Connected && c.CalendarId != null)
                .Select(c => c.StudioId).ToListAsync(cancellationToken);
        }

        var removed = 0;
        foreach (var studioId in studios)
        {
            try
            {
                removed += await SyncAsync(studioId, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogSyncFailed(logger, ex, studioId);
            }
        }

        return removed;
    }

    /// <returns>How many classes lost their link.</returns>
    public async Task<int> SyncAsync(Guid studioId, CancellationToken cancellationToken)
    {
        string calendarId;
        string? syncToken;
        await using (var db = contexts.CreateDbContext(studioId))
        {
            var connection = await db.GoogleConnections.AsNoTracking().SingleOrDefaultAsync(cancellationToken);
            if (connection is not { Status: GoogleConnectionStatus.Connected, CalendarId: { } id })
            {
                return 0;
            }

            calendarId = id;
            syncToken = connection.SyncToken;
        }

        var read = await ListAsync(studioId, calendarId, syncToken, cancellationToken);
        if (read.Gone && syncToken is not null)
        {
            LogFullResync(logger, studioId);
            read = await ListAsync(studioId, calendarId, null, cancellationToken);
        }

        if (read.CalendarMissing)
        {
            return await CalendarDeletedAsync(studioId, cancellationToken);
        }

        if (read.Events is not { } events)
        {
            return 0; // Google did not answer; the next notification or reconciliation reads again
        }

        var removed = await ApplyAsync(studioId, calendarId, events, full: read.Full, cancellationToken);
        await using (var db = contexts.CreateDbContext(studioId))
        {
            // Never on a disconnecting connection: its erasure is under way and must not meet a newer row.
            if (await db.GoogleConnections.SingleOrDefaultAsync(c => c.CalendarId == calendarId && c.Status == GoogleConnectionStatus.Connected,
                    cancellationToken) is { } connection)
            {
                connection.Synced(read.NextSyncToken);
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                }
                catch (DbUpdateConcurrencyException)
                {
                    // Changed meanwhile (a refresh, a disconnect): the next read starts from the old token, harmlessly.
                }
            }
        }

        return removed;
    }

    private async Task<int> ApplyAsync(Guid studioId, string calendarId, IReadOnlyList<GoogleEvent> events, bool full, CancellationToken cancellationToken)
    {
        List<(Guid ClassId, string EventId, bool HasLink)> rows;
        await using (var db = contexts.CreateDbContext(studioId))
        {
            rows = (await db.ClassMeetings.Where(m => m.Provider == LocationKind.GoogleMeet && m.ExternalId != null)
                    .Select(m => new { m.ClassSessionId, m.ExternalId, m.JoinUrl }).ToListAsync(cancellationToken))
                .Select(m => (m.ClassSessionId, m.ExternalId!, m.JoinUrl != null)).ToList();
        }

        var byEvent = rows.ToDictionary(r => r.EventId, StringComparer.Ordinal);
        var removed = 0;
        var due = new List<Guid>();
        foreach (var item in events)
        {
            if (!byEvent.TryGetValue(item.Id, out var row))
            {
                continue; // not a class's current event (an earlier generation, or added by hand)
            }

            if (item.IsCancelled)
            {
                removed += await meetings.MeetingDeletedAtProviderAsync(studioId, LocationKind.GoogleMeet, item.Id, cancellationToken);
            }
            else if (row.HasLink && !item.HasConference)
            {
                removed += await MeetRemovedAsync(studioId, calendarId, item.Id, cancellationToken);
            }
            else if (!row.HasLink && item.MeetLink is not null)
            {
                due.Add(row.ClassId); // the conference is ready: fetch the link now
            }
        }

        if (full)
        {
            // A full read lists live events only: a linked class whose event is missing was deleted; a GET confirms it.
            var listed = events.Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
            foreach (var row in rows.Where(r => r.HasLink && !listed.Contains(r.EventId)))
            {
                if (await IsGoneAsync(studioId, calendarId, row.EventId, cancellationToken))
                {
                    removed += await meetings.MeetingDeletedAtProviderAsync(studioId, LocationKind.GoogleMeet, row.EventId, cancellationToken);
                }
            }
        }

        if (due.Count > 0)
        {
            await using (var db = contexts.CreateDbContext(studioId))
            {
                foreach (var waiting in await db.ClassMeetings.Where(m => due.Contains(m.ClassSessionId) && m.JoinUrl == null).ToListAsync(cancellationToken))
                {
                    waiting.MarkPending(clock.GetUtcNow());
                }

                await db.SaveChangesAsync(cancellationToken);
            }

            await requests.RequestAsync(studioId, cancellationToken);
        }

        return removed;
    }

    /// <summary>
    /// The owner removed the Meet conference from the event in Google: the link is dead. The event is deleted too, so no
    /// Meet-less event of a class stays behind in Junocal's calendar; the class then says its link was removed.
    /// </summary>
    private async Task<int> MeetRemovedAsync(Guid studioId, string calendarId, string eventId, CancellationToken cancellationToken)
    {
        try
        {
            await api.SendAsync(studioId, () => new HttpRequestMessage(HttpMethod.Delete,
                api.Url($"calendars/{Uri.EscapeDataString(calendarId)}/events/{Uri.EscapeDataString(eventId)}?sendUpdates=none")), cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // The link is dead either way; a left-over event without Meet harms nobody.
        }

        return await meetings.MeetingDeletedAtProviderAsync(studioId, LocationKind.GoogleMeet, eventId, cancellationToken);
    }

    private async Task<bool> IsGoneAsync(Guid studioId, string calendarId, string eventId, CancellationToken cancellationToken)
    {
        try
        {
            var response = await api.SendAsync(studioId, () => new HttpRequestMessage(HttpMethod.Get,
                api.Url($"calendars/{Uri.EscapeDataString(calendarId)}/events/{Uri.EscapeDataString(eventId)}")), cancellationToken);
            return response.Status == HttpStatusCode.NotFound
                || (response.IsSuccess && GoogleEvent.TryRead(response.Body) is { IsCancelled: true });
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return false;
        }
    }

    /// <summary>The owner deleted Junocal's calendar: every class on it lost its link.</summary>
    private async Task<int> CalendarDeletedAsync(Guid studioId, CancellationToken cancellationToken)
    {
        await setup.CalendarGoneAsync(studioId, cancellationToken);
        List<string> eventIds;
        await using (var db = contexts.CreateDbContext(studioId))
        {
            eventIds = (await db.ClassMeetings.Where(m => m.Provider == LocationKind.GoogleMeet && m.ExternalId != null)
                .Select(m => m.ExternalId).ToListAsync(cancellationToken))!;
            await db.GoogleClassEvents.ExecuteDeleteAsync(cancellationToken);
        }

        var removed = 0;
        foreach (var eventId in eventIds)
        {
            removed += await meetings.MeetingDeletedAtProviderAsync(studioId, LocationKind.GoogleMeet, eventId, cancellationToken);
        }

        return removed;
    }

    private async Task<ListResult> ListAsync(Guid studioId, string calendarId, string? syncToken, CancellationToken cancellationToken)
    {
        var events = new List<GoogleEvent>();
        string? pageToken = null;
        for (var page = 0; page < MaxPages; page++)
        {
            var query = new Dictionary<string, string?> { ["maxResults"] = "250" };
            if (syncToken is not null)
            {
                query["syncToken"] = syncToken;
            }

            if (pageToken is not null)
            {
                query["pageToken"] = pageToken;
            }

            var url = QueryHelpers.AddQueryString(api.Url($"calendars/{Uri.EscapeDataString(calendarId)}/events").ToString(), query);
            GoogleApiResponse response;
            try
            {
                response = await api.SendAsync(studioId, () => new HttpRequestMessage(HttpMethod.Get, url), cancellationToken);
            }
            catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                return ListResult.NoAnswer;
            }

            if (response.Status == HttpStatusCode.Gone)
            {
                return ListResult.TokenGone; // fullSyncRequired: start over without the token
            }

            if (response.Status == HttpStatusCode.NotFound)
            {
                return ListResult.NoCalendar;
            }

            if (!response.IsSuccess || JsonSerializer.Deserialize<EventsPage>(response.Body) is not { } body)
            {
                return ListResult.NoAnswer;
            }

            events.AddRange(body.Items ?? []);
            if (body.NextPageToken is { Length: > 0 } next)
            {
                pageToken = next;
                continue;
            }

            return new ListResult(events, body.NextSyncToken, Full: syncToken is null, Gone: false, CalendarMissing: false);
        }

        return ListResult.NoAnswer;
    }

    private sealed record ListResult(IReadOnlyList<GoogleEvent>? Events, string? NextSyncToken, bool Full, bool Gone, bool CalendarMissing)
    {
        public static ListResult NoAnswer { get; } = new(null, null, false, false, false);

        public static ListResult TokenGone { get; } = new(null, null, false, true, false);

        public static ListResult NoCalendar { get; } = new(null, null, false, false, true);
    }

    private sealed record EventsPage(
        [property: JsonPropertyName("items")] IReadOnlyList<GoogleEvent>? Items,
        [property: JsonPropertyName("nextPageToken")] string? NextPageToken,
        [property: JsonPropertyName("nextSyncToken")] string? NextSyncToken);

    [LoggerMessage(EventId = LogEvents.GoogleMeet.SyncFailed, Level = LogLevel.Error, Message = "Reading the Junocal calendar of studio {StudioId} failed; the next reconciliation reads it again")]
    private static partial void LogSyncFailed(ILogger logger, Exception exception, Guid studioId);

    [LoggerMessage(EventId = LogEvents.GoogleMeet.FullResync, Level = LogLevel.Information, Message = "Google no longer knows the sync token of studio {StudioId}'s calendar; reading it in full")]
    private static partial void LogFullResync(ILogger logger, Guid studioId);
}
