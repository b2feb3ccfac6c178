using Junocal.Sandbox.Google.Http;
using Junocal.Sandbox.Google.OAuth;
using Junocal.Sandbox.Google.Users;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Junocal.Sandbox.Google.Calendar;

/// <summary>What a Calendar request does, for the scope check (per-method scopes of the Calendar v3 discovery document).</summary>
internal enum CalendarNeed
{
    InsertCalendar,
    ManageCalendar,
    ReadEvents,
    WriteEvents,
    StopChannel,
}

internal sealed record CalendarCaller(GoogleTestUser User, IReadOnlyList<string> Scopes, GoogleCalendar? Calendar);

/// <summary>
/// Bearer token, the per-user rate limit, the scope, then the calendar: a missing or dead token is 401 authError, a
/// missing scope 403 insufficientPermissions, a calendar the user does not have 404 notFound (docs/google-sandbox.md).
/// </summary>
internal static class CalendarAccess
{
    private static readonly string[] AnyCalendarScope =
    [
        GoogleScopes.Calendar, GoogleScopes.CalendarEvents, GoogleScopes.CalendarEventsOwned, GoogleScopes.CalendarAppCreated,
        GoogleScopes.CalendarReadonly, GoogleScopes.CalendarEventsReadonly,
    ];

    public static (CalendarCaller? Caller, IResult? Error) Check(HttpContext http, GoogleSandboxState sandbox, CalendarNeed need, string? calendarId = null)
    {
        if (sandbox.OAuth.Authenticate(GoogleTokenEndpoints.Bearer(http.Request)) is not { } access)
        {
            return (null, GoogleErrors.AuthError());
        }

        var options = http.RequestServices.GetRequiredService<IOptions<GoogleSandboxOptions>>().Value;
        if (!sandbox.Limits.Take(access.User.Sub, options.PerUserPerMinuteLimit))
        {
            return (null, GoogleErrors.RateLimitExceeded());
        }

        var scopes = access.Scopes;
        bool Has(string scope) => scopes.Contains(scope, StringComparer.Ordinal);
        var appCreatedOnly = false;
        var allowed = need switch
        {
            CalendarNeed.InsertCalendar => Has(GoogleScopes.Calendar) || Has(GoogleScopes.CalendarAppCreated),
            CalendarNeed.ManageCalendar => Has(GoogleScopes.Calendar) || (appCreatedOnly = Has(GoogleScopes.CalendarAppCreated)),
            CalendarNeed.WriteEvents => Has(GoogleScopes.Calendar) || Has(GoogleScopes.CalendarEvents) || Has(GoogleScopes.CalendarEventsOwned)
                                        || (appCreatedOnly = Has(GoogleScopes.CalendarAppCreated)),
            CalendarNeed.ReadEvents => Has(GoogleScopes.Calendar) || Has(GoogleScopes.CalendarEvents) || Has(GoogleScopes.CalendarEventsOwned)
                                       || Has(GoogleScopes.CalendarReadonly) || Has(GoogleScopes.CalendarEventsReadonly)
                                       || (appCreatedOnly = Has(GoogleScopes.CalendarAppCreated)),
            _ => AnyCalendarScope.Any(Has),
        };
        if (!allowed)
        {
            return (null, GoogleErrors.InsufficientPermissions());
        }

        if (calendarId is null)
        {
            return (new CalendarCaller(access.User, scopes, null), null);
        }

        if (sandbox.Calendars.FindOwned(calendarId, access.User) is not { } calendar)
        {
            return (null, GoogleErrors.NotFound());
        }

        // calendar.app.created reaches only the calendars this app made (docs/google-sandbox.md).
        return appCreatedOnly && !calendar.CreatedByApp
            ? (null, GoogleErrors.InsufficientPermissions())
            : (new CalendarCaller(access.User, scopes, calendar), null);
    }
}

/// <summary>Google's per-user quota: requests per minute in a sliding window (docs/google-sandbox.md).</summary>
internal sealed class CalendarRateLimiter(TimeProvider time)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Queue<DateTimeOffset>> _requests = new(StringComparer.Ordinal);

    public bool Take(string userSub, int limit)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (!_requests.TryGetValue(userSub, out var recent))
            {
                recent = new Queue<DateTimeOffset>();
                _requests[userSub] = recent;
            }

            while (recent.TryPeek(out var oldest) && now - oldest >= Window)
            {
                recent.Dequeue();
            }

            if (recent.Count >= limit)
            {
                return false;
            }

            recent.Enqueue(now);
            return true;
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _requests.Clear();
        }
    }
}
