using Junocal.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Junocal.Web.Meetings;

/// <summary>Runs every meeting whose work is due: retries whose time came, and anything a lost request left pending.</summary>
public sealed class MeetingSweep(SystemDbContextFactory contexts, MeetingSync sync, TimeProvider clock)
{
    private const int BatchSize = 200;

    /// <returns>How many classes were synced.</returns>
    public async Task<int> RunDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        List<Guid> due;
        await using (var db = contexts.CreateDbContext())
        {
            due = await db.ClassMeetings
                .Where(m => (m.State == MeetingSyncState.Pending || m.State == MeetingSyncState.Retrying || m.State == MeetingSyncState.DailyLimit)
                    && (m.NextAttemptAt == null || m.NextAttemptAt <= now))
                .OrderBy(m => m.NextAttemptAt)
                .Select(m => m.ClassSessionId)
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
        }

        foreach (var classId in due)
        {
            await sync.SyncAsync(classId, cancellationToken);
        }

        return due.Count;
    }
}
