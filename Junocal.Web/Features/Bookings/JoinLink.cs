using Junocal.Domain.Scheduling;
using Junocal.Web.Meetings;

namespace Junocal.Web.Features.Bookings;

/// <summary>
/// The link to join a virtual class as it stands now, or why there is none: in the owner's words for staff
/// (<see cref="Describe"/>), in a client's words for clients (<see cref="WhyNone"/>).
/// </summary>
public sealed record JoinLink(string? Url, string? WhyNone, string? StaffState)
{
    public string Describe() => StaffState ?? (Url is null ? WhyNone ?? "" : "Link ready");

    public static JoinLink? For(Location location, ClassStatus status, MeetingSnapshot? meeting = null) => (location.Kind, status) switch
    {
        (LocationKind.InPerson, _) => null,
        (_, ClassStatus.Cancelled) => new JoinLink(null, "The class was cancelled.", null),
        (LocationKind.CustomLink, _) => new JoinLink(location.Url, null, null),
        (LocationKind.Zoom, _) when meeting?.JoinUrl is { } url => new JoinLink(url, null, meeting.State == MeetingSyncState.Linked ? null : StateOf(meeting)),
        (LocationKind.Zoom, _) => new JoinLink(null, ClientNote(meeting), StateOf(meeting)),
        _ => new JoinLink(null, "The studio has not added a link yet.", null),
    };

    private static string StateOf(MeetingSnapshot? meeting) => meeting?.State switch
    {
        null or MeetingSyncState.Pending => "Creating Zoom meeting…",
        MeetingSyncState.Linked => "Link ready",
        MeetingSyncState.Retrying => $"Retrying (attempt {meeting.Attempts}, next at {meeting.NextAttemptAt:HH:mm:ss} UTC): {meeting.LastError}",
        MeetingSyncState.WaitingReconnect => "Waiting for Zoom reconnect",
        MeetingSyncState.DailyLimit => "Zoom daily limit reached — will retry after 00:00 UTC",
        MeetingSyncState.RemovedInZoom => "Zoom link removed — the meeting was deleted in Zoom. Reschedule to regenerate, or switch to a custom link.",
        MeetingSyncState.Failed => $"Failed: {meeting.LastError} Edit the class or switch it to a custom link.",
        MeetingSyncState.LinkNeeded => "Link needed — Zoom was disconnected",
        _ => meeting.State.ToString()!,
    };

    private static string ClientNote(MeetingSnapshot? meeting) => meeting?.State switch
    {
        MeetingSyncState.RemovedInZoom or MeetingSyncState.LinkNeeded or MeetingSyncState.Failed => "The studio is arranging a new link.",
        _ => "The Zoom link will appear here shortly.",
    };
}

/// <summary>What a page needs of a class's meeting row.</summary>
public sealed record MeetingSnapshot(string? JoinUrl, MeetingSyncState State, int Attempts, DateTimeOffset? NextAttemptAt, string? LastError);
