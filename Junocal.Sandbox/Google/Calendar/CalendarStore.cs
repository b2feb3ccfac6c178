using System.Security.Cryptography;
using Junocal.Sandbox.Google.Users;
using Junocal.Sandbox.Http;

namespace Junocal.Sandbox.Google.Calendar;

/// <summary>Where a sync token or page token points: the calendar, the change it was taken at, the token generation.</summary>
internal sealed record SyncPoint(string CalendarId, long ChangeNumber, int Generation);

internal sealed record PageCursor(string CalendarId, IReadOnlyList<string> RemainingIds, long SyncAt, int Generation, bool Incremental);

/// <summary>Calendars, events (a deleted one stays, cancelled), and the sync and page tokens handed out.</summary>
internal sealed class CalendarStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, GoogleCalendar> _calendars = new(StringComparer.Ordinal);
    private readonly Dictionary<(string CalendarId, string EventId), GoogleEvent> _events = [];
    private readonly Dictionary<string, SyncPoint> _syncTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PageCursor> _pageTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _generations = new(StringComparer.Ordinal);
    private readonly Dictionary<(string CalendarId, string EventId), long> _insertOrder = [];
    private long _changeNumber;
    private long _etag = 3_181_161_784_712_000;

    public IReadOnlyList<GoogleCalendar> Calendars
    {
        get
        {
            lock (_gate)
            {
                return [.. _calendars.Values.OrderBy(calendar => calendar.IsPrimary ? 0 : 1).ThenBy(calendar => calendar.Etag)];
            }
        }
    }

    public IReadOnlyList<GoogleEvent> Events
    {
        get
        {
            lock (_gate)
            {
                return [.. _events.Values.OrderBy(e => _insertOrder[(e.CalendarId, e.Id)])];
            }
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _calendars.Clear();
            _events.Clear();
            _syncTokens.Clear();
            _pageTokens.Clear();
            _generations.Clear();
            _insertOrder.Clear();
        }
    }

    public long NextEtag()
    {
        lock (_gate)
        {
            return ++_etag;
        }
    }

    public GoogleCalendar Primary(GoogleTestUser user)
    {
        lock (_gate)
        {
            if (!_calendars.TryGetValue(user.Email, out var primary))
            {
                primary = new GoogleCalendar(user.Email, user.Sub, user.Email, user.Email, "Europe/London", null, CreatedByApp: false,
                    AllowsMeet: true, NewResourceId(), ++_etag, IsPrimary: true);
                _calendars[primary.Id] = primary;
            }

            return primary;
        }
    }

    public GoogleCalendar CreateCalendar(GoogleTestUser owner, string summary, string timeZone, string? description, bool allowsMeet)
    {
        lock (_gate)
        {
            var id = $"{RandomNumberGenerator.GetHexString(52, lowercase: true)}@group.calendar.google.com";
            var calendar = new GoogleCalendar(id, owner.Sub, owner.Email, summary, timeZone, description, CreatedByApp: true, allowsMeet,
                NewResourceId(), ++_etag, IsPrimary: false);
            _calendars[id] = calendar;
            return calendar;
        }
    }

    /// <summary>A live calendar of this user (<c>primary</c> is the user's primary one).</summary>
    public GoogleCalendar? FindOwned(string calendarId, GoogleTestUser user)
    {
        if (calendarId == "primary")
        {
            return Primary(user);
        }

        lock (_gate)
        {
            return _calendars.TryGetValue(calendarId, out var calendar) && !calendar.IsDeleted && calendar.OwnerSub == user.Sub ? calendar : null;
        }
    }

    public GoogleCalendar? Find(string calendarId)
    {
        lock (_gate)
        {
            return _calendars.GetValueOrDefault(calendarId);
        }
    }

    public bool DeleteCalendar(string calendarId, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (!_calendars.TryGetValue(calendarId, out var calendar) || calendar.IsDeleted)
            {
                return false;
            }

            _calendars[calendarId] = calendar with { DeletedAt = now };
            return true;
        }
    }

    /// <summary>Every id ever used on a calendar stays taken, a cancelled event's too (docs/google-sandbox.md).</summary>
    public bool TryInsert(GoogleEvent draft, out GoogleEvent inserted)
    {
        lock (_gate)
        {
            if (_events.ContainsKey((draft.CalendarId, draft.Id)))
            {
                inserted = draft;
                return false;
            }

            inserted = draft with { Etag = ++_etag, ChangeNumber = ++_changeNumber };
            _events[(draft.CalendarId, draft.Id)] = inserted;
            _insertOrder[(draft.CalendarId, draft.Id)] = inserted.ChangeNumber;
            return true;
        }
    }

    public GoogleEvent? FindEvent(string calendarId, string eventId)
    {
        lock (_gate)
        {
            return _events.GetValueOrDefault((calendarId, eventId));
        }
    }

    /// <summary>Saves a change: a new etag and change number, so sync tokens see it.</summary>
    public GoogleEvent Save(GoogleEvent changed)
    {
        lock (_gate)
        {
            var saved = changed with { Etag = ++_etag, ChangeNumber = ++_changeNumber };
            _events[(changed.CalendarId, changed.Id)] = saved;
            return saved;
        }
    }

    /// <summary>Replaces an event without counting it as a change (a read counter).</summary>
    public void Touch(GoogleEvent changed)
    {
        lock (_gate)
        {
            _events[(changed.CalendarId, changed.Id)] = changed;
        }
    }

    /// <summary>Atomically applies <paramref name="change"/> to the current version of the event.</summary>
    public GoogleEvent? Update(string calendarId, string eventId, Func<GoogleEvent, GoogleEvent?> change)
    {
        lock (_gate)
        {
            if (!_events.TryGetValue((calendarId, eventId), out var current) || change(current) is not { } changed)
            {
                return null;
            }

            var saved = changed with { Etag = ++_etag, ChangeNumber = ++_changeNumber };
            _events[(calendarId, eventId)] = saved;
            return saved;
        }
    }

    public IReadOnlyList<GoogleEvent> EventsOf(string calendarId)
    {
        lock (_gate)
        {
            return [.. _events.Values.Where(e => e.CalendarId == calendarId).OrderBy(e => _insertOrder[(e.CalendarId, e.Id)])];
        }
    }

    public long CurrentChangeNumber
    {
        get
        {
            lock (_gate)
            {
                return _changeNumber;
            }
        }
    }

    public int Generation(string calendarId)
    {
        lock (_gate)
        {
            return _generations.GetValueOrDefault(calendarId);
        }
    }

    public string IssueSyncToken(string calendarId, long changeNumber, int generation)
    {
        lock (_gate)
        {
            var token = "CP" + SandboxIds.NewSecret(24);
            _syncTokens[token] = new SyncPoint(calendarId, changeNumber, generation);
            return token;
        }
    }

    /// <summary>The point a sync token was taken at; null when unknown, of another calendar, or invalidated.</summary>
    public SyncPoint? ReadSyncToken(string token, string calendarId)
    {
        lock (_gate)
        {
            return _syncTokens.TryGetValue(token, out var point)
                   && point.CalendarId == calendarId
                   && point.Generation == _generations.GetValueOrDefault(calendarId)
                ? point
                : null;
        }
    }

    /// <summary>Every sync token of the calendar (or of all calendars) now answers 410 fullSyncRequired.</summary>
    public void InvalidateSyncTokens(string? calendarId)
    {
        lock (_gate)
        {
            foreach (var id in calendarId is null ? _calendars.Keys.ToList() : [calendarId])
            {
                _generations[id] = _generations.GetValueOrDefault(id) + 1;
            }
        }
    }

    public string IssuePageToken(PageCursor cursor)
    {
        lock (_gate)
        {
            var token = "EjY" + SandboxIds.NewSecret(24);
            _pageTokens[token] = cursor;
            return token;
        }
    }

    public PageCursor? ReadPageToken(string token)
    {
        lock (_gate)
        {
            return _pageTokens.GetValueOrDefault(token);
        }
    }

    private static string NewResourceId() => SandboxIds.NewSecret(20).Replace('-', 'x').Replace('_', 'y');
}
