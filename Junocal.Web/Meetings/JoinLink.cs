using System.Linq.Expressions;
using Junocal.Domain.Meetings;
using Junocal.Domain.Scheduling;
using Junocal.Domain.Studios;
using Junocal.Web.Components.Shared;

namespace Junocal.Web.Meetings;

/// <summary>Where a virtual class's link stands, as every page and email tells it apart.</summary>
public enum LinkStatus
{
    /// <summary>The link works.</summary>
    Ready,

    /// <summary>The provider is creating the meeting (or changing it; the link it has still works).</summary>
    Creating,

    Retrying,
    WaitingReconnect,
    DailyLimit,

    /// <summary>The meeting was deleted at the provider, outside Junocal.</summary>
    RemovedAtProvider,

    Failed,

    /// <summary>The provider was disconnected (or never connected).</summary>
    LinkNeeded,

    ClassCancelled,

    /// <summary>A custom-link class whose owner has not pasted a link.</summary>
    NotAdded,
}

/// <summary>
/// The link to join a virtual class as it stands now, typed, with the only texts pages and emails show for it: in
/// the owner's words for staff (<see cref="Describe"/>), in a client's words for clients (<see cref="WhyNone"/>).
/// </summary>
/// <param name="Url">The link to join, when there is one that works.</param>
/// <param name="Status">Where the link stands; <see cref="LinkStatus.Ready"/> unless something is in its way.</param>
/// <param name="Provider">The provider's name, for a generated link ("Zoom").</param>
/// <param name="Meeting">The meeting row behind a generated link, for the details of a retry or a failure.</param>
public sealed record JoinLink(string? Url, LinkStatus Status, string? Provider = null, MeetingSnapshot? Meeting = null)
{
    private static readonly System.Globalization.CultureInfo DateCulture = System.Globalization.CultureInfo.GetCultureInfo("en-GB");

    /// <summary>The link is on its way: a page showing it should expect it to change soon.</summary>
    public bool IsSettling => Url is null && Status is LinkStatus.Creating or LinkStatus.Retrying;

    /// <summary>The location kind of a generated link, for texts that differ by kind.</summary>
    public LocationKind? Kind { get; init; }

    /// <summary>The studio's zone, so a planned day reads as the studio's day; without it the texts say UTC.</summary>
    public StudioTimeZone? Zone { get; init; }

    /// <summary>This link with its texts in the studio's time.</summary>
    public JoinLink In(StudioTimeZone zone) => this with { Zone = zone };

    /// <summary>What staff read: "Link ready", or what stands in the link's way.</summary>
    public string Describe() => Status switch
    {
        LinkStatus.Ready => "Link ready",
        LinkStatus.Creating => Kind is { } kind ? Location.CreatingText(kind) : $"Creating {Provider} meeting…",
        LinkStatus.Retrying => $"Retrying (attempt {Meeting?.Attempts}, next at {Meeting?.NextAttemptAt:HH:mm:ss} UTC): {Meeting?.LastError}",
        LinkStatus.WaitingReconnect => $"Waiting for {Provider} reconnect",
        LinkStatus.DailyLimit => Meeting?.NextAttemptAt is { } expected
            ? $"{Provider} daily limit reached — link expected {ExpectedAt(expected)} (soonest classes first)"
            : $"{Provider} daily limit reached — will retry after 00:00 UTC",
        LinkStatus.RemovedAtProvider => Kind is { } removed ? Location.RemovedText(removed)
            : $"{Provider} link removed — the meeting was deleted in {Provider}. Reschedule to regenerate, or switch to a custom link.",
        LinkStatus.Failed => $"Failed: {Meeting?.LastError} Edit the class or switch it to a custom link.",
        LinkStatus.LinkNeeded => $"Link needed — {Provider} was disconnected",
        LinkStatus.ClassCancelled => "The class was cancelled.",
        LinkStatus.NotAdded => "The studio has not added a link yet.",
        _ => Status.ToString(),
    };

