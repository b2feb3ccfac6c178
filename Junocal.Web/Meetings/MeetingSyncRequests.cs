using Junocal.Domain.Scheduling;
using Junocal.Web.Data;
using Junocal.Web.Jobs;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace Junocal.Web.Meetings;

/// <summary>
/// Asks for meeting work to run now: one Quartz job per class (so a class's syncs never overlap), fired at once.
/// If the request is lost (a crash after the class was saved), the sweep finds the row still due.
/// </summary>
public sealed class MeetingSyncRequests(IServiceProvider services, SystemDbContextFactory contexts, TimeProvider clock)
{
    public async Task RequestAsync(IEnumerable<Guid> classIds, CancellationToken cancellationToken)
    {
        if (services.GetService<ISchedulerFactory>() is not { } schedulers)
        {
            return; // no scheduler in this process: the sweep, or a test, runs the work
        }

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

    /// <summary>
    /// After (re)connecting: every upcoming Zoom class that waits for Zoom, or never had a meeting, is due now, and so is
    /// every meeting still waiting to be deleted.
    /// </summary>
    public async Task ResumeStudioAsync(Guid studioId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        List<Guid> due;
        await using (var db = contexts.CreateDbContext(studioId))
        {
            var classes = await db.ClassSessions
                .Where(c => c.Location.Kind == LocationKind.Zoom && c.Status == ClassStatus.Scheduled && c.StartsAt > now)
                .Select(c => c.Id)
                .ToListAsync(cancellationToken);
            var rows = await db.ClassMeetings.Where(m => classes.Contains(m.ClassSessionId)).ToDictionaryAsync(m => m.ClassSessionId, cancellationToken);
            foreach (var classId in classes)
            {
                if (!rows.TryGetValue(classId, out var row))
                {
                    db.ClassMeetings.Add(ClassMeeting.Want(studioId, classId, now));
                }
                else if (row.State is MeetingSyncState.WaitingReconnect or MeetingSyncState.LinkNeeded or MeetingSyncState.Retrying)
                {
                    row.MarkPending(now);
                }
            }

            // A class cancelled or moved off Zoom while Zoom was unreachable still has a meeting to delete.
            var leftovers = await db.ClassMeetings
                .Where(m => !classes.Contains(m.ClassSessionId)
                    && (m.State == MeetingSyncState.WaitingReconnect || m.State == MeetingSyncState.LinkNeeded || m.State == MeetingSyncState.Retrying))
                .ToListAsync(cancellationToken);
            foreach (var row in leftovers)
            {
                row.MarkPending(now);
            }

            await db.SaveChangesAsync(cancellationToken);
            due = [.. classes, .. leftovers.Select(m => m.ClassSessionId)];
        }

        await RequestAsync(due, cancellationToken);
    }
}
