namespace Junocal.Web.Meetings;

/// <summary>How the meeting work runs, bound from <c>Meetings</c>.</summary>
public sealed class MeetingWorkOptions
{
    public const string SectionName = "Meetings";

    /// <summary>
    /// How many of one studio's classes sync at once: enough to hide a provider's latency, few enough that the day's
    /// quota goes to the soonest classes and the provider's pacing has little to hold back.
    /// </summary>
    public int ClassesAtOncePerStudio { get; set; } = 3;
}
