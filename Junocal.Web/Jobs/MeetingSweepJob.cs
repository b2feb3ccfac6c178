using Junocal.Web.Meetings;
using Quartz;

namespace Junocal.Web.Jobs;

[DisallowConcurrentExecution]
internal sealed class MeetingSweepJob(MeetingSweep sweep) : IJob
{
    public static readonly JobKey Key = new("meeting-sweep", "meetings");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await sweep.RunDueAsync(cancellationToken);
}
