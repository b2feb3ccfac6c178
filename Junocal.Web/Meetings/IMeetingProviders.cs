using Junocal.Domain.Scheduling;

namespace Junocal.Web.Meetings;

/// <summary>
/// Which auto-generated meeting providers the signed-in user's studio can use right now, and why not.
/// The Location picker and the scheduler ask this; each integration answers for its own provider.
/// </summary>
public interface IMeetingProviders
{
    Task<IReadOnlyList<MeetingProviderStatus>> GetStatusAsync(CancellationToken cancellationToken);
}

/// <param name="Kind">The location kind the provider generates (<see cref="LocationKind.Zoom"/> or <see cref="LocationKind.GoogleMeet"/>).</param>
/// <param name="IsConnected">Whether a class may be scheduled with this provider now.</param>
/// <param name="WhyNot">For the owner, when not connected: what to do about it.</param>
/// <param name="FixUrl">Where to do it.</param>
public sealed record MeetingProviderStatus(LocationKind Kind, bool IsConnected, string? WhyNot, string? FixUrl)
{
    /// <summary>The provider was connected but refused our grant: the owner must reconnect it.</summary>
    public bool NeedsReconnect { get; init; }

    public const string IntegrationsUrl = "/settings/integrations";
}
