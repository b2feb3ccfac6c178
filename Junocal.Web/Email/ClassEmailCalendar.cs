using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using MimeKit;

namespace Junocal.Web.Email;

/// <summary>
/// The iCalendar (iTIP) invitation that keeps a client's calendar in step with the class: the same UID for every
/// email about one class, and a SEQUENCE that grows with the class, so a later email replaces an earlier one.
/// </summary>
internal static class ClassEmailCalendar
{
    public const string ProductId = "-//Junocal//Class emails//EN";

    public static string MethodFor(EmailKind kind) => kind == EmailKind.ClassCancelled ? "CANCEL" : "REQUEST";

    public static string UidFor(Guid classId) => $"class-{classId:D}@junocal";

    public static string Create(ClassEmail email, MailboxAddress organizer, DateTimeOffset now)
    {
        var cancelled = email.Kind == EmailKind.ClassCancelled;
        var calendarEvent = new CalendarEvent
        {
            Uid = UidFor(email.ClassId),
            Sequence = email.ClassVersion,
            DtStamp = Utc(now),
            DtStart = Utc(email.StartsAtUtc),
            DtEnd = Utc(email.EndsAtUtc),
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
        calendar.Events.Add(calendarEvent);
        return new CalendarSerializer().SerializeToString(calendar)!;
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
