using System.Text.Json.Serialization;

namespace Junocal.Web.Integrations.Zoom.Webhooks;

/// <summary>The fields of Zoom's notifications Junocal reads (zoom-api.md §5); everything else is ignored.</summary>
public sealed record ZoomEvent(
    [property: JsonPropertyName("event")] string? Event,
    [property: JsonPropertyName("payload")] ZoomEventPayload? Payload);

public sealed record ZoomEventPayload(
    [property: JsonPropertyName("plainToken")] string? PlainToken,
    [property: JsonPropertyName("user_id")] string? UserId,
    [property: JsonPropertyName("account_id")] string? AccountId);
