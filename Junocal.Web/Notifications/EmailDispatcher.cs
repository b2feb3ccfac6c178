using Junocal.Domain.Auditing;
using Junocal.Domain.Scheduling;
using Junocal.Web.Data;
using Junocal.Web.Email;
using Microsoft.EntityFrameworkCore;

namespace Junocal.Web.Notifications;

/// <summary>
/// Sends the emails the outbox owes, rendered from the data current at send time, so a link removed before
/// sending is never sent. A transient failure is retried with backoff; a permanent one, or too many attempts,
/// stops and leaves an audit entry the owner sees.
/// </summary>
public sealed partial class EmailDispatcher(
    SystemDbContextFactory contexts,
    EmailSender sender,
    TimeProvider clock,
    ILogger<EmailDispatcher> logger)
{
    public const int MaxAttempts = EmailRetry.MaxAttempts;
    private const int BatchSize = 50;

    /// <returns>How many emails were sent.</returns>
    public async Task<int> DispatchDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        List<Guid> due;
        await using (var db = contexts.CreateDbContext())
        {
            due = await db.OutboxEmails
                .Where(e => e.Status == OutboxStatus.Pending && e.NextAttemptAt <= now)
                .OrderBy(e => e.NextAttemptAt)
                .Select(e => e.Id)
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
        }

        var sent = 0;
        foreach (var id in due)
        {
            sent += await DispatchAsync(id, cancellationToken) ? 1 : 0;
        }

        return sent;
    }

    private async Task<bool> DispatchAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        var now = clock.GetUtcNow();
        var owed = await db.OutboxEmails.SingleAsync(e => e.Id == id, cancellationToken);
        if (owed.Status != OutboxStatus.Pending || owed.NextAttemptAt > now)
        {
            return false;
        }

        owed.Claim(now, EmailRetry.Lease);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return false; // another dispatcher claimed it first
        }

        var (email, skip) = await RenderAsync(db, owed, now, cancellationToken);
        if (email is null)
        {
            owed.MarkSkipped(skip!);
            await db.SaveChangesAsync(cancellationToken);
            return false;
        }

        var result = await sender.SendAsync(email, owed.DedupeKey, cancellationToken);
        now = clock.GetUtcNow();
        switch (result.Outcome)
        {
            case EmailSendOutcome.Sent:
                owed.MarkSent(now);
                break;
            case EmailSendOutcome.TransientFailure when owed.Attempts < MaxAttempts:
                owed.RetryAt(now + EmailRetry.Backoff(owed.Attempts), result.Reason ?? "temporary failure");
                LogRetry(logger, owed.Kind, owed.ClassSessionId, owed.Attempts, result.Reason);
                break;
            default:
                var reason = result.Reason ?? "the mail server refused it";
                owed.MarkFailed(reason);
                db.AuditEntries.Add(AuditEntry.Record(owed.StudioId, now, "Junocal", AuditActions.EmailFailed,
                    $"Could not send the {Describe(owed.Kind)} email for \"{email.ClassName}\" to {email.ClientEmail} after {owed.Attempts} attempt(s): {reason}",
                    owed.ClassSessionId));
                LogGaveUp(logger, owed.Kind, owed.ClassSessionId, owed.Attempts);
                break;
        }

        await db.SaveChangesAsync(cancellationToken);
        return result.IsSent;
    }

    private static async Task<(ClassEmail? Email, string? Skip)> RenderAsync(JunocalDbContext db, OutboxEmail owed, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var booking = await db.Bookings.SingleOrDefaultAsync(b => b.Id == owed.BookingId, cancellationToken);
        var session = await db.ClassSessions.SingleOrDefaultAsync(c => c.Id == owed.ClassSessionId, cancellationToken);
        if (booking is null || session is null)
        {
            return (null, "The booking or class no longer exists.");
        }

        if (!booking.IsActive)
        {
            return (null, "The client cancelled the booking.");
        }

        if (session.IsCancelled && owed.Kind != EmailKind.ClassCancelled)
        {
            return (null, "The class was cancelled.");
        }

        if (owed.Kind is EmailKind.Reminder or EmailKind.ClassRescheduled && owed.ClassRevision != session.Revision)
        {
            return (null, "The class changed again; a newer email is owed instead.");
        }

        if (owed.Kind == EmailKind.Reminder && session.StartsAt <= now)
        {
            return (null, "The class had already started.");
        }

        return (await ComposeAsync(db, owed.Kind, booking, session, cancellationToken), null);
    }

    /// <summary>
    /// What an email of this kind about this booking says now. The booking's calendar download is this same content,
    /// so a client's calendar and inbox always agree on the time and the link.
    /// </summary>
    public static async Task<ClassEmail> ComposeAsync(JunocalDbContext db, EmailKind kind, Booking booking, ClassSession session,
        CancellationToken cancellationToken)
    {
        var studio = await db.Studios.SingleAsync(s => s.Id == session.StudioId, cancellationToken);
        var client = await db.Clients.SingleAsync(c => c.Id == booking.ClientId, cancellationToken);
        var row = await db.ClassSessions.Where(c => c.Id == session.Id).ToRows(db).SingleAsync(cancellationToken);
        var joinUrl = row.Link?.Url;
        // A class whose generated link is not ready: say the link follows (the reminder carries it).
        var locationText = session.Location.IsAutoGenerated && joinUrl is null
            ? $"{Location.ProviderName(session.Location.Kind)} — your join link will follow by email before class"
            : session.Location.DescribeForClient();
        return new ClassEmail(kind, studio.Name, studio.TimeZoneId, client.Name, client.Email, session.Id, session.Revision,
            session.Name, row.Instructor, session.StartsAt, session.DurationMinutes, locationText, joinUrl,
            session.CancellationReason, StudioContactEmail: studio.ContactEmail);
    }

    private static string Describe(EmailKind kind) => kind switch
    {
        EmailKind.BookingConfirmed => "booking confirmation",
        EmailKind.Reminder => "reminder",
        EmailKind.ClassRescheduled => "class changed",
        EmailKind.ClassCancelled => "class cancelled",
        _ => kind.ToString(),
    };

    [LoggerMessage(EventId = LogEvents.Notifications.EmailRetry, Level = LogLevel.Warning,
        Message = "Email {Kind} for class {ClassId} failed (attempt {Attempts}); will retry: {Reason}")]
    private static partial void LogRetry(ILogger logger, EmailKind kind, Guid classId, int attempts, string? reason);

    [LoggerMessage(EventId = LogEvents.Notifications.EmailGaveUp, Level = LogLevel.Error,
        Message = "Email {Kind} for class {ClassId} given up after {Attempts} attempt(s); recorded in the audit log")]
    private static partial void LogGaveUp(ILogger logger, EmailKind kind, Guid classId, int attempts);
}
