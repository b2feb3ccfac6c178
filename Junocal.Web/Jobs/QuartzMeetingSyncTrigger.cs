using Junocal.Web.Meetings;
using Quartz;

namespace Junocal.Web.Jobs;

/// <summary>One Quartz job per class (so a class's syncs never overlap), fired at once.</summary>
internal sealed class QuartzMeetingSyncTrigger(ISchedulerFactory schedulers) : IMeetingSyncTrigger
{
    public async Task RunSoonAsync(IEnumerable<Guid> classIds, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        foreach (var classId in classIds)
        {
            var job = JobBuilder.Create<MeetingSyncJob>()
                .WithIdentity(MeetingSyncJob.KeyFor(classId))
                .UsingJobData(MeetingSyncJob.ClassIdKey, classId.ToString())
                .Build();
            var trigger = TriggerBuilder.Create().ForJob(job).StartNow().Build();
            await scheduler.ScheduleJob(job, [trigger], ScheduleJobOptions.Replacing, cancellationToken);
        }
    }
}
