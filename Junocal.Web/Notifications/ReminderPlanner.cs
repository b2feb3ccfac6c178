using Junocal.Domain.Scheduling;
using Junocal.Domain.Studios;
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
        // A studio may set its own reminder times; the others use the deployment's. One pass per distinct set of times.
        var studios = await db.Studios.Select(s => new { s.Id, s.ReminderMinutesBefore }).ToListAsync(cancellationToken);
        foreach (var group in studios.GroupBy(s => s.ReminderMinutesBefore ?? ""))
        {
            owed += await OweAsync(db, [.. group.Select(s => s.Id)], RemindersFor(group.Key), now, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        return owed;
    }

    /// <summary>When a studio's reminders go out: its own times, or the deployment's when it set none.</summary>
    public IReadOnlyList<int> RemindersFor(string? studioReminderMinutes) =>
        Studio.ReadReminders(studioReminderMinutes) is { Count: > 0 } own ? own : options.Value.Reminders;

    /// <summary>
    /// After a studio changes its reminder times (on <paramref name="studioDb"/>, scoped to that studio): reminders owed
    /// at times it no longer uses and not sent yet are dropped; the next planning pass owes the new times.
    /// </summary>
    public static async Task<int> DropUnsentRemindersNotAtAsync(JunocalDbContext studioDb, IReadOnlyList<int> reminders, CancellationToken cancellationToken)
    {
        var dropped = await studioDb.OutboxEmails
            .Where(e => e.Kind == EmailKind.Reminder && e.Status == OutboxStatus.Pending && !reminders.Contains(e.ReminderMinutes))
            .ToListAsync(cancellationToken);
        foreach (var email in dropped)
        {
            email.MarkSkipped("The studio changed its reminder times.");
        }

        return dropped.Count;
    }

    private static async Task<int> OweAsync(JunocalDbContext db, List<Guid> studioIds, IEnumerable<int> reminders, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var owed = 0;
        // Each reminder owns the window up to the next, shorter one: a class booked late gets the nearer reminder only.
        var offsets = reminders.Where(m => m > 0).Distinct().OrderByDescending(m => m).ToList();
        for (var i = 0; i < offsets.Count; i++)
        {
            var minutes = offsets[i];
            var reach = now.AddMinutes(minutes);
            var after = i + 1 < offsets.Count ? now.AddMinutes(offsets[i + 1]) : now;
            var candidates = await db.Bookings
                .Where(b => b.Status == BookingStatus.Active && studioIds.Contains(b.StudioId))
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

        return owed;
    }
}
