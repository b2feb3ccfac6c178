using Junocal.Sandbox.Google.Http;
using Microsoft.AspNetCore.Http;

namespace Junocal.Sandbox.Google.Calendar;

/// <summary><c>POST calendars</c>, <c>GET calendars/{calendarId}</c>, <c>DELETE calendars/{calendarId}</c>.</summary>
internal static class CalendarEndpoints
{
    public static async Task<IResult> InsertAsync(HttpContext http, GoogleSandboxState sandbox)
    {
        var (caller, error) = CalendarAccess.Check(http, sandbox, CalendarNeed.InsertCalendar);
        if (caller is null)
        {
            return error!;
        }

        var (body, bodyError) = await EventRules.ReadBodyAsync(http.Request);
        if (body is null)
        {
            return bodyError!;
        }

        if (body["summary"]?.GetValue<string>() is not { Length: > 0 } summary)
        {
            return GoogleErrors.Required("Missing title.");
        }

        var timeZone = body["timeZone"]?.GetValue<string>() ?? "UTC";
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out _))
        {
            return GoogleErrors.Invalid("Invalid time zone definition.", "timeZone", "parameter");
        }

        var calendar = sandbox.Calendars.CreateCalendar(caller.User, summary, timeZone, body["description"]?.GetValue<string>(),
            allowsMeet: !sandbox.Knobs.CalendarsWithoutMeet);
        return new GoogleJsonResult(200, CalendarJson.Calendar(calendar));
    }

    public static IResult Get(string calendarId, HttpContext http, GoogleSandboxState sandbox)
    {
        var (caller, error) = CalendarAccess.Check(http, sandbox, CalendarNeed.ManageCalendar, calendarId);
        return caller is null ? error! : new GoogleJsonResult(200, CalendarJson.Calendar(caller.Calendar!));
    }

    public static IResult Delete(string calendarId, HttpContext http, GoogleSandboxState sandbox)
    {
        var (caller, error) = CalendarAccess.Check(http, sandbox, CalendarNeed.ManageCalendar, calendarId);
        if (caller is null)
        {
            return error!;
        }

        if (caller.Calendar!.IsPrimary)
        {
            return GoogleErrors.Error(400, "calendar", "cannotDeletePrimaryCalendar", "Cannot delete primary calendar.");
        }

        sandbox.DeleteCalendar(caller.Calendar.Id);
        return Results.NoContent();
    }
}
