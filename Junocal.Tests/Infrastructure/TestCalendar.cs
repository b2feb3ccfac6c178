using System.Globalization;

namespace Junocal.Tests.Infrastructure;

/// <summary>
/// Where every test date comes from, so that no test breaks when the calendar moves on. Tests on a real host
/// take dates from the system clock the host runs on (<see cref="NextYear"/>); tests on a fake clock start it at
/// <see cref="FakeNow"/> and count from there. This is the one test source that spells a year
/// (<c>TestSourcesSpellNoYear</c> fails on any other).
/// </summary>
public static class TestCalendar
{
    /// <summary>The instant every fake clock starts at: Tuesday 10 March, 09:00 UTC, in London's winter (GMT).</summary>
    public static readonly DateTimeOffset FakeNow = new(2026, 3, 10, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Next calendar year on the system clock: every day in it is in the future, by one to two years.</summary>
    public static int NextYear => TimeProvider.System.GetUtcNow().Year + 1;

    /// <summary>A day of <see cref="NextYear"/>; in July, London is on BST (UTC+1), in January on GMT.</summary>
    public static DateTime NextYearOn(int month, int day) => new(NextYear, month, day);

    /// <summary>The first <paramref name="weekday"/> on or after <paramref name="date"/>.</summary>
    public static DateTime OnOrAfter(this DateTime date, DayOfWeek weekday) =>
        date.AddDays(((int)weekday - (int)date.DayOfWeek + 7) % 7);

    /// <summary>The last Sunday of March: London's clocks jump from 01:00 GMT to 02:00 BST.</summary>
    public static DateTime SpringForward(int year) => LastSunday(year, 3);

    /// <summary>The last Sunday of October: London's clocks go back from 02:00 BST to 01:00 GMT.</summary>
    public static DateTime FallBack(int year) => LastSunday(year, 10);

    /// <summary>Zoom's UTC form, <c>yyyy-MM-ddTHH:mm:ssZ</c>.</summary>
    public static string ZoomUtc(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Zoom's UTC form of a UTC wall time.</summary>
    public static string ZoomUtc(DateTime utc) => ZoomUtc(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Unspecified), TimeSpan.Zero));

    /// <summary>Zoom's local form, <c>yyyy-MM-ddTHH:mm:ss</c>, read in the meeting's time zone.</summary>
    public static string ZoomLocal(DateTime local) => local.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>A UTC instant on <paramref name="date"/>'s day at the given time.</summary>
    public static DateTimeOffset Utc(DateTime date, int hour, int minute = 0) =>
        new(date.Year, date.Month, date.Day, hour, minute, 0, TimeSpan.Zero);

    private static DateTime LastSunday(int year, int month)
    {
        var last = new DateTime(year, month, DateTime.DaysInMonth(year, month));
        return last.AddDays(-(int)last.DayOfWeek);
    }
}
