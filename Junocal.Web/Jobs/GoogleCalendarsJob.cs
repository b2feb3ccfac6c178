using Junocal.Web.Integrations.GoogleMeet;
using Quartz;

namespace Junocal.Web.Jobs;

/// <summary>
/// Keeps every studio's Google calendar in step: replaces watch channels that expire soon (before the old one is
/// stopped), then reads every calendar, because Google drops some notifications.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class GoogleCalendarsJob(GoogleCalendarSetup setup, GoogleCalendarSync sync) : IJob
{
    public static readonly JobKey Key = new("google-calendars", "integrations");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        await setup.RenewDueAsync(cancellationToken);
        await sync.ReconcileAllAsync(cancellationToken);
    }
}
