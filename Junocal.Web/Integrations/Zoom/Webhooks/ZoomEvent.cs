using System.Text.Json.Serialization;

namespace Junocal.Web.Integrations.Zoom.Webhooks;

/// <summary>The fields of Zoom's notifications Junocal reads (docs/zoom.md, "Webhooks"); everything else is ignored.</summary>
public sealed record ZoomEvent(
    [property: JsonPropertyName("event")] string? Event,
    [property: JsonPropertyName("payload")] ZoomEventPayload? Payload,
    [property: JsonPropertyName("event_ts")] long? EventTimestamp)
{
    /// <summary>When Zoom says it happened: <c>event_ts</c> (unix milliseconds), top level or, as Rivet types it, in the payload.</summary>
    public DateTimeOffset? OccurredAt => HasUsableTimestamp && Milliseconds is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;

    /// <summary>False when <c>event_ts</c> is there but is no instant a <see cref="DateTimeOffset"/> can hold (a forged or broken event).</summary>
    public bool HasUsableTimestamp => Milliseconds is not { } ms
        || (ms >= DateTimeOffset.MinValue.ToUnixTimeMilliseconds() && ms <= DateTimeOffset.MaxValue.ToUnixTimeMilliseconds());

    private long? Milliseconds => EventTimestamp ?? Payload?.EventTimestamp;
}

public sealed record ZoomEventPayload(
    [property: JsonPropertyName("plainToken")] string? PlainToken,
    [property: JsonPropertyName("user_id")] string? UserId,
    [property: JsonPropertyName("account_id")] string? AccountId,
    [property: JsonPropertyName("object")] ZoomEventObject? Meeting,
    [property: JsonPropertyName("event_ts")] long? EventTimestamp);

/// <summary>The meeting a <c>meeting.*</c> event is about; <c>id</c> is Zoom's int64 meeting id.</summary>
public sealed record ZoomEventObject(
    [property: JsonPropertyName("id")] long? Id);
