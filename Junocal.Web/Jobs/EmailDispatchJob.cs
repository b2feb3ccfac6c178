using Junocal.Web.Features.Account;
using Junocal.Web.Notifications;
using Quartz;

namespace Junocal.Web.Jobs;

[DisallowConcurrentExecution]
internal sealed class EmailDispatchJob(EmailDispatcher dispatcher, AccountEmailDispatcher accountEmails) : IJob
{
    public static readonly JobKey Key = new("email-dispatch", "notifications");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        // Account emails first: a person is waiting for their link.
        await accountEmails.DispatchDueAsync(cancellationToken);
        await dispatcher.DispatchDueAsync(cancellationToken);
    }
}
