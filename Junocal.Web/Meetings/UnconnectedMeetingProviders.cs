using Junocal.Domain.Scheduling;

namespace Junocal.Web.Meetings;

/// <summary>The answer while no provider integration is installed: neither Zoom nor Google Meet is connected.</summary>
internal sealed class UnconnectedMeetingProviders : IMeetingProviders
{
    private static readonly IReadOnlyList<MeetingProviderStatus> None =
    [
        new(LocationKind.Zoom, false, "Connect Zoom in Settings → Integrations", MeetingProviderStatus.IntegrationsUrl),
        new(LocationKind.GoogleMeet, false, "Connect Google Meet in Settings → Integrations", MeetingProviderStatus.IntegrationsUrl),
    ];

    public Task<IReadOnlyList<MeetingProviderStatus>> GetStatusAsync(CancellationToken cancellationToken) => Task.FromResult(None);
}
