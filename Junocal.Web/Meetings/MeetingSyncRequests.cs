using Junocal.Domain.Meetings;
using Junocal.Domain.Scheduling;
using Junocal.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Junocal.Web.Meetings;

/// <summary>
/// Asks for meeting work to run now, through the app's <see cref="IMeetingSyncTrigger"/>. If the request is lost (a
/// crash after the class was saved), the sweep finds the row still due.
/// </summary>
public sealed class MeetingSyncRequests(IMeetingSyncTrigger queue, SystemDbContextFactory contexts, TimeProvider clock)
{
    /// <summary>The studio has meeting work due now (saved already): run it soon, soonest class first.</summary>
    public Task RequestAsync(Guid studioId, CancellationToken cancellationToken) => queue.RunSoonAsync(studioId, cancellationToken);

    /// <summary>
    /// After (re)connecting <paramref name="provider"/>: every upcoming class of the provider that waits for it, or
    /// never had a meeting, is due now, and so is every meeting of it still waiting to be deleted. A class whose
    /// meeting was deleted at the provider stays as it is: only the owner's edit regenerates it.
    /// </summary>
    public async Task ResumeAsync(Guid studioId, LocationKind provider, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using (var db = contexts.CreateDbContext(studioId))
        {
            var sessions = await MeetingSync.UpcomingClasses(db, provider, now).ToListAsync(cancellationToken);
            var classes = sessions.Select(c => c.Id).ToList();
            var rows = await db.ClassMeetings.Where(m => classes.Contains(m.ClassSessionId)).ToDictionaryAsync(m => m.ClassSessionId, cancellationToken);
            foreach (var session in sessions)
            {
                if (!rows.TryGetValue(session.Id, out var row))
                {
                    if (!session.MeetingDeletedAtProvider)
                    {
                        db.ClassMeetings.Add(ClassMeeting.Want(session, now));
                    }
                }
                else if (row.WaitsForItsProvider)
                {
                    row.MarkPending(now);
                }
            }

            // A class cancelled or moved off the provider while it was unreachable still has a meeting to delete.
            var leftovers = await db.ClassMeetings
                .Where(m => m.Provider == provider && !classes.Contains(m.ClassSessionId))
                .Where(ClassMeeting.WaitsForProvider)
                .ToListAsync(cancellationToken);
            foreach (var row in leftovers)
            {
                row.MarkPending(now);
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        await RequestAsync(studioId, cancellationToken);
    }
}
