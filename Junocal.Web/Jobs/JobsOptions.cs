namespace Junocal.Web.Jobs;

public sealed class JobsOptions
{
    public const string SectionName = "Jobs";

    /// <summary>Run the background scheduler in this process. Off only for tests that drive the work themselves.</summary>
    public bool Enabled { get; set; } = true;

    public TimeSpan EmailDispatchInterval { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan ReminderPlanningInterval { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan MeetingSweepInterval { get; set; } = TimeSpan.FromSeconds(30);
}
