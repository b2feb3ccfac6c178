using System.Data.Common;
using Junocal.Domain;
using Junocal.Domain.Auditing;
using Junocal.Domain.Meetings;
using Junocal.Domain.Scheduling;
using Junocal.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Junocal.Web.Meetings;

/// <summary>
/// Brings one class's actual meeting in line with the meeting it should have, doing exactly one of create, update,
/// delete or nothing at each provider (docs/architecture.md, "The meeting sync"). Level-triggered and idempotent:
/// running it twice does no more than once. Retries belong here, not to the HTTP layer, because only this code
/// knows what already happened at the provider. It also owns the provider-neutral rules for what a provider tells
/// Junocal: a meeting deleted there, and a provider disconnected.
/// </summary>
public sealed partial class MeetingSync(
    SystemDbContextFactory contexts,
    MeetingProviders providers,
    MeetingChanges changes,
    MeetingQuotaPlan quota,
    TimeProvider clock,
    ILogger<MeetingSync> logger)
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan MaxRetry = TimeSpan.FromMinutes(30);

    /// <returns>The state the class's meeting is left in, or null when it has none.</returns>
    public Task<MeetingSyncState?> SyncAsync(Guid classId, CancellationToken cancellationToken) => SyncAsync(classId, onlyIfDue: false, cancellationToken);

    /// <summary>
    /// The sync of a class the caller read as due (<see cref="MeetingWork"/>). When the row is no longer due, another
    /// worker — another instance's drain that read it at the same moment — has claimed it since, and may be in the middle
    /// of its create: this one leaves the row alone. Claiming it anyway would take the other's create note for a call
    /// that was never answered (a false notice to the owner) and make a second meeting that the other then deletes.
    /// </summary>
    /// <returns>The state the class's meeting is left in; null when it has none or another worker has it.</returns>
    public Task<MeetingSyncState?> SyncDueAsync(Guid classId, CancellationToken cancellationToken) => SyncAsync(classId, onlyIfDue: true, cancellationToken);

    private async Task<MeetingSyncState?> SyncAsync(Guid classId, bool onlyIfDue, CancellationToken cancellationToken)
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
        if (onlyIfDue && !row.IsDueAt(now))
        {
            LogClaimedElsewhere(logger, classId);
            return null;
        }

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
            await SurfaceUncertainCreatesAsync(db, row, cancellationToken);
            var state = await SyncRowAsync(db, row, desired, cancellationToken);
            changes.Changed(studioId, classId);
            return state;
        }
        catch (DbUpdateConcurrencyException)
        {
            return null; // the class changed while its provider call was in flight; the change made it due again
        }
    }

    private async Task<MeetingSyncState?> SyncRowAsync(JunocalDbContext db, ClassMeeting row, DesiredMeeting? desired, CancellationToken cancellationToken)
    {
        if (desired is null)
        {
            return await RemoveAsync(db, row, cancellationToken);
        }

        if (row.Provider != desired.Provider)
        {
            // Moved from one provider to another: the old meeting goes first, at the provider that holds it.
            if (row.HasMeeting && await DeleteAtProviderAsync(db, row, cancellationToken) is { } failure)
            {
                return await FailedAsync(db, row, failure, cancellationToken);
            }

            row.SwitchTo(desired.Provider);
        }

        return await ConvergeAsync(db, row, desired, cancellationToken);
    }

    private async Task<MeetingSyncState?> RemoveAsync(JunocalDbContext db, ClassMeeting row, CancellationToken cancellationToken)
    {
        if (row.HasMeeting && await DeleteAtProviderAsync(db, row, cancellationToken) is { } failure)
        {
            return await FailedAsync(db, row, failure, cancellationToken);
        }

        db.ClassMeetings.Remove(row);
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    /// <returns>Null when the meeting is gone at its provider (deleted now, or already); otherwise why not.</returns>
    private async Task<MeetingCallResult?> DeleteAtProviderAsync(JunocalDbContext db, ClassMeeting row, CancellationToken cancellationToken)
    {
        var provider = providers.Find(row.Provider);
        var deleted = provider is null
            ? new MeetingCallResult(MeetingCallOutcome.NotConnected)
            : await provider.DeleteAsync(row.StudioId, row.ExternalId!, cancellationToken);
        if (deleted.Outcome is not (MeetingCallOutcome.Succeeded or MeetingCallOutcome.NotFound))
        {
            return deleted;
        }

        Audit(db, row, AuditActions.MeetingDeleted, $"Deleted the class's {NameOf(row.Provider)} meeting.");
        row.Forget();
        return null;
    }

    private async Task<MeetingSyncState?> ConvergeAsync(JunocalDbContext db, ClassMeeting row, DesiredMeeting desired, CancellationToken cancellationToken)
    {
        var name = NameOf(desired.Provider);
        if (providers.Find(desired.Provider) is not { } provider)
        {
            return await FailedAsync(db, row, new MeetingCallResult(MeetingCallOutcome.NotConnected), cancellationToken);
        }

        if (row.ExternalId is { } madeId && row.JoinUrl is null)
        {
            // Made without its link (the provider makes links asynchronously): read it back until the link is there.
            var read = await provider.ReadAsync(row.StudioId, madeId, desired, cancellationToken);
            if (read.Outcome == MeetingCallOutcome.NotFound)
            {
                row.Forget();
                Audit(db, row, AuditActions.MeetingRecreated, Location.RecreatingText(desired.Provider));
            }
            else if (read.Outcome != MeetingCallOutcome.Succeeded)
            {
                return await FailedAsync(db, row, read, cancellationToken);
            }
            else if (read.Created?.JoinUrl is { } link)
            {
                row.LinkReady(link, read.Created.Password);
            }
            else
            {
                row.AwaitLink(row.SentFingerprint ?? desired.Fingerprint, LinkDueAt(read));
                await db.SaveChangesAsync(cancellationToken);
                return row.State;
            }
        }

        if (row.ExternalId is { } externalId && row.SentFingerprint != desired.Fingerprint)
        {
            if (await quota.PausedUntilAsync(db, desired.Provider, cancellationToken) is { } pausedUntil)
            {
                return await WaitForQuotaAsync(db, row, pausedUntil, cancellationToken);
            }

            var updated = await provider.UpdateAsync(row.StudioId, externalId, desired, cancellationToken);
            if (updated.Outcome == MeetingCallOutcome.NotFound)
            {
                // Deleted at the provider meanwhile: a reschedule regenerates with a new meeting and link.
                row.Forget();
                Audit(db, row, AuditActions.MeetingRecreated, Location.RecreatingText(desired.Provider));
            }
            else if (updated.Outcome != MeetingCallOutcome.Succeeded)
            {
                return await FailedAsync(db, row, updated, cancellationToken);
            }
            else
            {
                if (updated.Created?.JoinUrl is { } current && current != row.JoinUrl)
                {
                    // The link is meant to survive every update; if the provider ever changes it, clients get the new one.
                    Audit(db, row, AuditActions.MeetingLinkChanged, $"{name} changed the class's link when the meeting was updated; Junocal now shows the new link.");
                    row.LinkReady(current, updated.Created.Password);
                }

                row.Settled(desired.Fingerprint);
                Audit(db, row, AuditActions.MeetingUpdated, $"Updated the {name} meeting to \"{desired.Topic}\" at {desired.LocalStart:ddd d MMM HH:mm} ({desired.TimeZoneId}).");
                await db.SaveChangesAsync(cancellationToken);
                return row.State;
            }
        }

        if (row.HasMeeting)
        {
            row.Settled(desired.Fingerprint);
            await db.SaveChangesAsync(cancellationToken);
            return row.State;
        }

        if (await quota.PausedUntilAsync(db, desired.Provider, cancellationToken) is { } until)
        {
            return await WaitForQuotaAsync(db, row, until, cancellationToken);
        }

        // On disk before the provider hears of it: if the process dies before the answer is recorded, the next sync
        // knows a meeting may exist that no class holds. A provider whose repeated create finds the first one needs none.
        MeetingCreateIntent? intent = null;
        if (!provider.CreatesIdempotently)
        {
            intent = MeetingCreateIntent.Before(row, desired, clock.GetUtcNow());
            db.MeetingCreateIntents.Add(intent);
            await db.SaveChangesAsync(cancellationToken);
            LogCreateNoted(logger, row.ClassSessionId);
        }

        var created = await provider.CreateAsync(row.StudioId, desired, cancellationToken);
        if (created.Created is not { } meeting)
        {
            if (intent is not null && !created.Unanswered)
            {
                db.MeetingCreateIntents.Remove(intent); // the provider answered: it made nothing
            }

            return await FailedAsync(db, row, created, cancellationToken);
        }

        row.Linked(meeting, desired.Fingerprint, LinkDueAt(created));
        if (intent is not null)
        {
            db.MeetingCreateIntents.Remove(intent);
        }

        Audit(db, row, AuditActions.MeetingCreated, $"Created the {name} meeting for \"{desired.Topic}\".");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && intent is not null)
        {
            // The meeting exists but is recorded nowhere: delete it, or the retry would leave a duplicate behind.
            // (An idempotent provider's retry finds the same meeting instead.)
            var deleted = await provider.DeleteAsync(row.StudioId, meeting.ExternalId, CancellationToken.None);
            if (deleted.Outcome is MeetingCallOutcome.Succeeded or MeetingCallOutcome.NotFound)
            {
                await ForgetIntentAsync(row.StudioId, intent.Id);
            }

            LogCompensated(logger, row.ClassSessionId);
            throw;
        }

        // Made, but its link could not be made yet (the provider says why): the row holds the meeting and retries.
        return created.Outcome == MeetingCallOutcome.Succeeded ? row.State : await FailedAsync(db, row, created, cancellationToken);
    }

    /// <summary>When to look again for a link still in the making: when the provider says, else soon.</summary>
    private DateTimeOffset LinkDueAt(MeetingCallResult result)
    {
        var now = clock.GetUtcNow();
        return result.RetryAt is { } at && at > now ? at : now + FirstRetry;
    }

    /// <summary>
    /// Create calls of this class whose answer was never recorded (ADR 0011): the provider may hold a meeting that no
    /// class uses. The provider's scopes do not let Junocal find it, so the owner is told, with the agenda to find it
    /// by; the notes go in the save the sync makes next.
    /// </summary>
    private async Task SurfaceUncertainCreatesAsync(JunocalDbContext db, ClassMeeting row, CancellationToken cancellationToken)
    {
        var notes = await db.MeetingCreateIntents.Where(i => i.ClassSessionId == row.ClassSessionId).ToListAsync(cancellationToken);
        foreach (var note in notes)
        {
            var name = NameOf(note.Provider);
            db.MeetingCreateIntents.Remove(note);
            Audit(db, row, AuditActions.MeetingCreateUncertain,
                $"Junocal asked {name} for this class's meeting at {note.StartedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC and never learned the answer "
                + $"(it stopped, or the answer was lost), so {name} may hold an extra meeting for it. If {name} lists a meeting with the agenda "
                + $"\"{note.Agenda}\" whose join link is not the one on this class's page, delete that meeting in {name}.");
            LogCreateUncertain(logger, row.ClassSessionId, note.Agenda);
        }
    }

    private async Task ForgetIntentAsync(Guid studioId, Guid intentId)
    {
        try
        {
            await using var db = contexts.CreateDbContext(studioId);
            await db.MeetingCreateIntents.Where(i => i.Id == intentId).ExecuteDeleteAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is DbException or DbUpdateException or InvalidOperationException)
        {
            // The database is failing right now; the note then tells the owner of a meeting that was deleted already.
            LogNoteKept(logger, ex, intentId);
        }
    }

    private async Task<MeetingSyncState?> FailedAsync(JunocalDbContext db, ClassMeeting row, MeetingCallResult result, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var name = NameOf(row.Provider);
        switch (result.Outcome)
        {
            case MeetingCallOutcome.NotConnected:
                row.Defer(MeetingSyncState.LinkNeeded, null, $"{name} is not connected.");
                break;
            case MeetingCallOutcome.ReconnectRequired:
                row.Defer(MeetingSyncState.WaitingReconnect, null, $"{name} needs to be reconnected in Settings → Integrations.");
                break;
            case MeetingCallOutcome.DailyLimit:
                LogDeferred(logger, row.ClassSessionId, MeetingSyncState.DailyLimit, result.Outcome);
                return await WaitForQuotaAsync(db, row, QuotaResetAfter(now, result.RetryAt), cancellationToken);
            case MeetingCallOutcome.Rejected:
                row.Defer(MeetingSyncState.Failed, null, result.Reason ?? $"{name} refused the meeting.");
                Audit(db, row, AuditActions.MeetingFailed, $"{name} refused the meeting: {result.Reason}. Edit the class or switch it to a custom link.");
                break;
            default:
                var at = result.RetryAt is { } retryAt && retryAt > now ? retryAt : now + Backoff.Exponential(row.Attempts + 1, FirstRetry, MaxRetry);
                row.Retry(at, result.Reason ?? $"{name} did not answer.");
                break;
        }

        await db.SaveChangesAsync(cancellationToken);
        LogDeferred(logger, row.ClassSessionId, row.State, result.Outcome);
        return row.State;
    }

    /// <summary>
    /// The studio's daily quota at the row's provider is used up: the row waits, and so does every other waiting create
    /// or update of the studio, planned soonest class first (<see cref="MeetingQuotaPlan"/>), without another call.
    /// </summary>
    private async Task<MeetingSyncState?> WaitForQuotaAsync(JunocalDbContext db, ClassMeeting row, DateTimeOffset until, CancellationToken cancellationToken)
    {
        row.Defer(MeetingSyncState.DailyLimit, until, $"{NameOf(row.Provider)}'s daily limit of new or changed meetings is reached.");
        await db.SaveChangesAsync(cancellationToken);
        await quota.PauseAsync(row.StudioId, row.Provider, until, cancellationToken);
        return MeetingSyncState.DailyLimit;
    }

    /// <summary>
    /// When a provider's daily quota comes back: its own word when it gives a plausible one, else the next 00:00 UTC
    /// (what Zoom's message says; docs/zoom.md, "Errors and limits").
    /// </summary>
    private static DateTimeOffset QuotaResetAfter(DateTimeOffset now, DateTimeOffset? retryAt) =>
        retryAt is { } at && at > now && at <= now.AddHours(25) ? at : NextUtcMidnight(now);

    /// <summary>
    /// A provider reports one of its meetings deleted there, on the account <paramref name="studioId"/> has connected
    /// (meeting ids are the provider's, not Junocal's: the caller matches the event's account to the studio). For a
    /// class that still wants that meeting, the dead link leaves at once and the class says so; its meeting row goes
    /// with the meeting. For a class cancelled or moved off the provider the delete is Junocal's own (its row is
    /// already gone, or about to be), and nothing changes.
    /// </summary>
    /// <returns>How many classes lost their meeting.</returns>
    public async Task<int> MeetingDeletedAtProviderAsync(Guid studioId, LocationKind provider, string externalId, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext(studioId);
        var rows = await db.ClassMeetings
            .Where(m => m.Provider == provider && m.ExternalId == externalId)
            .Join(db.ClassSessions, m => m.ClassSessionId, c => c.Id, (m, c) => new { Row = m, Class = c })
            .Where(x => x.Class.Status == ClassStatus.Scheduled && x.Class.Location.Kind == provider)
            .ToListAsync(cancellationToken);
        foreach (var (row, session) in rows.Select(x => (x.Row, x.Class)))
        {
            db.ClassMeetings.Remove(row);
            session.MeetingDeletedAtProviderNoticed();
            Audit(db, row, AuditActions.MeetingDeletedAtProvider, Location.RemovedText(provider));
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // The class changed at the same moment; its sync runs again and finds the meeting gone (then recreates it).
            return 0;
        }

        foreach (var (row, _) in rows.Select(x => (x.Row, x.Class)))
        {
            changes.Changed(row.StudioId, row.ClassSessionId);
        }

        return rows.Count;
    }

    /// <summary>
    /// What a provider's disconnect does to the studio's classes, in the caller's transaction (the caller erases the
    /// provider's own data in the same one and saves): every meeting row of the provider loses its meeting data and
    /// needs a link, and so does every upcoming class of the provider that had none. With
    /// <paramref name="keepLinksAsCustom"/> (the owner's choice, never on an uninstall) an upcoming class that has an
    /// https join link keeps it as a custom link instead: the meeting stays on the owner's account and clients already
    /// hold the link.
    /// </summary>
    /// <returns>The classes whose link state changed, for <see cref="MeetingChanges.Changed"/> after the save.</returns>
    public async Task<IReadOnlyList<Guid>> ProviderDisconnectedAsync(JunocalDbContext db, Guid studioId, LocationKind provider, bool keepLinksAsCustom,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var reason = $"{NameOf(provider)} was disconnected.";
        var meetings = await db.ClassMeetings.Where(m => m.Provider == provider).ToDictionaryAsync(m => m.ClassSessionId, cancellationToken);
        var upcoming = await UpcomingClasses(db, provider, now).ToListAsync(cancellationToken);
        var touched = new List<Guid>(meetings.Keys);
        foreach (var session in upcoming)
        {
            if (meetings.Remove(session.Id, out var row))
            {
                if (keepLinksAsCustom && row.JoinUrl is { } url
                    && Uri.TryCreate(url, UriKind.Absolute, out var link) && link.Scheme == Uri.UriSchemeHttps)
                {
                    session.MoveTo(Location.CustomLink(url));
                    db.ClassMeetings.Remove(row);
                }
                else
                {
                    row.Disconnected(reason);
                }
            }
            else
            {
                db.ClassMeetings.Add(ClassMeeting.WantWhileDisconnected(session, now, reason));
                touched.Add(session.Id);
            }
        }

        // Rows of past, cancelled or moved classes: their meetings are not Junocal's to reach any more.
        foreach (var row in meetings.Values)
        {
            row.Disconnected(reason);
        }

        return touched;
    }

    /// <summary>Upcoming, not cancelled classes whose link <paramref name="provider"/> generates.</summary>
    public static IQueryable<ClassSession> UpcomingClasses(JunocalDbContext db, LocationKind provider, DateTimeOffset now) =>
        db.ClassSessions.Where(c => c.Location.Kind == provider && c.Status == ClassStatus.Scheduled && c.StartsAt > now);

    private string NameOf(LocationKind provider) => providers.Find(provider)?.DisplayName ?? Location.ProviderName(provider);

    private void Audit(JunocalDbContext db, ClassMeeting row, string action, string details) =>
        db.AuditEntries.Add(AuditEntry.Record(row.StudioId, clock.GetUtcNow(), NameOf(row.Provider), action, details, row.ClassSessionId));

    public static DateTimeOffset NextUtcMidnight(DateTimeOffset now) => new(now.UtcDateTime.Date.AddDays(1), TimeSpan.Zero);

    [LoggerMessage(EventId = LogEvents.Meetings.Deferred, Level = LogLevel.Warning, Message = "Meeting of class {ClassId} left {State} after {Outcome}")]
    private static partial void LogDeferred(ILogger logger, Guid classId, MeetingSyncState state, MeetingCallOutcome outcome);

    [LoggerMessage(EventId = LogEvents.Meetings.CreateUncertain, Level = LogLevel.Warning,
        Message = "An earlier create for class {ClassId} was never answered; the owner is told to look for agenda \"{Agenda}\"")]
    private static partial void LogCreateUncertain(ILogger logger, Guid classId, string agenda);

    [LoggerMessage(EventId = LogEvents.Meetings.ClaimedElsewhere, Level = LogLevel.Debug,
        Message = "The meeting of class {ClassId} is no longer due: another worker claimed it since it was read; left to that worker")]
    private static partial void LogClaimedElsewhere(ILogger logger, Guid classId);

    [LoggerMessage(EventId = LogEvents.Meetings.CreateNoted, Level = LogLevel.Debug, Message = "Noted the create of class {ClassId}'s meeting before the call")]
    private static partial void LogCreateNoted(ILogger logger, Guid classId);

    [LoggerMessage(EventId = LogEvents.Meetings.NoteKept, Level = LogLevel.Warning,
        Message = "The create note {IntentId} stays although its meeting was deleted again: removing it failed; the owner will be told of a meeting that is gone")]
    private static partial void LogNoteKept(ILogger logger, Exception exception, Guid intentId);

    [LoggerMessage(EventId = LogEvents.Meetings.Compensated, Level = LogLevel.Warning, Message = "Deleted the just-created meeting of class {ClassId}: recording it failed")]
    private static partial void LogCompensated(ILogger logger, Guid classId);
}
