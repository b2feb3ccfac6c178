using Junocal.Domain.Scheduling;
using Junocal.Web.Data;
using Junocal.Web.Meetings;
using Microsoft.EntityFrameworkCore;

namespace Junocal.Web.Integrations.Zoom;

/// <summary>Answers the Location picker for Zoom from the studio's connection; Google Meet is not connectable yet.</summary>
internal sealed class ZoomMeetingProviders(IDbContextFactory<JunocalDbContext> contexts) : IMeetingProviders
{
    public async Task<IReadOnlyList<MeetingProviderStatus>> GetStatusAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var status = await db.ZoomConnections.Select(c => (ZoomConnectionStatus?)c.Status).SingleOrDefaultAsync(cancellationToken);
        var zoom = status switch
        {
            ZoomConnectionStatus.Connected => new MeetingProviderStatus(LocationKind.Zoom, true, null, null),
            ZoomConnectionStatus.ReconnectRequired => new MeetingProviderStatus(LocationKind.Zoom, false,
                "Zoom needs to be reconnected in Settings → Integrations", MeetingProviderStatus.IntegrationsUrl) { NeedsReconnect = true },
            _ => new MeetingProviderStatus(LocationKind.Zoom, false, "Connect Zoom in Settings → Integrations", MeetingProviderStatus.IntegrationsUrl),
        };
        return
        [
            zoom,
            new MeetingProviderStatus(LocationKind.GoogleMeet, false, "Connect Google Meet in Settings → Integrations", MeetingProviderStatus.IntegrationsUrl),
        ];
    }
}
