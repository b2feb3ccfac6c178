using Junocal.Domain.Auditing;
using Junocal.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Junocal.Web.Meetings;

/// <summary>
/// Brings one class's actual meeting in line with the meeting it should have, doing exactly one of create, update,
/// delete or nothing (DESIGN.md §3). Level-triggered and idempotent: running it twice does no more than once.
/// Retries belong here, not to the HTTP layer, because only this code knows what already happened at the provider.
/// </summary>
public sealed partial class MeetingSync(
    SystemDbContextFactory contexts,
    IMeetingProviderClient provider,
    TimeProvider clock,
    ILogger<MeetingSync> logger)
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(30);

    /// <returns>The state the class's meeting is left in, or null when it has none.</returns>
    public async Task<MeetingSyncState?> SyncAsync(Guid classId, CancellationToken cancellationToken)
    {
        Guid studioId;
        await using (var probe = contexts.CreateDbContext())
        {
            studioId = await probe.ClassSessions.Where(c => c.Id == classId).Select(c => c.StudioId).SingleOrDefaultAsync(cancellationToken);
        }

        if (studioId == Guid.Empty)
        {
            return null;
        }

        await using var db = contexts.CreateDbContext(studioId);
        var row = await db.ClassMeetings.SingleOrDefaultAsync(m => m.ClassSessionId == classId, cancellationToken);
        if (row is null)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        row.Claim(now + Lease);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return null; // another worker has it, or the class just changed and is due again
        }

        var session = await db.ClassSessions.SingleAsync(c => c.Id == classId, cancellationToken);
        var desired = DesiredMeeting.For(session, await db.StudioTimeZoneAsync(cancellationToken));
        try
        {
            return desired is null
                ? await RemoveAsync(db, row, cancellationToken)
                : await ConvergeAsync(db, row, desired, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return null; // the class changed while its provider call was in flight; the change made it due again
        }
    }

    private async Task<MeetingSyncState?> RemoveAsync(JunocalDbContext db, ClassMeeting row, CancellationToken cancellationToken)
    {
        if (row.ExternalId is { } externalId)
        {
            var deleted = await provider.DeleteAsync(row.StudioId, externalId, cancellationToken);
            if (deleted.Outcome is not (MeetingCallOutcome.Succeeded or MeetingCallOutcome.NotFound))
            {
                return await FailedAsync(db, row, deleted, cancellationToken);
            }

            Audit(db, row, "meeting.deleted", "Deleted the class's Zoom meeting.");
        }

        db.ClassMeetings.Remove(row);
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    private async Task<MeetingSyncState?> ConvergeAsync(JunocalDbContext db, ClassMeeting row, DesiredMeeting desired, CancellationToken cancellationToken)
    {
        if (row.ExternalId is { } externalId && row.SentFingerprint != desired.Fingerprint)
        {
            var updated = await provider.UpdateAsync(row.StudioId, externalId, desired, cancellationToken);
            if (updated.Outcome == MeetingCallOutcome.NotFound)
            {
                // Deleted in Zoom meanwhile: a reschedule regenerates with a new meeting and link.
                row.Forget();
                Audit(db, row, "meeting.recreated", "The Zoom meeting had been deleted in Zoom; creating a new one.");
            }
            else if (updated.Outcome != MeetingCallOutcome.Succeeded)
            {
                return await FailedAsync(db, row, updated, cancellationToken);
            }
            else
            {
                row.Settled(desired.Fingerprint);
                Audit(db, row, "meeting.updated", $"Updated the Zoom meeting to \"{desired.Topic}\" at {desired.LocalStart:ddd d MMM HH:mm} ({desired.TimeZoneId}).");
                await db.SaveChangesAsync(cancellationToken);
                return row.State;
            }
        }

        if (row.ExternalId is not null)
        {
            row.Settled(desired.Fingerprint);
            await db.SaveChangesAsync(cancellationToken);
            return row.State;
        }

        var created = await provider.CreateAsync(row.StudioId, desired, cancellationToken);
        if (created.Created is not { } meeting)
        {
            return await FailedAsync(db, row, created, cancellationToken);
        }

        row.Linked(meeting, desired.Fingerprint);
        Audit(db, row, "meeting.created", $"Created the Zoom meeting for \"{desired.Topic}\".");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The meeting exists but is recorded nowhere: delete it, or the retry would leave a duplicate behind.
            await provider.DeleteAsync(row.StudioId, meeting.ExternalId, CancellationToken.None);
            LogCompensated(logger, row.ClassSessionId);
            throw;
        }

        return row.State;
    }

    private async Task<MeetingSyncState?> FailedAsync(JunocalDbContext db, ClassMeeting row, MeetingCallResult result, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        switch (result.Outcome)
        {
            case MeetingCallOutcome.NotConnected:
                row.Defer(MeetingSyncState.LinkNeeded, null, "Zoom is not connected.");
                break;
            case MeetingCallOutcome.ReconnectRequired:
                row.Defer(MeetingSyncState.WaitingReconnect, null, "Zoom needs to be reconnected in Settings → Integrations.");
                break;
            case MeetingCallOutcome.DailyLimit:
                row.Defer(MeetingSyncState.DailyLimit, result.RetryAt ?? NextUtcMidnight(now),
                    "Zoom's daily limit of meeting changes is reached; Junocal retries after 00:00 UTC.");
                break;
            case MeetingCallOutcome.Rejected:
                row.Defer(MeetingSyncState.Failed, null, result.Reason ?? "Zoom refused the meeting.");
                Audit(db, row, "meeting.failed", $"Zoom refused the meeting: {result.Reason}. Edit the class or switch it to a custom link.");
                break;
            default:
                var backoff = Backoff(row.Attempts + 1);
                var at = result.RetryAt is { } retryAt && retryAt > now ? retryAt : now + backoff;
                row.Retry(at, result.Reason ?? "Zoom did not answer.");
                break;
        }

        await db.SaveChangesAsync(cancellationToken);
        LogDeferred(logger, row.ClassSessionId, row.State, result.Outcome);
        return row.State;
    }

    private void Audit(JunocalDbContext db, ClassMeeting row, string action, string details) =>
        db.AuditEntries.Add(AuditEntry.Record(row.StudioId, clock.GetUtcNow(), "Zoom", action, details, row.ClassSessionId));

    /// <summary>Exponential with jitter: 2 s, 4 s, 8 s … capped at 30 minutes.</summary>
    public static TimeSpan Backoff(int attempt)
    {
        var seconds = Math.Min(MaxBackoff.TotalSeconds, Math.Pow(2, Math.Min(attempt, 20)));
        return TimeSpan.FromSeconds(seconds * (0.8 + (Random.Shared.NextDouble() * 0.4)));
    }

    public static DateTimeOffset NextUtcMidnight(DateTimeOffset now) => new(now.UtcDateTime.Date.AddDays(1), TimeSpan.Zero);

    [LoggerMessage(EventId = 6001, Level = LogLevel.Warning, Message = "Meeting of class {ClassId} left {State} after {Outcome}")]
    private static partial void LogDeferred(ILogger logger, Guid classId, MeetingSyncState state, MeetingCallOutcome outcome);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Warning, Message = "Deleted the just-created meeting of class {ClassId}: recording it failed")]
    private static partial void LogCompensated(ILogger logger, Guid classId);
}
