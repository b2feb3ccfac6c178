using Junocal.Domain;
using Junocal.Domain.Auditing;
using Junocal.Domain.People;
using Junocal.Domain.Scheduling;
using Junocal.Domain.Studios;
using Junocal.Web.Components.Shared;
using Junocal.Web.Data;
using Junocal.Web.Email;
using Junocal.Web.Notifications;
using Junocal.Web.Meetings;
using Junocal.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Junocal.Web.Features.Scheduling;

/// <summary>
/// The owner's commands on the timetable: schedule (optionally weekly), edit, reschedule and cancel.
/// Every command checks the caller is the owner, validates every field, and refuses to overwrite a class
/// someone else changed meanwhile.
/// </summary>
public sealed class ClassScheduler(
    IDbContextFactory<JunocalDbContext> contexts,
    CurrentUser user,
    IMeetingProviders meetingProviders,
    MeetingSyncRequests meetingSync,
    TimeProvider clock)
{
    public const int MaxWeeklyOccurrences = 52;

    public async Task<CommandResult> ScheduleAsync(ClassForm form, CancellationToken cancellationToken)
    {
        user.Require(Roles.Owner);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var zone = await db.StudioTimeZoneAsync(cancellationToken);
        var errors = new FieldErrors();

        var fields = await ValidateAsync(db, form, existing: null, zone, errors, cancellationToken);
        var starts = fields is null ? [] : Occurrences(form, fields.Value.StartsAt, zone, errors);
        if (fields is not { } valid || errors.Any)
        {
            return CommandResult.Invalid(errors.ToDictionary());
        }

        var classes = starts
            .Select(start => ClassSession.Schedule(user.StudioId, valid.Name, valid.InstructorId, start, valid.Duration, valid.Capacity, valid.Location))
            .ToList();
        db.ClassSessions.AddRange(classes);
        foreach (var session in classes)
        {
            db.AuditEntries.Add(Audit(session, "class.scheduled", $"Scheduled {Describe(session, zone)}."));
        }

        var withMeetings = classes.Where(c => c.Location.Kind == LocationKind.Zoom).Select(c => c.Id).ToList();
        db.ClassMeetings.AddRange(withMeetings.Select(id => ClassMeeting.Want(user.StudioId, id, clock.GetUtcNow())));
        await db.SaveChangesAsync(cancellationToken);
        await meetingSync.RequestAsync(withMeetings, cancellationToken);
        return CommandResult.Done([.. classes.Select(c => c.Id)]);
    }

    public async Task<CommandResult> UpdateAsync(Guid classId, int expectedVersion, ClassForm form, CancellationToken cancellationToken)
    {
        user.Require(Roles.Owner);
        return await RetriedOverBookingsAsync(() => TryUpdateAsync(classId, expectedVersion, form, cancellationToken));
    }

    private async Task<CommandResult?> TryUpdateAsync(Guid classId, int expectedVersion, ClassForm form, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var (session, refusal) = await LoadForChangeAsync(db, classId, expectedVersion, cancellationToken);
        if (session is null)
        {
            return refusal!;
        }

        if (session.IsCancelled)
        {
            return CommandResult.Refused("This class was cancelled and cannot be changed.");
        }

        var zone = await db.StudioTimeZoneAsync(cancellationToken);
        var errors = new FieldErrors();
        if (await ValidateAsync(db, form, session, zone, errors, cancellationToken) is not { } valid || errors.Any)
        {
            return CommandResult.Invalid(errors.ToDictionary());
        }

        var (previousStart, previousDuration, previousLocation) = (session.StartsAt, session.DurationMinutes, session.Location);
        var changes = new List<string>();
        if (valid.Name != session.Name)
        {
            changes.Add($"renamed from \"{session.Name}\"");
            session.Rename(valid.Name);
        }

        if (valid.StartsAt != session.StartsAt || valid.Duration != session.DurationMinutes)
        {
            changes.Add($"moved from {StudioTime.DateTime(zone.ToLocal(session.StartsAt))} ({session.DurationMinutes} min)");
            session.Reschedule(valid.StartsAt, valid.Duration);
        }

        if (valid.Capacity != session.Capacity)
        {
            changes.Add($"capacity {session.Capacity} → {valid.Capacity}");
            session.ChangeCapacity(valid.Capacity);
        }

        if (valid.InstructorId != session.InstructorId)
        {
            changes.Add("instructor changed");
            session.AssignInstructor(valid.InstructorId);
        }

        if (!valid.Location.Equals(session.Location))
        {
            changes.Add($"location changed from {session.Location.Describe()}");
            session.MoveTo(valid.Location);
        }

        if (changes.Count == 0)
        {
            return CommandResult.Done(session.Id);
        }

        if (valid.StartsAt != previousStart || valid.Duration != previousDuration || !valid.Location.Equals(previousLocation))
        {
            db.OutboxEmails.AddRange(ClassEmailsOwed.ToEveryBooking(session, EmailKind.ClassRescheduled, clock.GetUtcNow()));
        }

        var meetingDue = await MarkMeetingDueAsync(db, session, previousLocation.Kind == LocationKind.Zoom, cancellationToken);

        db.AuditEntries.Add(Audit(session, "class.updated", $"Updated {Describe(session, zone)}: {string.Join("; ", changes)}."));
        return await SaveAndSyncAsync(db, session.Id, meetingDue, cancellationToken);
    }

    public async Task<CommandResult> CancelAsync(Guid classId, int expectedVersion, string? reason, CancellationToken cancellationToken)
    {
        user.Require(Roles.Owner);
        return await RetriedOverBookingsAsync(() => TryCancelAsync(classId, expectedVersion, reason, cancellationToken));
    }

    private async Task<CommandResult?> TryCancelAsync(Guid classId, int expectedVersion, string? reason, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var (session, refusal) = await LoadForChangeAsync(db, classId, expectedVersion, cancellationToken);
        if (session is null)
        {
            return refusal!;
        }

        try
        {
            session.Cancel(reason, clock.GetUtcNow());
        }
        catch (DomainException refused)
        {
            return CommandResult.Refused(refused.Message);
        }

        var zone = await db.StudioTimeZoneAsync(cancellationToken);
        var why = session.CancellationReason is { } r ? $" Reason: {r}" : "";
        db.AuditEntries.Add(Audit(session, "class.cancelled", $"Cancelled {Describe(session, zone)}.{why}"));
        db.OutboxEmails.AddRange(ClassEmailsOwed.ToEveryBooking(session, EmailKind.ClassCancelled, clock.GetUtcNow()));
        var meetingDue = await MarkMeetingDueAsync(db, session, session.Location.Kind == LocationKind.Zoom, cancellationToken);
        return await SaveAndSyncAsync(db, session.Id, meetingDue, cancellationToken);
    }

    private async Task<ValidClass?> ValidateAsync(JunocalDbContext db, ClassForm form, ClassSession? existing, StudioTimeZone zone,
        FieldErrors errors, CancellationToken cancellationToken)
    {
        var name = errors.Check(nameof(ClassForm.Name), () => ClassSession.ValidName(form.Name));
        var duration = errors.Check(nameof(ClassForm.DurationMinutes), () => ClassSession.ValidDuration(form.DurationMinutes));
        var capacity = errors.Check(nameof(ClassForm.Capacity), () => ClassSession.ValidCapacity(form.Capacity, existing?.BookedCount ?? 0));
        var location = errors.Check(LocationField(form.LocationKind), form.ToLocation);

        if (form.InstructorId is not { } instructorId
            || !await db.StaffMembers.AnyAsync(s => s.Id == instructorId && s.Role == Roles.Instructor, cancellationToken))
        {
            errors.Add(nameof(ClassForm.InstructorId), "Choose an instructor.");
        }

        DateTimeOffset startsAt = default;
        if (form.Date is not { } date)
        {
            errors.Add(nameof(ClassForm.Date), "Choose a date.");
        }
        else if (form.StartTime is not { } time)
        {
            errors.Add(nameof(ClassForm.StartTime), "Choose a start time.");
        }
        else
        {
            startsAt = errors.Check(nameof(ClassForm.StartTime), () => zone.ToUtc(date.Date + time));
            var moved = existing is null || startsAt != existing.StartsAt;
            if (!errors.Has(nameof(ClassForm.StartTime)) && moved && startsAt <= clock.GetUtcNow())
            {
                errors.Add(nameof(ClassForm.StartTime), "Pick a start time in the future.");
            }
        }

        if (location is { IsAutoGenerated: true } && existing?.Location.Kind != location.Kind)
        {
            var provider = (await meetingProviders.GetStatusAsync(cancellationToken)).FirstOrDefault(p => p.Kind == location.Kind);
            if (provider is not { IsConnected: true })
            {
                errors.Add(nameof(ClassForm.LocationKind), provider?.WhyNot ?? "This meeting provider is not available.");
            }
        }

        return errors.Any ? null : new ValidClass(name!, form.InstructorId!.Value, startsAt, duration, capacity, location!);
    }

    private static List<DateTimeOffset> Occurrences(ClassForm form, DateTimeOffset first, StudioTimeZone zone, FieldErrors errors)
    {
        if (form.RepeatWeeklyUntil is not { } until)
        {
            return [first];
        }

        var firstLocal = form.Date!.Value.Date + form.StartTime!.Value;
        if (until.Date < firstLocal.Date)
        {
            errors.Add(nameof(ClassForm.RepeatWeeklyUntil), "The last date must be on or after the first class.");
            return [];
        }

        var weeks = (until.Date - firstLocal.Date).Days / 7 + 1;
        if (weeks > MaxWeeklyOccurrences)
        {
            errors.Add(nameof(ClassForm.RepeatWeeklyUntil), $"A weekly class can repeat at most {MaxWeeklyOccurrences} times; pick an earlier last date.");
            return [];
        }

        // Each week keeps the same wall-clock time, so a class stays at 07:30 across a daylight-saving change.
        var starts = new List<DateTimeOffset>();
        for (var week = 0; week < weeks; week++)
        {
            starts.Add(errors.Check(nameof(ClassForm.RepeatWeeklyUntil), () => zone.ToUtc(firstLocal.AddDays(7 * week))));
        }

        return starts;
    }

    /// <summary>The class with its bookings, unless it is gone or has changed since the caller read it.</summary>
    private static async Task<(ClassSession? Session, CommandResult? Refusal)> LoadForChangeAsync(JunocalDbContext db, Guid classId,
        int expectedVersion, CancellationToken cancellationToken)
    {
        var session = await db.ClassSessions.Include(c => c.Bookings).SingleOrDefaultAsync(c => c.Id == classId, cancellationToken);
        return session is null ? (null, CommandResult.Refused("This class no longer exists."))
            : session.Version != expectedVersion ? (null, CommandResult.Conflict)
            : (session, null);
    }

    /// <summary>
    /// Marks the class's meeting work due in the same transaction as the change, so the change and the promise to
    /// carry it to Zoom commit together.
    /// </summary>
    private async Task<bool> MarkMeetingDueAsync(JunocalDbContext db, ClassSession session, bool wasZoom, CancellationToken cancellationToken)
    {
        var row = await db.ClassMeetings.SingleOrDefaultAsync(m => m.ClassSessionId == session.Id, cancellationToken);
        if (row is not null)
        {
            row.MarkPending(clock.GetUtcNow());
            return true;
        }

        if (session.Location.Kind == LocationKind.Zoom && !session.IsCancelled)
        {
            db.ClassMeetings.Add(ClassMeeting.Want(session.StudioId, session.Id, clock.GetUtcNow()));
            return true;
        }

        return wasZoom;
    }

    /// <summary>
    /// Runs an owner's change again when its save lost a race. A booking or cancellation that committed meanwhile
    /// changes only the row's version, so the fresh read still matches the owner's and the change applies to it
    /// (a capacity cut then sees the new booking); an edit by someone else changes the class's version and is refused.
    /// </summary>
    private static async Task<CommandResult> RetriedOverBookingsAsync(Func<Task<CommandResult?>> attempt)
    {
        for (var tries = 0; tries < 5; tries++)
        {
            if (await attempt() is { } result)
            {
                return result;
            }
        }

        return CommandResult.Conflict;
    }

    /// <returns>Null when another writer saved the class first, so the caller reads it again.</returns>
    private async Task<CommandResult?> SaveAndSyncAsync(JunocalDbContext db, Guid classId, bool meetingDue, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return null;
        }

        if (meetingDue)
        {
            await meetingSync.RequestAsync([classId], cancellationToken);
        }

        return CommandResult.Done(classId);
    }

    private AuditEntry Audit(ClassSession session, string action, string details) =>
        AuditEntry.Record(session.StudioId, clock.GetUtcNow(), user.Email, action, details, session.Id);

    private static string Describe(ClassSession session, StudioTimeZone zone) =>
        $"\"{session.Name}\" on {StudioTime.DateTime(zone.ToLocal(session.StartsAt))}";

    private static string LocationField(LocationKind kind) => kind switch
    {
        LocationKind.InPerson => nameof(ClassForm.Room),
        LocationKind.CustomLink => nameof(ClassForm.CustomUrl),
        _ => nameof(ClassForm.LocationKind),
    };

    private readonly record struct ValidClass(string Name, Guid InstructorId, DateTimeOffset StartsAt, int Duration, int Capacity, Location Location);
}
