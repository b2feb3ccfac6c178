using Junocal.Domain.Meetings;
using Junocal.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Junocal.Web.Meetings;

/// <summary>Runs every meeting whose work is due: retries whose time came, and anything a lost request left pending.</summary>
public sealed partial class MeetingSweep(SystemDbContextFactory contexts, MeetingSync sync, TimeProvider clock, ILogger<MeetingSweep> logger)
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
                .Where(ClassMeeting.IsDue(now))
                .OrderBy(m => m.NextAttemptAt)
                .Select(m => m.ClassSessionId)
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
        }

        foreach (var classId in due)
        {
            try
            {
                await sync.SyncAsync(classId, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One class's failure (e.g. its write-back) must not starve the rest; its row is due again after the lease.
                LogSyncFailed(logger, ex, classId);
            }
        }

        return due.Count;
    }

    [LoggerMessage(EventId = LogEvents.Meetings.SyncFailed, Level = LogLevel.Error, Message = "Syncing the meeting of class {ClassId} failed; it is retried after its lease")]
    private static partial void LogSyncFailed(ILogger logger, Exception exception, Guid classId);
}
