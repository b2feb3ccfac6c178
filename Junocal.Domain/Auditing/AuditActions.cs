namespace Junocal.Domain.Auditing;

/// <summary>
/// Every action the audit log records, in one list. The log's kind filter is derived from it, so a new action is
/// filterable as soon as it is listed here.
/// </summary>
public static class AuditActions
{
    public const string StudioCreated = "studio.created";

    public const string ClassScheduled = "class.scheduled";
    public const string ClassUpdated = "class.updated";
    public const string ClassCancelled = "class.cancelled";

    public const string BookingCreated = "booking.created";
    public const string BookingCancelled = "booking.cancelled";

    public const string MeetingCreated = "meeting.created";
    public const string MeetingUpdated = "meeting.updated";
    public const string MeetingDeleted = "meeting.deleted";
    public const string MeetingRecreated = "meeting.recreated";
    public const string MeetingFailed = "meeting.failed";
    public const string MeetingDeletedAtProvider = "meeting.deleted_at_provider";
    public const string MeetingCreateUncertain = "meeting.create_uncertain";

    public const string ZoomConnected = "zoom.connected";
    public const string ZoomReconnected = "zoom.reconnected";
    public const string ZoomReconnectRequired = "zoom.reconnect_required";
    public const string ZoomDisconnected = "zoom.disconnected";
    public const string ZoomDeauthorized = "zoom.deauthorized";
    public const string ZoomRevokeFailed = "zoom.revoke_failed";

    public const string GoogleConnected = "google.connected";
    public const string GoogleReconnected = "google.reconnected";
    public const string GoogleReconnectRequired = "google.reconnect_required";
    public const string GoogleDisconnected = "google.disconnected";
    public const string GoogleRevokeFailed = "google.revoke_failed";
    public const string GoogleCalendarUncertain = "google.calendar_uncertain";

    public const string EmailFailed = "email.failed";

    public static IReadOnlyList<string> All { get; } =
    [
        ClassScheduled, ClassUpdated, ClassCancelled,
        BookingCreated, BookingCancelled,
        MeetingCreated, MeetingUpdated, MeetingDeleted, MeetingRecreated, MeetingFailed, MeetingDeletedAtProvider, MeetingCreateUncertain,
        ZoomConnected, ZoomReconnected, ZoomReconnectRequired, ZoomDisconnected, ZoomDeauthorized, ZoomRevokeFailed,
        GoogleConnected, GoogleReconnected, GoogleReconnectRequired, GoogleDisconnected, GoogleRevokeFailed, GoogleCalendarUncertain,
        EmailFailed,
        StudioCreated,
    ];

    private static readonly Dictionary<string, string> KindLabels = new(StringComparer.Ordinal)
    {
        ["class"] = "Classes", ["booking"] = "Bookings", ["meeting"] = "Meetings", ["zoom"] = "Zoom", ["google"] = "Google Meet",
        ["email"] = "Emails", ["studio"] = "Studio",
    };

    /// <summary>
    /// The kinds the log can be filtered by: the first part of each listed action ("zoom." of "zoom.connected"), in
    /// the order of <see cref="All"/>, each with the label the filter shows.
    /// </summary>
    public static IReadOnlyList<AuditKind> Kinds { get; } = All
        .Select(action => action[..action.IndexOf('.', StringComparison.Ordinal)])
        .Distinct(StringComparer.Ordinal)
        .Select(kind => new AuditKind(kind + ".", KindLabels.GetValueOrDefault(kind) ?? char.ToUpperInvariant(kind[0]) + kind[1..]))
        .ToList();
}

/// <param name="Prefix">What every action of the kind starts with, e.g. "zoom.".</param>
/// <param name="Label">What the filter shows.</param>
public sealed record AuditKind(string Prefix, string Label);
