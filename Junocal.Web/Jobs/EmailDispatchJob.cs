using Junocal.Web.Notifications;
using Quartz;

namespace Junocal.Web.Jobs;

[DisallowConcurrentExecution]
internal sealed class EmailDispatchJob(EmailDispatcher dispatcher) : IJob
{
    public static readonly JobKey Key = new("email-dispatch", "notifications");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await dispatcher.DispatchDueAsync(cancellationToken);
}
