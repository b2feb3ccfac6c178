using Junocal.Domain.Meetings;
using Junocal.Web.Data;
using Junocal.Web.Meetings;
using Microsoft.EntityFrameworkCore;

namespace Junocal.Web.Integrations.Zoom;

/// <summary>
/// Learns which Zoom account a studio connected within the three meeting scopes: creates a meeting named
/// "Junocal connection check", takes <c>host_email</c> from Zoom's answer and deletes the meeting at once
/// (docs/adr/0009). The meeting's id is stored before the delete, so a delete that fails is repeated until Zoom
/// confirms it. A check that cannot run (Zoom's daily limit, an error) records why, for the card, and runs again later.
/// </summary>
public sealed partial class ZoomConnectionCheck(
    ZoomMeetingProvider meetings,
    SystemDbContextFactory contexts,
    TimeProvider clock,
    ILogger<ZoomConnectionCheck> logger)
{
    public const string Topic = "Junocal connection check";
    public const string Agenda = "Created by Junocal to learn which Zoom account was connected, and deleted at once.";

    /// <summary>How long one instance may take for a check before another may run it.</summary>
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    private static readonly TimeSpan RetryAfter = TimeSpan.FromMinutes(10);

    /// <summary>Every check that is due: an unknown email, or a check meeting still to delete (the background job).</summary>
    public async Task RunDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        List<Guid> studios;
        await using (var db = contexts.CreateDbContext())
        {
            studios = await db.ZoomConnections
                .Where(c => c.Status == ZoomConnectionStatus.Connected && (c.ZoomEmail == null || c.CheckMeetingId != null))
                .Where(c => c.CheckDueAt == null || c.CheckDueAt <= now)
                .Select(c => c.StudioId)
                .ToListAsync(cancellationToken);
        }

        foreach (var studioId in studios)
        {
            await RunAsync(studioId, cancellationToken);
        }
    }

    /// <summary>The studio's check, when it needs one, is due, and no other instance runs it.</summary>
    public async Task RunAsync(Guid studioId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var claimed = await ChangeAsync(studioId, c => c.NeedsCheck && !(c.CheckDueAt > now), c => c.ClaimCheck(now + Lease), cancellationToken);
        if (claimed is null)
        {
            return;
        }

        var meetingId = claimed.CheckMeetingId;
        if (meetingId is null)
        {
            var created = await meetings.CreateConnectionCheckAsync(studioId, cancellationToken);
            if (created.Created is not { } meeting)
            {
                LogCheckFailed(logger, studioId, created.Outcome);
                await ChangeAsync(studioId, _ => true, c => c.CheckFailed(Problem(created), RetryAt(created)), cancellationToken);
                return;
            }

            // From here the meeting exists at Zoom: nothing may stop before it is recorded or deleted.
            cancellationToken = CancellationToken.None;
            meetingId = meeting.ExternalId;
            if (!await RecordAsync(studioId, meeting, cancellationToken))
            {
                // Unrecorded, a failed delete could never be repeated: delete now, and the next check starts over.
                await meetings.DeleteAsync(studioId, meetingId, CancellationToken.None);
                return;
            }
        }

        await DeleteAsync(studioId, meetingId, cancellationToken);
    }

    /// <summary>
    /// Before a disconnect gives the grant up: deletes a check meeting whose delete is still owed, while Junocal can
    /// still reach the account.
    /// </summary>
    public async Task DeleteLeftoverAsync(Guid studioId, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext(studioId);
        if (await db.ZoomConnections.Select(c => c.CheckMeetingId).SingleOrDefaultAsync(cancellationToken) is { } meetingId)
        {
            await DeleteAsync(studioId, meetingId, cancellationToken);
        }
    }

    private async Task DeleteAsync(Guid studioId, string meetingId, CancellationToken cancellationToken)
    {
        var deleted = await meetings.DeleteAsync(studioId, meetingId, cancellationToken);
        if (deleted.Outcome is MeetingCallOutcome.Succeeded or MeetingCallOutcome.NotFound)
        {
            await ChangeAsync(studioId, c => c.CheckMeetingId == meetingId, c => c.CheckMeetingDeleted(), cancellationToken);
            return;
        }

        LogCheckFailed(logger, studioId, deleted.Outcome);
        await ChangeAsync(studioId, _ => true, c => c.CheckFailed(null, RetryAt(deleted)), cancellationToken);
    }

    private async Task<bool> RecordAsync(Guid studioId, CreatedMeeting meeting, CancellationToken cancellationToken)
    {
        try
        {
            return await ChangeAsync(studioId, _ => true, c => c.CheckMeetingCreated(meeting.ExternalId, meeting.HostEmail), cancellationToken) is not null;
        }
        catch (DbUpdateException)
        {
            return false;
        }
    }

    /// <summary>Applies <paramref name="change"/> to the studio's connection when <paramref name="applies"/>; null when it did not.</summary>
    private async Task<ZoomConnection?> ChangeAsync(Guid studioId, Func<ZoomConnection, bool> applies, Action<ZoomConnection> change,
        CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            await using var db = contexts.CreateDbContext(studioId);
            var connection = await db.ZoomConnections.SingleOrDefaultAsync(cancellationToken);
            if (connection is null || !applies(connection))
            {
                return null;
            }

            change(connection);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return connection;
            }
            catch (DbUpdateConcurrencyException)
            {
                // A token refresh changed the row at the same moment: read it again.
            }
        }

        return null;
    }

    private static string Problem(MeetingCallResult result) => result.Outcome switch
    {
        MeetingCallOutcome.DailyLimit => "Zoom's daily limit for new meetings is reached",
        MeetingCallOutcome.Rejected => $"Zoom refused the check meeting ({result.Reason})",
        _ => result.Reason?.TrimEnd('.') ?? "Zoom did not answer",
    };

    private DateTimeOffset RetryAt(MeetingCallResult result)
    {
        var now = clock.GetUtcNow();
        return result.RetryAt is { } at && at > now ? at : now + RetryAfter;
    }

    [LoggerMessage(EventId = LogEvents.Zoom.ConnectionCheckFailed, Level = LogLevel.Information,
        Message = "The Zoom connection check of studio {StudioId} will run again: {Outcome}")]
    private static partial void LogCheckFailed(ILogger logger, Guid studioId, MeetingCallOutcome outcome);
}
