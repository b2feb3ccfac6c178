using System.Globalization;
using System.Text.Json.Nodes;
using Junocal.Sandbox.Google.Http;
using Microsoft.AspNetCore.Http;

namespace Junocal.Sandbox.Google.Calendar;

/// <summary>Events insert, get, patch and delete on <c>calendars/{calendarId}/events</c> (docs/google-sandbox.md).</summary>
internal static class EventEndpoints
{
    public static async Task<IResult> InsertAsync(string calendarId, HttpContext http, GoogleSandboxState sandbox)
    {
        var (caller, error) = CalendarAccess.Check(http, sandbox, CalendarNeed.WriteEvents, calendarId);
        if (caller is null)
        {
            return error!;
        }

        var (version, sendUpdates, queryError) = EventRules.Query(http.Request);
        if (queryError is not null)
        {
            return queryError;
        }

        var (body, bodyError) = await EventRules.ReadBodyAsync(http.Request);
        if (body is null)
        {
            return bodyError!;
        }

        var id = body["id"]?.GetValue<string>() ?? NewEventId();
        if (!EventRules.EventId().IsMatch(id))
        {
            return GoogleErrors.Invalid("Invalid resource id value.");
        }

        var fields = EventRules.Writable(body);
        if (EventRules.CheckTimes(fields) is { } timeError)
        {
            return timeError;
        }

        var calendar = caller.Calendar!;
        var now = sandbox.Time.GetUtcNow();
        GoogleConference? conference = null;
        if (version == 1 && body["conferenceData"] is JsonObject conferenceData)
        {
            var (requested, conferenceError) = sandbox.Conferences.Request(conferenceData, calendar, null, now);
            if (conferenceError is not null)
            {
                return conferenceError;
            }

            conference = requested;
        }

        var draft = new GoogleEvent(calendar.Id, id, "confirmed", fields, conference, now, now, 0, 0, 0, caller.User.Email, sendUpdates,
            NotFoundGetsLeft: sandbox.Knobs.NotFoundGetsAfterInsert);
        if (!sandbox.Calendars.TryInsert(draft, out var inserted))
        {
            return GoogleErrors.Duplicate();
        }

        sandbox.Changed(calendar.Id, inserted.Conference);
        return new GoogleJsonResult(200, CalendarJson.Event(inserted, calendar));
    }

    public static IResult Get(string calendarId, string eventId, HttpContext http, GoogleSandboxState sandbox)
    {
        var (caller, error) = CalendarAccess.Check(http, sandbox, CalendarNeed.ReadEvents, calendarId);
        if (caller is null)
        {
            return error!;
        }

        var calendar = caller.Calendar!;
        if (sandbox.Calendars.FindEvent(calendar.Id, eventId) is not { } found)
        {
            return GoogleErrors.NotFound();
        }

        if (found.NotFoundGetsLeft > 0)
        {
            sandbox.Calendars.Touch(found with { NotFoundGetsLeft = found.NotFoundGetsLeft - 1 });
            return GoogleErrors.NotFound();
        }

        // A deleted event is still returned, cancelled, with its details (docs/google-sandbox.md).
        var current = sandbox.Conferences.CountGet(found);
        return new GoogleJsonResult(200, CalendarJson.Event(current, calendar));
    }

    public static async Task<IResult> PatchAsync(string calendarId, string eventId, HttpContext http, GoogleSandboxState sandbox)
    {
        var (caller, error) = CalendarAccess.Check(http, sandbox, CalendarNeed.WriteEvents, calendarId);
        if (caller is null)
        {
            return error!;
        }

        var (version, sendUpdates, queryError) = EventRules.Query(http.Request);
        if (queryError is not null)
        {
            return queryError;
        }

        var (body, bodyError) = await EventRules.ReadBodyAsync(http.Request);
        if (body is null)
        {
            return bodyError!;
        }

        var calendar = caller.Calendar!;
        if (sandbox.Calendars.FindEvent(calendar.Id, eventId) is not { } current)
        {
            return GoogleErrors.NotFound();
        }

        if (current.IsCancelled)
        {
            return GoogleErrors.Deleted();
        }

        var ifMatch = http.Request.Headers.IfMatch.ToString();
        if (ifMatch.Length > 0 && ifMatch != "*" && ifMatch != CalendarJson.Etag(current.Etag))
        {
            return GoogleErrors.ConditionNotMet();
        }

        var fields = EventRules.Writable(body, current.Fields);
        if (EventRules.CheckTimes(fields) is { } timeError)
        {
            return timeError;
        }

        var now = sandbox.Time.GetUtcNow();
        var conference = current.Conference;
        // conferenceData is left alone unless present with conferenceDataVersion=1 (docs/google-sandbox.md).
        if (version == 1 && body.ContainsKey("conferenceData"))
        {
            if (body["conferenceData"] is JsonObject conferenceData)
            {
                var (requested, conferenceError) = sandbox.Conferences.Request(conferenceData, calendar, current.Conference, now);
                if (conferenceError is not null)
                {
                    return conferenceError;
                }

                conference = requested;
            }
            else
            {
                conference = null;
            }
        }

        var saved = sandbox.Calendars.Update(calendar.Id, eventId, latest => latest.IsCancelled || latest.Etag != current.Etag
            ? null
            : latest with
            {
                Fields = fields,
                Conference = conference,
                Updated = now,
                Sequence = latest.Sequence + 1,
                SendUpdates = sendUpdates,
            });
        if (saved is null)
        {
            // Changed between the read and the write: as if If-Match had named the older version.
            return GoogleErrors.ConditionNotMet();
        }

        sandbox.Changed(calendar.Id, saved.Conference == current.Conference ? null : saved.Conference);
        return new GoogleJsonResult(200, CalendarJson.Event(saved, calendar));
    }

    public static IResult Delete(string calendarId, string eventId, HttpContext http, GoogleSandboxState sandbox)
    {
        var (caller, error) = CalendarAccess.Check(http, sandbox, CalendarNeed.WriteEvents, calendarId);
        if (caller is null)
        {
            return error!;
        }

        var (_, sendUpdates, queryError) = EventRules.Query(http.Request);
        if (queryError is not null)
        {
            return queryError;
        }

        return sandbox.CancelEvent(caller.Calendar!.Id, eventId, sendUpdates) switch
        {
            CancelOutcome.Cancelled => Results.NoContent(),
            CancelOutcome.AlreadyCancelled => GoogleErrors.Deleted(),
            _ => GoogleErrors.NotFound(),
        };
    }

    /// <summary>A server-chosen id: 26 characters of base32hex, as Google's own look.</summary>
    private static string NewEventId()
    {
        const string alphabet = "0123456789abcdefghijklmnopqrstuv";
        return System.Security.Cryptography.RandomNumberGenerator.GetString(alphabet, 26);
    }

    internal static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}

internal enum CancelOutcome
{
    Cancelled,
    AlreadyCancelled,
    NotFound,
}
