using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Junocal.Sandbox.Google.Http;

namespace Junocal.Sandbox.Google.Calendar;

/// <summary>Calendar and Event resources with the field names of the Calendar v3 discovery document.</summary>
internal static class CalendarJson
{
    private const string MeetIcon = "https://fonts.gstatic.com/s/i/productlogos/meet_2020q4/v6/web-512dp/logo_meet_2020q4_color_2x_web_512dp.png";

    public static string Etag(long value) => $"\"{value.ToString(CultureInfo.InvariantCulture)}\"";

    public static JsonObject Calendar(GoogleCalendar calendar)
    {
        var json = new JsonObject
        {
            ["kind"] = "calendar#calendar",
            ["etag"] = Etag(calendar.Etag),
            ["id"] = calendar.Id,
            ["summary"] = calendar.Summary,
        };
        if (calendar.Description is not null)
        {
            json["description"] = calendar.Description;
        }

        json["timeZone"] = calendar.TimeZone;
        if (!calendar.IsPrimary)
        {
            json["dataOwner"] = calendar.OwnerEmail;
        }

        var types = new JsonArray();
        if (calendar.AllowsMeet)
        {
            types.Add("hangoutsMeet");
        }

        json["conferenceProperties"] = new JsonObject { ["allowedConferenceSolutionTypes"] = types };
        return json;
    }

    public static JsonObject Event(GoogleEvent e, GoogleCalendar calendar)
    {
        var json = new JsonObject
        {
            ["kind"] = "calendar#event",
            ["etag"] = Etag(e.Etag),
            ["id"] = e.Id,
            ["status"] = e.Status,
            ["htmlLink"] = "https://www.google.com/calendar/event?eid=" + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{e.Id} {calendar.Id}")).TrimEnd('='),
            ["created"] = GoogleFormat.Timestamp(e.Created),
            ["updated"] = GoogleFormat.Timestamp(e.Updated),
        };
        foreach (var (name, value) in e.Fields)
        {
            if (name is not ("start" or "end" or "reminders" or "extendedProperties"))
            {
                json[name] = value?.DeepClone();
            }
        }

        json["creator"] = new JsonObject { ["email"] = e.CreatorEmail, ["self"] = true };
        json["organizer"] = calendar.IsPrimary
            ? new JsonObject { ["email"] = calendar.Id, ["self"] = true }
            : new JsonObject { ["email"] = calendar.Id, ["displayName"] = calendar.Summary, ["self"] = true };
        json["start"] = e.Fields["start"]?.DeepClone();
        json["end"] = e.Fields["end"]?.DeepClone();
        json["iCalUID"] = $"{e.Id}@google.com";
        json["sequence"] = e.Sequence;
        if (e.Fields["extendedProperties"] is { } properties)
        {
            json["extendedProperties"] = properties.DeepClone();
        }

        json["reminders"] = e.Fields["reminders"]?.DeepClone() ?? new JsonObject { ["useDefault"] = true };
        json["eventType"] = "default";
        if (e.Conference is { } conference)
        {
            if (conference.HangoutLink is { } link)
            {
                json["hangoutLink"] = link;
            }

            json["conferenceData"] = Conference(conference);
        }

        return json;
    }

    /// <summary>
    /// <c>pending</c>: only the request; <c>success</c>: entry points, solution and id; <c>failure</c>: no solution and no
    /// entry points (ConferenceData and ConferenceRequestStatus in the discovery document).
    /// </summary>
    private static JsonObject Conference(GoogleConference conference)
    {
        var json = new JsonObject
        {
            ["createRequest"] = new JsonObject
            {
                ["requestId"] = conference.RequestId,
                ["conferenceSolutionKey"] = new JsonObject { ["type"] = conference.SolutionType },
                ["status"] = new JsonObject { ["statusCode"] = conference.Status.ToString().ToLowerInvariant() },
            },
        };
        if (conference.Status != ConferenceStatus.Success)
        {
            return json;
        }

        var link = conference.HangoutLink!;
        json["entryPoints"] = new JsonArray(new JsonObject
        {
            ["entryPointType"] = "video",
            ["uri"] = link,
            ["label"] = $"meet.google.com/{conference.ConferenceId}",
        });
        json["conferenceSolution"] = new JsonObject
        {
            ["key"] = new JsonObject { ["type"] = "hangoutsMeet" },
            ["name"] = "Google Meet",
            ["iconUri"] = MeetIcon,
        };
        json["conferenceId"] = conference.ConferenceId;
        json["signature"] = Convert.ToBase64String(Encoding.UTF8.GetBytes("sandbox:" + conference.ConferenceId));
        return json;
    }
}
