using Junocal.Domain.Scheduling;
using Junocal.Web.Data;
using Junocal.Web.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Junocal.Web.Notifications;

/// <summary>
/// Owes each active booking its reminders once the class is within each reminder's reach. A booking made after
/// a reminder's moment does not get that reminder; the unique outbox key keeps a reminder to once per revision.
/// </summary>
public sealed class ReminderPlanner(SystemDbContextFactory contexts, IOptions<NotificationOptions> options, TimeProvider clock)
{
    /// <returns>How many reminders became owed.</returns>
    public async Task<int> OweDueRemindersAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var owed = 0;
        await using var db = contexts.CreateDbContext();
        // Each reminder owns the window up to the next, shorter one: a class booked late gets the nearer reminder only.
        var offsets = options.Value.Reminders.Where(m => m > 0).Distinct().OrderByDescending(m => m).ToList();
        for (var i = 0; i < offsets.Count; i++)
        {
            var minutes = offsets[i];
            var reach = now.AddMinutes(minutes);
            var after = i + 1 < offsets.Count ? now.AddMinutes(offsets[i + 1]) : now;
            var candidates = await db.Bookings
                .Where(b => b.Status == BookingStatus.Active)
                .Join(db.ClassSessions.Where(c => c.Status == ClassStatus.Scheduled && c.StartsAt > after && c.StartsAt <= reach),
                    b => b.ClassSessionId, c => c.Id,
                    (b, c) => new { BookingId = b.Id, b.StudioId, b.BookedAt, ClassId = c.Id, c.Revision, c.StartsAt })
                .Where(x => !db.OutboxEmails.Any(e => e.BookingId == x.BookingId && e.Kind == EmailKind.Reminder
                    && e.ClassRevision == x.Revision && e.ReminderMinutes == minutes))
                .ToListAsync(cancellationToken);

            foreach (var c in candidates.Where(c => c.BookedAt <= c.StartsAt.AddMinutes(-minutes)))
            {
                db.OutboxEmails.Add(OutboxEmail.Owe(c.StudioId, c.BookingId, c.ClassId, EmailKind.Reminder, c.Revision, now, minutes));
                owed++;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return owed;
    }
}
