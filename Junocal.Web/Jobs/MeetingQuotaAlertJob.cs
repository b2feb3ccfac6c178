using Junocal.Web.Features.Scheduling;
using Quartz;

namespace Junocal.Web.Jobs;

/// <summary>Alerts owners of classes starting within a day that a provider's daily quota still holds without a link.</summary>
[DisallowConcurrentExecution]
internal sealed class MeetingQuotaAlertJob(MeetingQuotaAlerts alerts) : IJob
{
    public static readonly JobKey Key = new("meeting-quota-alerts", "meetings");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await alerts.OweDueAsync(cancellationToken);
}
