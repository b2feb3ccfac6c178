using Junocal.Domain.Meetings;
using Junocal.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Junocal.Web.Meetings;

/// <summary>
/// Runs every meeting whose work is due: retries whose time came, classes whose quota day came, and anything a lost
/// request left pending; each studio's through its drain, soonest class first (<see cref="MeetingWork"/>).
/// </summary>
public sealed class MeetingSweep(SystemDbContextFactory contexts, MeetingWork work, TimeProvider clock)
{
    private const int StudiosAtOnce = 4;

    /// <returns>How many classes were synced.</returns>
    public async Task<int> RunDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        List<Guid> studios;
        await using (var db = contexts.CreateDbContext())
        {
            studios = await db.ClassMeetings.Where(ClassMeeting.IsDue(now)).Select(m => m.StudioId).Distinct().ToListAsync(cancellationToken);
        }

        var synced = 0;
        await Parallel.ForEachAsync(studios, new ParallelOptions { MaxDegreeOfParallelism = StudiosAtOnce, CancellationToken = cancellationToken },
            async (studioId, ct) => Interlocked.Add(ref synced, await work.DrainAsync(studioId, ct)));
        return synced;
    }
}
