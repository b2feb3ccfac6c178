using Junocal.Domain.Auditing;
using Junocal.Domain.Scheduling;
using Junocal.Web.Data;
using Junocal.Web.Meetings;
using Microsoft.EntityFrameworkCore;

namespace Junocal.Web.Integrations.GoogleMeet;

/// <summary>
/// Deletes everything Junocal holds from a studio's Google connection — tokens, email, account id, calendar id, sync
/// token, watch channels, event generations, pending authorizations — in one transaction with what the disconnect
/// does to the studio's Google Meet classes (<see cref="MeetingSync.ProviderDisconnectedAsync"/>), keeping only the
/// audit entry. Earlier audit entries stay but lose the Google email they mention. Events stay in the owner's calendar.
/// </summary>
public sealed class GoogleDataEraser(SystemDbContextFactory contexts, GoogleTokenStore tokens, MeetingSync meetings, MeetingChanges changes, TimeProvider clock)
{
    /// <returns>False when there was nothing to erase (already disconnected).</returns>
    public Task<bool> EraseAsync(Guid studioId, string actor, string action, string auditText, CancellationToken cancellationToken,
        bool keepLinksAsCustom = false) =>
        // A token refresh or a sync may write the connection or a class's row meanwhile; if another disconnect erased
        // everything meanwhile, the fresh read finds nothing.
        ConcurrentWrites.RetryAsync(() => TryEraseAsync(studioId, actor, action, auditText, keepLinksAsCustom, cancellationToken));

    private async Task<bool> TryEraseAsync(Guid studioId, string actor, string action, string auditText, bool keepLinksAsCustom,
        CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext(studioId);
        var connection = await db.GoogleConnections.SingleOrDefaultAsync(cancellationToken);
        if (connection is null)
        {
            return false;
        }

        db.GoogleConnections.Remove(connection);
        db.GoogleAccessTokens.RemoveRange(await db.GoogleAccessTokens.ToListAsync(cancellationToken));
        db.GoogleAuthorizationRequests.RemoveRange(await db.GoogleAuthorizationRequests.ToListAsync(cancellationToken));
        db.GoogleWatchChannels.RemoveRange(await db.GoogleWatchChannels.ToListAsync(cancellationToken));
        db.GoogleClassEvents.RemoveRange(await db.GoogleClassEvents.ToListAsync(cancellationToken));
        var changed = await meetings.ProviderDisconnectedAsync(db, studioId, LocationKind.GoogleMeet, keepLinksAsCustom, cancellationToken);
        foreach (var entry in await db.AuditEntries.Where(a => a.Details.Contains(connection.Email)).ToListAsync(cancellationToken))
        {
            entry.ForgetIdentity([connection.Email], "the Google account since disconnected");
        }

        db.AuditEntries.Add(AuditEntry.Record(studioId, clock.GetUtcNow(), actor, action, auditText));
        await db.SaveChangesAsync(cancellationToken);

        tokens.Forget(studioId);
        foreach (var classId in changed)
        {
            changes.Changed(studioId, classId);
        }

        return true;
    }
}
