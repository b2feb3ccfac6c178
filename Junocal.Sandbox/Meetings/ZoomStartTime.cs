using System.Globalization;

namespace Junocal.Sandbox.Meetings;

/// <summary>
/// Zoom's two <c>start_time</c> forms: <c>yyyy-MM-ddTHH:mm:ssZ</c> is GMT; <c>yyyy-MM-ddTHH:mm:ss</c> without Z is
/// wall time in <c>timezone</c>, or in the host's zone when none is given
/// (https://docs.blinkops.com/docs/integrations/zoom/actions/create-meeting).
/// </summary>
internal static class ZoomStartTime
{
    private static readonly string[] LocalFormats = ["yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFF"];

    public static DateTimeOffset? Parse(string value, TimeZoneInfo zone)
    {
        var isUtc = value.EndsWith('Z');
        var text = isUtc ? value[..^1] : value;
        if (!DateTime.TryParseExact(text, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var wallTime))
        {
            return null;
        }

        wallTime = wallTime.AddTicks(-(wallTime.Ticks % TimeSpan.TicksPerSecond));
        return isUtc
            ? new DateTimeOffset(wallTime, TimeSpan.Zero)
            : new DateTimeOffset(wallTime, OffsetAt(wallTime, zone)).ToUniversalTime();
    }

    public static string Format(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static TimeZoneInfo? FindZone(string id) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : null;

    // Zoom documents neither case; the sandbox moves a wall time in a spring-forward gap forward by the gap
    // (the offset in force before it) and reads an ambiguous autumn time as the first, daylight occurrence.
    private static TimeSpan OffsetAt(DateTime wallTime, TimeZoneInfo zone)
    {
        if (zone.IsInvalidTime(wallTime))
        {
            return zone.GetUtcOffset(wallTime.AddHours(-3));
        }

        return zone.IsAmbiguousTime(wallTime) ? zone.GetAmbiguousTimeOffsets(wallTime).Max() : zone.GetUtcOffset(wallTime);
    }
}
