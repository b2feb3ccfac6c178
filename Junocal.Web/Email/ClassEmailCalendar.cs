using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Junocal.Domain.Studios;
using MimeKit;

namespace Junocal.Web.Email;

/// <summary>
/// The iCalendar (iTIP) invitation that keeps a client's calendar in step with the class: the same UID for every
/// email about one class, and a SEQUENCE that grows with the class, so a later email replaces an earlier one.
/// Times are written on the studio's clock with its zone (TZID plus VTIMEZONE), so the event keeps the studio's
/// wall-clock time across daylight-saving changes and reads as the studio means it.
/// </summary>
internal static class ClassEmailCalendar
{
    public const string ProductId = "-//Junocal//Class emails//EN";

    public static string MethodFor(EmailKind kind) => kind == EmailKind.ClassCancelled ? "CANCEL" : "REQUEST";

    public static string UidFor(Guid classId) => $"class-{classId:D}@junocal";

    public static string Create(ClassEmail email, MailboxAddress organizer, DateTimeOffset now)
    {
        var cancelled = email.Kind == EmailKind.ClassCancelled;
        var zone = new StudioTimeZone(email.StudioTimeZoneId);
        var calendarEvent = new CalendarEvent
        {
            Uid = UidFor(email.ClassId),
            Sequence = email.ClassVersion,
            DtStamp = Utc(now),
            DtStart = new CalDateTime(zone.ToLocal(email.StartsAtUtc), zone.Id),
            DtEnd = new CalDateTime(zone.ToLocal(email.EndsAtUtc), zone.Id),
            Summary = email.ClassName,
            Location = email.ShownJoinUrl ?? email.LocationText,
            Description = Describe(email),
            Status = cancelled ? EventStatus.Cancelled : EventStatus.Confirmed,
            Organizer = new Organizer($"mailto:{organizer.Address}") { CommonName = email.StudioName },
        };
        calendarEvent.Attendees.Add(new Attendee($"mailto:{email.ClientEmail}")
        {
            CommonName = email.ClientName,
            Role = ParticipationRole.RequiredParticipant,
            ParticipationStatus = EventParticipationStatus.Accepted,
            Rsvp = false,
        });
        if (email.ShownJoinUrl is { } joinUrl)
        {
            calendarEvent.Url = new Uri(joinUrl);
        }

        var calendar = new Calendar { ProductId = ProductId, Method = MethodFor(email.Kind) };
        calendar.AddTimeZone(zone.Id);
        calendar.Events.Add(calendarEvent);
        return new CalendarSerializer().SerializeToString(calendar)!;
    }

    /// <summary>
    /// Google Calendar's "add event" page filled in with what the calendar file says: the studio-local times with
    /// the studio's zone (<c>ctz</c>), and the join link in the location and the description.
    /// </summary>
    public static string GoogleCalendarUrl(ClassEmail email)
    {
        var zone = new StudioTimeZone(email.StudioTimeZoneId);
        var dates = $"{Stamp(zone.ToLocal(email.StartsAtUtc))}/{Stamp(zone.ToLocal(email.EndsAtUtc))}";
        return "https://calendar.google.com/calendar/render?action=TEMPLATE"
            + "&text=" + Uri.EscapeDataString(email.ClassName)
            + "&dates=" + dates
            + "&ctz=" + Uri.EscapeDataString(zone.Id)
            + "&details=" + Uri.EscapeDataString(Describe(email))
            + "&location=" + Uri.EscapeDataString(email.ShownJoinUrl ?? email.LocationText);

        static string Stamp(DateTime local) => local.ToString("yyyyMMdd'T'HHmmss", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string Describe(ClassEmail email)
    {
        var lines = new List<string> { $"{email.ClassName} with {email.InstructorName} at {email.StudioName}." };
        if (email is { Kind: EmailKind.ClassCancelled, CancellationReason: { Length: > 0 } reason })
        {
            lines.Add($"Cancelled: {reason}");
        }

        if (email.ShownJoinUrl is { } joinUrl)
        {
            lines.Add($"Join class: {joinUrl}");
        }

        return string.Join('\n', lines);
    }

    private static CalDateTime Utc(DateTimeOffset instant) => new(instant.UtcDateTime, CalDateTime.UtcTzId);
}
