namespace Junocal.Web.Notifications;

public sealed class NotificationOptions
{
    public const string SectionName = "Email";

    /// <summary>How long before a class each reminder goes out, in minutes. Defaults to 24 hours and 1 hour.</summary>
    public int[] ReminderMinutesBefore { get; set; } = [];

    public IReadOnlyList<int> Reminders => ReminderMinutesBefore.Length > 0 ? ReminderMinutesBefore : [24 * 60, 60];
}
