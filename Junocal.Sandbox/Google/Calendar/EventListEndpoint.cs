using System.Globalization;
using System.Text.Json.Nodes;
using Junocal.Sandbox.Google.Http;
using Microsoft.AspNetCore.Http;

namespace Junocal.Sandbox.Google.Calendar;

/// <summary>
/// <c>GET calendars/{calendarId}/events</c>: a full listing (pages, then <c>nextSyncToken</c>) or an incremental one
/// from a <c>syncToken</c> with every change since, cancelled events included (docs/google-sandbox.md).
/// </summary>
internal static class EventListEndpoint
{
    private const int DefaultPageSize = 250;
    private const int MaxPageSize = 2500;

    // Parameters a syncToken cannot be combined with (events.list, syncToken).
    private static readonly string[] NotWithSyncToken =
        ["iCalUID", "orderBy", "privateExtendedProperty", "q", "sharedExtendedProperty", "timeMin", "timeMax", "updatedMin"];

    public static IResult List(string calendarId, HttpContext http, GoogleSandboxState sandbox)
    {
        var (caller, error) = CalendarAccess.Check(http, sandbox, CalendarNeed.ReadEvents, calendarId);
        if (caller is null)
        {
            return error!;
        }

        var calendar = caller.Calendar!;
        var query = http.Request.Query;
        var pageSize = DefaultPageSize;
        if (query["maxResults"].ToString() is { Length: > 0 } max)
        {
            if (!int.TryParse(max, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize < 1)
            {
                return GoogleErrors.Invalid("Invalid value for: maxResults", "maxResults", "parameter");
            }

            pageSize = Math.Min(pageSize, MaxPageSize);
        }

        PageCursor cursor;
        if (query["pageToken"].ToString() is { Length: > 0 } pageToken)
        {
            if (sandbox.Calendars.ReadPageToken(pageToken) is not { } stored || stored.CalendarId != calendar.Id)
            {
                return GoogleErrors.Invalid("Invalid page token value.", "pageToken", "parameter");
            }

            if (stored.Incremental && stored.Generation != sandbox.Calendars.Generation(calendar.Id))
            {
                return GoogleErrors.FullSyncRequired();
            }

            cursor = stored;
        }
        else if (query["syncToken"].ToString() is { Length: > 0 } syncToken)
        {
            if (NotWithSyncToken.FirstOrDefault(name => query.ContainsKey(name)) is { } clash)
            {
                return GoogleErrors.Invalid($"The parameter {clash} cannot be used together with syncToken.", clash, "parameter");
            }

            if (query["showDeleted"] == "false")
            {
                return GoogleErrors.Invalid("The parameter showDeleted=false cannot be used together with syncToken.", "showDeleted", "parameter");
            }

            if (sandbox.Calendars.ReadSyncToken(syncToken, calendar.Id) is not { } point)
            {
                return GoogleErrors.FullSyncRequired();
            }

            var syncAt = sandbox.Calendars.CurrentChangeNumber;
            var changed = sandbox.Calendars.EventsOf(calendar.Id)
                .Where(e => e.ChangeNumber > point.ChangeNumber && e.ChangeNumber <= syncAt)
                .OrderBy(e => e.ChangeNumber)
                .Select(e => e.Id)
                .ToList();
            cursor = new PageCursor(calendar.Id, changed, syncAt, point.Generation, Incremental: true);
        }
        else
        {
            var (matching, filterError) = Filter(sandbox.Calendars.EventsOf(calendar.Id), query);
            if (filterError is not null)
            {
                return filterError;
            }

            cursor = new PageCursor(calendar.Id, [.. matching.Select(e => e.Id)], sandbox.Calendars.CurrentChangeNumber,
                sandbox.Calendars.Generation(calendar.Id), Incremental: false);
        }

        var page = cursor.RemainingIds.Take(pageSize).ToList();
        var rest = cursor.RemainingIds.Skip(pageSize).ToList();
        var items = new JsonArray();
        foreach (var id in page)
        {
            if (sandbox.Calendars.FindEvent(calendar.Id, id) is { } e)
            {
                items.Add(CalendarJson.Event(e, calendar));
            }
        }

        var body = new JsonObject
        {
            ["kind"] = "calendar#events",
            ["etag"] = CalendarJson.Etag(sandbox.Calendars.NextEtag()),
            ["summary"] = calendar.Summary,
            ["description"] = calendar.Description ?? "",
            ["updated"] = GoogleFormat.Timestamp(sandbox.Time.GetUtcNow()),
            ["timeZone"] = calendar.TimeZone,
            ["accessRole"] = "owner",
            ["defaultReminders"] = new JsonArray(),
        };
        if (rest.Count > 0)
        {
            body["nextPageToken"] = sandbox.Calendars.IssuePageToken(cursor with { RemainingIds = rest });
        }
        else
        {
            body["nextSyncToken"] = sandbox.Calendars.IssueSyncToken(calendar.Id, cursor.SyncAt, cursor.Generation);
        }

        body["items"] = items;
        return new GoogleJsonResult(200, body);
    }

    /// <summary>A full listing's filters: showDeleted (default false), timeMin/timeMax and privateExtendedProperty.</summary>
    private static (IReadOnlyList<GoogleEvent> Events, IResult? Error) Filter(IReadOnlyList<GoogleEvent> events, IQueryCollection query)
    {
        IEnumerable<GoogleEvent> matching = events;
        if (query["showDeleted"] != "true")
        {
            matching = matching.Where(e => !e.IsCancelled);
        }

        DateTimeOffset? timeMin = null;
        DateTimeOffset? timeMax = null;
        foreach (var (name, set) in new (string, Action<DateTimeOffset>)[] { ("timeMin", t => timeMin = t), ("timeMax", t => timeMax = t) })
        {
            if (query[name].ToString() is { Length: > 0 } raw)
            {
                if (!DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant) || !raw.Contains('T', StringComparison.Ordinal))
                {
                    return ([], GoogleErrors.Invalid($"Bad Request: invalid {name}", name, "parameter"));
                }

                set(instant);
            }
        }

        if (timeMin is { } from && timeMax is { } to && to <= from)
        {
            return ([], GoogleErrors.Error(400, "calendar", "timeRangeEmpty", "The specified time range is empty.", "timeMax", "parameter"));
        }

        if (timeMin is not null || timeMax is not null)
        {
            matching = matching.Where(e =>
            {
                var (start, _) = EventRules.Instant(e.Fields["start"]!.AsObject(), "start");
                var (end, _) = EventRules.Instant(e.Fields["end"]!.AsObject(), "end");
                return (timeMin is null || end > timeMin) && (timeMax is null || start < timeMax);
            });
        }

        foreach (var property in query["privateExtendedProperty"])
        {
            var separator = property?.IndexOf('=', StringComparison.Ordinal) ?? -1;
            if (separator <= 0)
            {
                return ([], GoogleErrors.Invalid("Invalid privateExtendedProperty value.", "privateExtendedProperty", "parameter"));
            }

            var name = property![..separator];
            var value = property[(separator + 1)..];
            matching = matching.Where(e => e.PrivateProperty(name) == value);
        }

        return ([.. matching], null);
    }
}
