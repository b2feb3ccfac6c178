using Junocal.Domain.Scheduling;

namespace Junocal.Web.Meetings;

/// <summary>
/// The meeting providers installed in this app, by kind. A location kind whose provider is not installed reads
/// "not connected" everywhere, so the Location picker can still show it.
/// </summary>
public sealed class MeetingProviders(IEnumerable<IMeetingProvider> installed)
{
    /// <summary>The location kinds whose link a provider generates, in the order the Location picker lists them.</summary>
    public static readonly IReadOnlyList<LocationKind> GeneratedKinds = [LocationKind.Zoom, LocationKind.GoogleMeet];

    private readonly Dictionary<LocationKind, IMeetingProvider> _byKind = installed.ToDictionary(p => p.Kind);

    public IMeetingProvider? Find(LocationKind kind) => _byKind.GetValueOrDefault(kind);

    public async Task<IReadOnlyList<MeetingProviderStatus>> GetStatusAsync(Guid studioId, CancellationToken cancellationToken)
    {
        var statuses = new List<MeetingProviderStatus>();
        foreach (var kind in GeneratedKinds)
        {
            statuses.Add(Find(kind) is { } provider
                ? await provider.GetStatusAsync(studioId, cancellationToken)
                : MeetingProviderStatus.NotConnected(kind));
        }

        return statuses;
    }
}
