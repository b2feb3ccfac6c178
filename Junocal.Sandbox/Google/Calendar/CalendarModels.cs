using System.Text.Json.Nodes;

namespace Junocal.Sandbox.Google.Calendar;

/// <summary>
/// A calendar of a test user: the user's primary one (its id is the email) or a secondary one made through the
/// API. <see cref="CreatedByApp"/> marks the calendars <c>calendar.app.created</c> reaches.
/// </summary>
public sealed record GoogleCalendar(
    string Id,
    string OwnerSub,
    string OwnerEmail,
    string Summary,
    string TimeZone,
    string? Description,
    bool CreatedByApp,
    bool AllowsMeet,
    string ResourceId,
    long Etag,
    bool IsPrimary,
    DateTimeOffset? DeletedAt = null)
{
    public bool IsDeleted => DeletedAt is not null;
}

public enum ConferenceStatus
{
    Pending,
    Success,
    Failure,
}

/// <summary>A Meet conference asked for with <c>conferenceData.createRequest</c>.</summary>
public sealed record GoogleConference(
    string RequestId,
    string SolutionType,
    ConferenceStatus Status,
    string? ConferenceId,
    DateTimeOffset RequestedAt,
    DateTimeOffset ResolvesAt,
    ConferenceOutcome PlannedOutcome,
    int GetsWhilePending = 0)
{
    /// <summary>The Meet link once the conference exists.</summary>
    public string? HangoutLink => Status == ConferenceStatus.Success ? $"https://meet.google.com/{ConferenceId}" : null;
}

/// <summary>
/// An event. <see cref="Fields"/> holds what the client wrote (summary, start, end, extendedProperties…); the rest is
/// Google's. A deleted event keeps its id, with <see cref="Status"/> <c>cancelled</c>.
/// </summary>
public sealed record GoogleEvent(
    string CalendarId,
    string Id,
    string Status,
    JsonObject Fields,
    GoogleConference? Conference,
    DateTimeOffset Created,
    DateTimeOffset Updated,
    int Sequence,
    long Etag,
    long ChangeNumber,
    string CreatorEmail,
    string? SendUpdates,
    int NotFoundGetsLeft = 0)
{
    public bool IsCancelled => Status == "cancelled";

    public string? Summary => Fields["summary"]?.GetValue<string>();

    public string? HangoutLink => Conference?.HangoutLink;

    public JsonNode? Start => Fields["start"];

    public JsonNode? End => Fields["end"];

    /// <summary>A value of <c>extendedProperties.private</c>, e.g. the class an event stands for.</summary>
    public string? PrivateProperty(string name) => Fields["extendedProperties"]?["private"]?[name]?.GetValue<string>();
}
