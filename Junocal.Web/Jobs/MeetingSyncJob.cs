using Junocal.Web.Meetings;
using Quartz;

namespace Junocal.Web.Jobs;

/// <summary>Syncs one class's meeting. One job key per class, so two syncs of the same class never overlap.</summary>
[DisallowConcurrentExecution]
internal sealed class MeetingSyncJob(MeetingSync sync) : IJob
{
    public const string ClassIdKey = "classId";

    public static JobKey KeyFor(Guid classId) => new($"meeting-sync-{classId:N}", "meetings");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        if (Guid.TryParse(context.MergedJobDataMap.GetString(ClassIdKey), out var classId))
        {
            await sync.SyncAsync(classId, cancellationToken);
        }
    }
}

[DisallowConcurrentExecution]
internal sealed class MeetingSweepJob(MeetingSweep sweep) : IJob
{
    public static readonly JobKey Key = new("meeting-sweep", "meetings");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await sweep.RunDueAsync(cancellationToken);
}
