using System.Globalization;

namespace Junocal.Web.Components.Shared;

/// <summary>How studio-local times read on every page.</summary>
public static class StudioTime
{
    private static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("en-GB");

    public static string Day(DateTime local) => local.ToString("dddd d MMMM", Culture);

    public static string ShortDay(DateTime local) => local.ToString("ddd d MMM", Culture);

    public static string Time(DateTime local) => local.ToString("HH:mm", Culture);

    public static string Range(DateTime start, DateTime end) => $"{Time(start)}–{Time(end)}";

    public static string DateTime(DateTime local) => local.ToString("ddd d MMM yyyy, HH:mm", Culture);
}
