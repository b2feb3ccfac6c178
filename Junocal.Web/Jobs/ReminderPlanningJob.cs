using Junocal.Web.Notifications;
using Quartz;

namespace Junocal.Web.Jobs;

[DisallowConcurrentExecution]
internal sealed class ReminderPlanningJob(ReminderPlanner planner) : IJob
{
    public static readonly JobKey Key = new("reminder-planning", "notifications");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await planner.OweDueRemindersAsync(cancellationToken);
}