    /// <summary>What a client reads when there is no link to give them; null when there is one.</summary>
    public string? WhyNone => Url is not null ? null : Status switch
    {
        LinkStatus.ClassCancelled => "The class was cancelled.",
        LinkStatus.NotAdded => "The studio has not added a link yet.",
        LinkStatus.RemovedAtProvider or LinkStatus.LinkNeeded or LinkStatus.Failed => "The studio is arranging a new link.",
        // The provider's daily quota holds the link back until a known day; "shortly" would not be true.
        LinkStatus.DailyLimit when Meeting?.NextAttemptAt is { } expected => $"The {Provider} link will be here by {ExpectedDay(expected)}.",
        LinkStatus.DailyLimit => $"The {Provider} link will be here after 00:00 UTC.",
        _ => $"The {Provider} link will appear here shortly.",
    };

    // The quota day starts at 00:00 UTC, which is the evening before in a studio west of Greenwich: the studio's
    // clock says when the link comes.
    private string ExpectedAt(DateTimeOffset expected) => Zone is { } zone
        ? $"{StudioTime.ShortDay(zone.ToLocal(expected))}, {StudioTime.Time(zone.ToLocal(expected))}"
        : string.Create(DateCulture, $"{expected.UtcDateTime:ddd d MMM, HH:mm} UTC");

    private string ExpectedDay(DateTimeOffset expected) => Zone is { } zone
        ? StudioTime.Day(zone.ToLocal(expected))
        : string.Create(DateCulture, $"{expected.UtcDateTime:dddd d MMMM} (UTC)");

    /// <summary>
    /// The link of a class at <c>location</c> in <c>status</c> with its meeting row (if any) and its
    /// <see cref="ClassSession.MeetingDeletedAtProvider"/>; null for an in-person class.
    /// </summary>
    public static JoinLink? For(Location location, ClassStatus status, MeetingSnapshot? meeting, bool meetingDeletedAtProvider = false)
    {
        if (location.Kind == LocationKind.InPerson)
        {
            return null;
        }

        if (status == ClassStatus.Cancelled)
        {
            return new JoinLink(null, LinkStatus.ClassCancelled);
        }

        if (!location.IsAutoGenerated)
        {
            return location.Url is { } url ? new JoinLink(url, LinkStatus.Ready) : new JoinLink(null, LinkStatus.NotAdded);
        }

        var provider = Location.ProviderName(location.Kind);
        if (meeting is null)
        {
            return new JoinLink(null, meetingDeletedAtProvider ? LinkStatus.RemovedAtProvider : LinkStatus.Creating, provider) { Kind = location.Kind };
        }

        var state = meeting.State switch
        {
            MeetingSyncState.Linked => LinkStatus.Ready,
            MeetingSyncState.Retrying => LinkStatus.Retrying,
            MeetingSyncState.WaitingReconnect => LinkStatus.WaitingReconnect,
            MeetingSyncState.DailyLimit => LinkStatus.DailyLimit,
            MeetingSyncState.Failed => LinkStatus.Failed,
            MeetingSyncState.LinkNeeded => LinkStatus.LinkNeeded,
            _ => LinkStatus.Creating,
        };
        return new JoinLink(meeting.JoinUrl, state, provider, meeting) { Kind = location.Kind };
    }
}

/// <summary>What a page or email needs of a class's meeting row.</summary>
public sealed record MeetingSnapshot(string? JoinUrl, MeetingSyncState State, int Attempts, DateTimeOffset? NextAttemptAt, string? LastError)
{
    /// <summary>The one projection of a meeting row into a snapshot, for queries.</summary>
    public static readonly Expression<Func<ClassMeeting, MeetingSnapshot>> Of =
        m => new MeetingSnapshot(m.JoinUrl, m.State, m.Attempts, m.NextAttemptAt, m.LastError);
}
