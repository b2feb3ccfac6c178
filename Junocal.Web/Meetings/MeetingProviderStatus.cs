using Junocal.Domain.Scheduling;

namespace Junocal.Web.Meetings;

/// <summary>Whether a studio can schedule classes with one provider now, and if not, what the owner should do.</summary>
/// <param name="Kind">The location kind the provider generates (<see cref="LocationKind.Zoom"/> or <see cref="LocationKind.GoogleMeet"/>).</param>
/// <param name="IsConnected">Whether a class may be scheduled with this provider now.</param>
/// <param name="WhyNot">For the owner, when not connected: what to do about it.</param>
/// <param name="FixUrl">Where to do it.</param>
public sealed record MeetingProviderStatus(LocationKind Kind, bool IsConnected, string? WhyNot, string? FixUrl)
{
    /// <summary>The provider was connected but refused our grant: the owner must reconnect it.</summary>
    public bool NeedsReconnect { get; init; }

    public const string IntegrationsUrl = "/settings/integrations";

    public static MeetingProviderStatus Connected(LocationKind kind) => new(kind, true, null, null);

    public static MeetingProviderStatus NotConnected(LocationKind kind) =>
        new(kind, false, $"Connect {Location.ProviderName(kind)} in Settings → Integrations", IntegrationsUrl);

    public static MeetingProviderStatus ReconnectRequired(LocationKind kind) =>
        new(kind, false, $"{Location.ProviderName(kind)} needs to be reconnected in Settings → Integrations", IntegrationsUrl) { NeedsReconnect = true };
}
