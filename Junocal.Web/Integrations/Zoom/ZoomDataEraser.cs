using Junocal.Domain.Auditing;
using Junocal.Domain.Scheduling;
using Junocal.Web.Data;
using Junocal.Web.Meetings;
using Microsoft.EntityFrameworkCore;

namespace Junocal.Web.Integrations.Zoom;

/// <summary>
/// Deletes everything Junocal holds from a studio's Zoom connection — tokens, email, ids, pending authorizations —
/// in one transaction with what the disconnect does to the studio's Zoom classes (<see cref="MeetingSync.ProviderDisconnectedAsync"/>),
/// keeping only the audit entry (the help page: "We don't archive, soft-delete, or retain anything"). Earlier audit
/// entries stay but lose the Zoom email and ids they mention.
/// </summary>
public sealed class ZoomDataEraser(SystemDbContextFactory contexts, ZoomTokenStore tokens, MeetingSync meetings, MeetingChanges changes,
    TimeProvider clock)
{
    /// <summary>
    /// Erases and records <c>action</c> by <c>actor</c>. With <c>keepLinksAsCustom</c> (the owner's choice, never on an
    /// uninstall) upcoming classes keep their current join links as custom links.
    /// </summary>
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
        var connection = await db.ZoomConnections.SingleOrDefaultAsync(cancellationToken);
        if (connection is null)
        {
            return false;
        }

        db.ZoomConnections.Remove(connection);
        db.ZoomAccessTokens.RemoveRange(await db.ZoomAccessTokens.ToListAsync(cancellationToken));
        db.ZoomAuthorizationRequests.RemoveRange(await db.ZoomAuthorizationRequests.ToListAsync(cancellationToken));
        var changed = await meetings.ProviderDisconnectedAsync(db, studioId, LocationKind.Zoom, keepLinksAsCustom, cancellationToken);
        await ForgetIdentityInAuditAsync(db, connection, cancellationToken);
        db.AuditEntries.Add(AuditEntry.Record(studioId, clock.GetUtcNow(), actor, action, auditText));
        await db.SaveChangesAsync(cancellationToken);

        tokens.Forget(studioId);
        foreach (var classId in changed)
        {
            changes.Changed(studioId, classId);
        }

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
}
