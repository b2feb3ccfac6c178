using Junocal.Sandbox.Google.Calendar;
using Junocal.Sandbox.Google.Faults;
using Junocal.Sandbox.Google.OAuth;
using Junocal.Sandbox.Google.Push;
using Junocal.Sandbox.Google.Users;
using Microsoft.Extensions.Options;

namespace Junocal.Sandbox.Google;

/// <summary>
/// Everything the Google sandbox holds, for the dashboard and for tests: accounts, grants, tokens, calendars, events,
/// watch channels, the notifications sent, the request log, the fault script and the knobs. Time comes from the
/// <see cref="TimeProvider"/> in DI.
/// </summary>
public sealed class GoogleSandboxState : IDisposable
{
    private readonly IOptions<GoogleSandboxOptions> _options;
    private readonly Lock _timerGate = new();
    private readonly List<ITimer> _timers = [];

    public GoogleSandboxState(IOptions<GoogleSandboxOptions> options, TimeProvider time)
    {
        _options = options;
        Time = time;
        Knobs.ResetTo(options.Value);
        OAuth = new GoogleOAuthStore(time, Knobs);
        Limits = new CalendarRateLimiter(time);
        Conferences = new ConferenceDesk(this);
    }

#pragma warning disable CA1822 // An instance member so every view of the sandbox is read through the state object.
    public IReadOnlyList<GoogleTestUser> Users => GoogleTestUsers.All;
#pragma warning restore CA1822

    /// <summary>Behaviours switched at run time: conference delay and outcome, testing mode, dropped notifications…</summary>
    public GoogleKnobs Knobs { get; } = new();

    /// <summary>Scripts the next answers of an endpoint (an error with a reason, hang, lost answer, slow answer…).</summary>
    public GoogleFaultScript Faults { get; } = new();

    public IReadOnlyList<GoogleGrant> Grants => OAuth.Grants;

    public IReadOnlyList<GoogleToken> Tokens => OAuth.Tokens;

    public IReadOnlyList<GoogleCalendar> CalendarList => Calendars.Calendars;

    /// <summary>Every event, deleted (cancelled) ones included.</summary>
    public IReadOnlyList<GoogleEvent> Events => Calendars.Events;

    public IReadOnlyList<GoogleChannel> ChannelList => Channels.All;

    public IReadOnlyList<NotificationDelivery> NotificationsSent => Notifications.All;

    public IReadOnlyList<GoogleLoggedRequest> Requests => RequestLog.Entries;

    internal TimeProvider Time { get; }

    internal GoogleOAuthStore OAuth { get; }

    internal CalendarStore Calendars { get; } = new();

    internal ChannelStore Channels { get; } = new();

    internal NotificationOutbox Notifications { get; } = new();

    internal ConferenceDesk Conferences { get; }

    internal CalendarRateLimiter Limits { get; }

    internal GoogleRequestLog RequestLog { get; } = new();

    internal IdTokenMinter IdTokens { get; } = new();

    public GoogleEvent? FindEvent(string calendarId, string eventId) => Calendars.FindEvent(calendarId, eventId);

    /// <summary>The events on one calendar, cancelled ones included, e.g. to count duplicates or orphans.</summary>
    public IReadOnlyList<GoogleEvent> EventsOn(string calendarId) => Calendars.EventsOf(calendarId);

    /// <summary>The calendars a user owns (the primary one only once something touched it).</summary>
    public IReadOnlyList<GoogleCalendar> CalendarsOf(GoogleTestUser user) => [.. CalendarList.Where(calendar => calendar.OwnerSub == user.Sub)];

    /// <summary>True when the user's grant still has a live token.</summary>
    public bool HasAccess(GoogleTestUser user) => OAuth.HasLiveAccess(user.Sub);

    /// <summary>
    /// Forgets grants, tokens, calendars, events, channels, knobs, scripted faults and the logs, for tests that share
    /// one host. Notifications already queued are not sent once their channel is gone.
    /// </summary>
    public void Reset()
    {
        lock (_timerGate)
        {
            foreach (var timer in _timers)
            {
                timer.Dispose();
            }

            _timers.Clear();
        }

        OAuth.Clear();
        Calendars.Clear();
        Channels.Clear();
        Notifications.ClearRecord();
        Limits.Clear();
        Faults.Clear();
        RequestLog.Clear();
        Knobs.ResetTo(_options.Value);
    }

    /// <summary>Deletes an event as its owner would in Google Calendar: cancelled, and the watchers are told.</summary>
    public bool DeleteEventInGoogle(string calendarId, string eventId) => CancelEvent(calendarId, eventId, null) == CancelOutcome.Cancelled;

    /// <summary>Removes the Meet conference from an event in Google Calendar; the watchers are told.</summary>
    public bool RemoveMeetFromEvent(string calendarId, string eventId)
    {
        var saved = Calendars.Update(calendarId, eventId, current => current.IsCancelled || current.Conference is null
            ? null
            : current with { Conference = null, Updated = Time.GetUtcNow(), Sequence = current.Sequence + 1 });
        if (saved is not null)
        {
            Changed(calendarId, null);
        }

        return saved is not null;
    }

    /// <summary>"Remove access" in the user's Google Account: every token of the app dies at once.</summary>
    public bool RemoveAccess(GoogleTestUser user) => OAuth.RemoveAccess(user.Sub);

    /// <summary>Every sync token of the calendar (all calendars when null) now answers 410 fullSyncRequired.</summary>
    public void InvalidateSyncTokens(string? calendarId = null) => Calendars.InvalidateSyncTokens(calendarId);

    public void Dispose()
    {
        Reset();
        IdTokens.Dispose();
    }

    internal bool RevokeToken(string token) => OAuth.Revoke(token);

    internal void DeleteCalendar(string calendarId)
    {
        Calendars.DeleteCalendar(calendarId, Time.GetUtcNow());
    }

    internal CancelOutcome CancelEvent(string calendarId, string eventId, string? sendUpdates)
    {
        var outcome = CancelOutcome.NotFound;
        var saved = Calendars.Update(calendarId, eventId, current =>
        {
            if (current.IsCancelled)
            {
                outcome = CancelOutcome.AlreadyCancelled;
                return null;
            }

            outcome = CancelOutcome.Cancelled;
            return current with { Status = "cancelled", Updated = Time.GetUtcNow(), Sequence = current.Sequence + 1, SendUpdates = sendUpdates ?? current.SendUpdates };
        });
        if (saved is not null)
        {
            Changed(calendarId, null);
        }

        return outcome;
    }

    /// <summary>
    /// Something on the calendar changed: every live channel on it gets an <c>exists</c> message, and a conference that
    /// was just asked for is resolved when its delay has passed.
    /// </summary>
    internal void Changed(string calendarId, GoogleConference? requested)
    {
        var now = Time.GetUtcNow();
        foreach (var (channel, number) in Channels.NextMessages(calendarId, now))
        {
            Notifications.Enqueue(new NotificationDelivery(channel, "exists", number, now), Knobs.DropNotifications);
        }

        if (requested is { Status: ConferenceStatus.Pending, PlannedOutcome: not ConferenceOutcome.StaysPending })
        {
            var timer = Time.CreateTimer(_ => Conferences.ResolveDue(), null, Max(requested.ResolvesAt - now, TimeSpan.Zero), Timeout.InfiniteTimeSpan);
            lock (_timerGate)
            {
                _timers.Add(timer);
            }
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
