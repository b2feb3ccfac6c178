using Junocal.Domain.Auditing;
using Junocal.Domain.Scheduling;
using Junocal.Web.Data;
using Junocal.Web.Meetings;
using Microsoft.EntityFrameworkCore;

namespace Junocal.Web.Integrations.Zoom;

/// <summary>
/// Deletes everything Junocal holds from a studio's Zoom connection — tokens, email, ids, pending authorizations —
/// in one transaction, keeping only the audit entry (the help page: "We don't archive, soft-delete, or retain
/// anything"). Earlier audit entries stay but lose the Zoom email and ids they mention. Upcoming Zoom classes keep
/// the Zoom location and show that a link is needed.
/// </summary>
public sealed class ZoomDataEraser(SystemDbContextFactory contexts, ZoomTokenStore tokens, TimeProvider clock)
{
    /// <returns>False when there was nothing to erase (already disconnected).</returns>
    // keepLinksAsCustom: the owner chose to keep upcoming classes' current join links, which become custom links
    // (the meetings stay on the owner's Zoom account and clients already hold the links). Never on an uninstall.
    public async Task<bool> EraseAsync(Guid studioId, string actor, string action, string auditText, CancellationToken cancellationToken,
        bool keepLinksAsCustom = false)
    {
        await using var db = contexts.CreateDbContext(studioId);
        var connection = await db.ZoomConnections.SingleOrDefaultAsync(cancellationToken);
        if (connection is null)
        {
            return false;
        }

        db.ZoomConnections.Remove(connection);
        db.ZoomAccessTokens.RemoveRange(await db.ZoomAccessTokens.ToListAsync(cancellationToken));
        db.ZoomAuthorizationRequests.RemoveRange(await db.ZoomAuthorizationRequests.ToListAsync(cancellationToken));
        // The per-meeting data goes too (ids, join links, passwords) and pending Zoom work stops. What stays is only
        // that each upcoming Zoom class needs a link, until the owner reconnects or picks another location.
        var now = clock.GetUtcNow();
        var meetings = await db.ClassMeetings.ToDictionaryAsync(m => m.ClassSessionId, cancellationToken);
        var keptAsCustom = new HashSet<Guid>();
        if (keepLinksAsCustom)
        {
            foreach (var session in await UpcomingZoomClasses(db, now).ToListAsync(cancellationToken))
            {
                if (meetings.TryGetValue(session.Id, out var kept) && kept.JoinUrl is { } url
                    && Uri.TryCreate(url, UriKind.Absolute, out var link) && link.Scheme == Uri.UriSchemeHttps)
                {
                    session.MoveTo(Location.CustomLink(url));
                    meetings.Remove(session.Id);
                    db.ClassMeetings.Remove(kept);
                    keptAsCustom.Add(session.Id);
                }
            }
        }

        foreach (var meeting in meetings.Values)
        {
            meeting.Forget();
            meeting.Defer(MeetingSyncState.LinkNeeded, null, "Zoom was disconnected.");
        }

        foreach (var classId in await UpcomingZoomClasses(db, now).Select(c => c.Id).ToListAsync(cancellationToken))
        {
            if (!meetings.ContainsKey(classId) && !keptAsCustom.Contains(classId))
            {
                var needed = ClassMeeting.Want(studioId, classId, now);
                needed.Defer(MeetingSyncState.LinkNeeded, null, "Zoom was disconnected.");
                db.ClassMeetings.Add(needed);
            }
        }
        await ForgetIdentityInAuditAsync(db, connection, cancellationToken);
        db.AuditEntries.Add(AuditEntry.Record(studioId, clock.GetUtcNow(), actor, action, auditText));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return false; // erased meanwhile (a Disconnect racing the deauthorization it triggered)
        }

        tokens.Forget(studioId);
        return true;
    }

    /// <summary>"Zoom connected as owner@example.com." becomes "Zoom connected as the Zoom account since disconnected."</summary>
    private static async Task ForgetIdentityInAuditAsync(JunocalDbContext db, ZoomConnection connection, CancellationToken cancellationToken)
    {
        // The longest form first, so "Zoom user <id>" goes as a whole.
        string[] identities = [.. new[] { $"Zoom user {connection.ZoomUserId}", connection.ZoomEmail, connection.ZoomUserId, connection.ZoomAccountId }
            .Where(identity => !string.IsNullOrEmpty(identity))
            .Select(identity => identity!)];
        foreach (var identity in identities)
        {
            foreach (var entry in await db.AuditEntries.Where(a => a.Details.Contains(identity)).ToListAsync(cancellationToken))
            {
                entry.ForgetIdentity(identities, "the Zoom account since disconnected");
            }
        }
    }

    /// <summary>Upcoming, not cancelled classes that use Zoom: what a disconnect leaves needing a link.</summary>
    public static IQueryable<ClassSession> UpcomingZoomClasses(JunocalDbContext db, DateTimeOffset now) =>
        db.ClassSessions.Where(c => c.Location.Kind == LocationKind.Zoom && c.Status == ClassStatus.Scheduled && c.StartsAt > now);
}
