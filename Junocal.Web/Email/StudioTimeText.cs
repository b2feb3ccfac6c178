using System.Globalization;
using Junocal.Domain.Studios;

namespace Junocal.Web.Email;

/// <summary>How class times read in emails: on the studio's wall clock, with the zone named.</summary>
internal sealed class StudioTimeText(string timeZoneId)
{
    private static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("en-GB");
    private readonly StudioTimeZone _zone = new(timeZoneId);

    /// <summary>"Monday 30 November 2026, 07:30–08:20 (Europe/London)".</summary>
    public string Span(DateTimeOffset startUtc, DateTimeOffset endUtc)
    {
        var start = _zone.ToLocal(startUtc);
        var end = _zone.ToLocal(endUtc);
        var range = start.Date == end.Date
            ? $"{LongDate(start)}, {Time(start)}–{Time(end)}"
            : $"{LongDate(start)}, {Time(start)} – {LongDate(end)}, {Time(end)}";
        return $"{range} ({_zone.Id})";
    }

    /// <summary>"Monday 30 November 2026, 07:30 (Europe/London)".</summary>
    public string Moment(DateTimeOffset instantUtc)
    {
        var local = _zone.ToLocal(instantUtc);
        return $"{LongDate(local)}, {Time(local)} ({_zone.Id})";
    }

    /// <summary>"Mon 30 Nov at 07:30", short enough for a subject line.</summary>
    public string Short(DateTimeOffset instantUtc)
    {
        var local = _zone.ToLocal(instantUtc);
        return $"{local.ToString("ddd d MMM", Culture)} at {Time(local)}";
    }

    private static string LongDate(DateTime local) => local.ToString("dddd d MMMM yyyy", Culture);

    private static string Time(DateTime local) => local.ToString("HH:mm", Culture);
}
