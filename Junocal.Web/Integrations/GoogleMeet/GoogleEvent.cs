using System.Text.Json;
using System.Text.Json.Serialization;

namespace Junocal.Web.Integrations.GoogleMeet;

/// <summary>The parts of a Calendar event Junocal reads: whether it is live, and its Meet conference.</summary>
public sealed record GoogleEvent(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("hangoutLink")] string? HangoutLink,
    [property: JsonPropertyName("conferenceData")] GoogleConferenceData? ConferenceData)
{
    public bool IsCancelled => Status == "cancelled";

    /// <summary>The link to join: the video entry point, else <c>hangoutLink</c> (docs/google-meet.md, "Reading the final link").</summary>
    public string? MeetLink => ConferenceData?.EntryPoints?.FirstOrDefault(e => e.EntryPointType == "video" && e.Uri is { Length: > 0 })?.Uri
        ?? (HangoutLink is { Length: > 0 } ? HangoutLink : null);

    public string? ConferenceStatus => ConferenceData?.CreateRequest?.Status?.StatusCode;

    public string? RequestId => ConferenceData?.CreateRequest?.RequestId;

    public bool HasConference => ConferenceData is not null;

    public static GoogleEvent? TryRead(string body)
    {
        try
        {
            return JsonSerializer.Deserialize<GoogleEvent>(body) is { Id.Length: > 0 } parsed ? parsed : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

public sealed record GoogleConferenceData(
    [property: JsonPropertyName("conferenceId")] string? ConferenceId,
    [property: JsonPropertyName("entryPoints")] IReadOnlyList<GoogleEntryPoint>? EntryPoints,
    [property: JsonPropertyName("createRequest")] GoogleCreateRequest? CreateRequest);

public sealed record GoogleEntryPoint(
    [property: JsonPropertyName("entryPointType")] string? EntryPointType,
    [property: JsonPropertyName("uri")] string? Uri);

public sealed record GoogleCreateRequest(
    [property: JsonPropertyName("requestId")] string? RequestId,
    [property: JsonPropertyName("status")] GoogleRequestStatus? Status);

public sealed record GoogleRequestStatus([property: JsonPropertyName("statusCode")] string? StatusCode);
