using System.Text;
using Junocal.Tests.Infrastructure;
using Junocal.Web.Email;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace Junocal.Tests.Email;

/// <summary>Test data for class emails; vary it with <c>with</c>.</summary>
internal static class ClassEmails
{
    public static readonly Guid ClassId = Guid.Parse("0190f3a2-7c1e-7d2a-9b3c-4d5e6f708192");

    /// <summary>The fake clock's year: every date below is in it, so its weekdays never change.</summary>
    public static readonly int Year = TestCalendar.FakeNow.Year;

    public const string JoinUrl = "https://zoom.us/j/81234567890?pwd=Abc123&from=junocal";

    /// <summary>Monday 30 November, 07:30–08:20 in London (winter, so UTC too), on Zoom.</summary>
    public static ClassEmail ReformerFlow(EmailKind kind = EmailKind.BookingConfirmed) => new(
        kind,
        StudioName: "Sunrise Pilates",
        StudioTimeZoneId: "Europe/London",
        ClientName: "Ana Silva",
        ClientEmail: "ana.silva@example.com",
        ClassId: ClassId,
        ClassVersion: 3,
        ClassName: "Reformer Flow",
        InstructorName: "Maya Chen",
        StartsAtUtc: new DateTimeOffset(Year, 11, 30, 7, 30, 0, TimeSpan.Zero),
        DurationMinutes: 50,
        LocationText: "Online · Zoom",
        JoinUrl: JoinUrl);

    public static ClassEmailComposer Composer(string from = "Junocal <no-reply@junocal.test>") =>
        new(Options.Create(new EmailOptions { From = from }), new FakeTimeProvider(new DateTimeOffset(Year, 11, 28, 9, 0, 0, TimeSpan.Zero)));

    public static MimeMessage Compose(ClassEmail email, string key = "booking-1:confirmed:3") => Composer().Compose(email, key);

    public static MimeEntity CalendarPart(this MimeMessage message) =>
        Assert.Single(message.BodyParts, part => part.ContentType.IsMimeType("text", "calendar"));

    public static string CalendarText(this MimeMessage message)
    {
        using var bytes = new MemoryStream();
        ((MimePart)message.CalendarPart()).Content!.DecodeTo(bytes);
        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    public static Ical.Net.CalendarComponents.CalendarEvent CalendarEvent(this MimeMessage message) =>
        Assert.Single(Ical.Net.Calendar.Load(message.CalendarText())!.Events);
}
