using Junocal.Web.Email;
using MimeKit;

namespace Junocal.Tests.Email;

public class ClassEmailComposerCompose
{
    [Theory]
    [InlineData(EmailKind.BookingConfirmed, "Booked: Reformer Flow on Mon 30 Nov at 07:30")]
    [InlineData(EmailKind.Reminder, "Reminder: Reformer Flow on Mon 30 Nov at 07:30")]
    [InlineData(EmailKind.ClassRescheduled, "Rescheduled: Reformer Flow now on Mon 30 Nov at 07:30")]
    [InlineData(EmailKind.ClassCancelled, "Cancelled: Reformer Flow on Mon 30 Nov at 07:30")]
    public void SaysWhatHappenedAndWhenInTheSubject(EmailKind kind, string subject) =>
        Assert.Equal(subject, ClassEmails.Compose(ClassEmails.ReformerFlow(kind)).Subject);

    [Fact]
    public void AddressesTheClientFromTheConfiguredSender()
    {
        var message = ClassEmails.Compose(ClassEmails.ReformerFlow());

        var to = Assert.Single(message.To.Mailboxes);
        Assert.Equal(("Ana Silva", "ana.silva@example.com"), (to.Name, to.Address));
        var from = Assert.Single(message.From.Mailboxes);
        Assert.Equal(("Junocal", "no-reply@junocal.test"), (from.Name, from.Address));
    }

    [Fact]
    public void NamesTheStudiosContactEmailAndSendsRepliesThere()
    {
        var message = ClassEmails.Compose(ClassEmails.ReformerFlow() with { StudioContactEmail = "desk@juno.test" });

        var replyTo = Assert.Single(message.ReplyTo.Mailboxes);
        Assert.Equal(("Sunrise Pilates", "desk@juno.test"), (replyTo.Name, replyTo.Address));
        Assert.Contains("Questions? Write to Sunrise Pilates at desk@juno.test.", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("desk@juno.test", message.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public void HasNoReplyToWhenTheStudioSetNoContact() =>
        Assert.Empty(ClassEmails.Compose(ClassEmails.ReformerFlow()).ReplyTo);

    [Fact]
    public void BuildsTextAndHtmlAlternativesWithTheCalendarAttached()
    {
        var message = ClassEmails.Compose(ClassEmails.ReformerFlow());

        var mixed = Assert.IsType<Multipart>(message.Body);
        Assert.Equal("multipart/mixed", mixed.ContentType.MimeType);
        var alternative = Assert.IsType<MultipartAlternative>(mixed[0]);
        Assert.Equal(["text/plain", "text/html"], alternative.Select(part => part.ContentType.MimeType));
        var calendar = message.CalendarPart();
        Assert.Equal("class.ics", calendar.ContentDisposition!.FileName);
        Assert.True(calendar.IsAttachment);
        Assert.Equal("REQUEST", calendar.ContentType.Parameters["method"]);
        Assert.Equal("utf-8", calendar.ContentType.Charset);
    }

    [Fact]
    public void EncodesEveryPartSoItSurvivesASevenBitRelay()
    {
        var email = ClassEmails.ReformerFlow() with { ClassName = "Yoga für alle", ClientName = "Zoë" };

        var message = ClassEmails.Compose(email);

        Assert.All(message.BodyParts.OfType<MimePart>(), part =>
            Assert.Contains(part.ContentTransferEncoding, (ContentEncoding[])[ContentEncoding.SevenBit, ContentEncoding.QuotedPrintable, ContentEncoding.Base64]));
        Assert.Contains("Hi Zoë,", message.TextBody, StringComparison.Ordinal);
        Assert.Equal("Yoga für alle", message.CalendarEvent().Summary);
    }

    [Fact]
    public void PutsTheCallersKeyInAHeader() =>
        Assert.Equal("booking-7:reminder:2", ClassEmails.Compose(ClassEmails.ReformerFlow(), "booking-7:reminder:2").Headers["X-Junocal-Email-Key"]);

    [Fact]
    public void ShowsTimesOnTheStudioClockWithTheZoneNamed()
    {
        var message = ClassEmails.Compose(ClassEmails.ReformerFlow());

        var when = $"Monday 30 November {ClassEmails.Year}, 07:30–08:20 (Europe/London)";
        Assert.Contains(when, message.TextBody, StringComparison.Ordinal);
        Assert.Contains(when, message.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public void ShowsSummerTimeAsTheStudioSeesItAndWritesTheStudiosClockToTheCalendar()
    {
        // London went to BST the day before: 07:30 local is 06:30 UTC.
        var email = ClassEmails.ReformerFlow() with { StartsAtUtc = new DateTimeOffset(ClassEmails.Year, 3, 30, 6, 30, 0, TimeSpan.Zero) };

        var message = ClassEmails.Compose(email);

        Assert.Equal("Booked: Reformer Flow on Mon 30 Mar at 07:30", message.Subject);
        Assert.Contains($"Monday 30 March {ClassEmails.Year}, 07:30–08:20 (Europe/London)", message.TextBody, StringComparison.Ordinal);
        var calendar = message.CalendarText();
        Assert.Contains($"DTSTART;TZID=Europe/London:{ClassEmails.Year}0330T073000", calendar, StringComparison.Ordinal);
        Assert.Contains($"DTEND;TZID=Europe/London:{ClassEmails.Year}0330T082000", calendar, StringComparison.Ordinal);
        Assert.Contains("BEGIN:VTIMEZONE", calendar, StringComparison.Ordinal);
        Assert.Equal(email.StartsAtUtc.UtcDateTime, message.CalendarEvent().DtStart!.AsUtc);
    }

    [Fact]
    public void ShowsTheStudiosZoneNotTheServers()
    {
        var email = ClassEmails.ReformerFlow() with { StudioTimeZoneId = "America/New_York" };

        var message = ClassEmails.Compose(email);

        Assert.Equal("Booked: Reformer Flow on Mon 30 Nov at 02:30", message.Subject);
        Assert.Contains($"Monday 30 November {ClassEmails.Year}, 02:30–03:20 (America/New_York)", message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void PutsTheJoinLinkInTheBodyAndTheCalendarEvent()
    {
        var message = ClassEmails.Compose(ClassEmails.ReformerFlow(EmailKind.Reminder));

        Assert.Contains(ClassEmails.JoinUrl, message.TextBody, StringComparison.Ordinal);
        var encodedUrl = ClassEmails.JoinUrl.Replace("&", "&amp;", StringComparison.Ordinal);
        Assert.Contains($"<a href=\"{encodedUrl}\"", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains(">Join class</a>", message.HtmlBody, StringComparison.Ordinal);
        var calendarEvent = message.CalendarEvent();
        Assert.Equal(ClassEmails.JoinUrl, calendarEvent.Location);
        Assert.Contains(ClassEmails.JoinUrl, calendarEvent.Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(EmailKind.BookingConfirmed)]
    [InlineData(EmailKind.Reminder)]
    [InlineData(EmailKind.ClassRescheduled)]
    [InlineData(EmailKind.ClassCancelled)]
    public void ShowsTheLocationButNoJoinLinkWhenTheClassHasNone(EmailKind kind)
    {
        var email = ClassEmails.ReformerFlow(kind) with { JoinUrl = null, LocationText = "Studio 2, 1 High Street" };

        var message = ClassEmails.Compose(email);

        Assert.Contains("Studio 2, 1 High Street", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("Studio 2, 1 High Street", message.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Join class", message.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Join class", message.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<a ", message.HtmlBody, StringComparison.Ordinal);
        Assert.Equal("Studio 2, 1 High Street", message.CalendarEvent().Location);
    }

    [Fact]
    public void LeavesTheDeadLinkOutOfACancellationAndCancelsTheCalendarEvent()
    {
        var email = ClassEmails.ReformerFlow(EmailKind.ClassCancelled) with { CancellationReason = "The instructor is ill." };

        var message = ClassEmails.Compose(email);

        Assert.DoesNotContain("zoom.us", message.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("zoom.us", message.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("zoom.us", message.CalendarText(), StringComparison.Ordinal);
        Assert.Contains("The instructor is ill.", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("Online · Zoom", message.TextBody, StringComparison.Ordinal);
        var calendar = message.CalendarText();
        Assert.Contains("METHOD:CANCEL", calendar, StringComparison.Ordinal);
        Assert.Contains("STATUS:CANCELLED", calendar, StringComparison.Ordinal);
        Assert.Equal("CANCEL", message.CalendarPart().ContentType.Parameters["method"]);
    }

    [Theory]
    [InlineData(EmailKind.BookingConfirmed)]
    [InlineData(EmailKind.Reminder)]
    [InlineData(EmailKind.ClassRescheduled)]
    public void InvitesWithMethodRequest(EmailKind kind)
    {
        var calendar = ClassEmails.Compose(ClassEmails.ReformerFlow(kind)).CalendarText();

        Assert.Contains("METHOD:REQUEST", calendar, StringComparison.Ordinal);
        Assert.Contains("STATUS:CONFIRMED", calendar, StringComparison.Ordinal);
        Assert.Contains("SUMMARY:Reformer Flow", calendar, StringComparison.Ordinal);
    }

    [Fact]
    public void KeepsOneCalendarUidForEveryEmailAboutTheClass()
    {
        var uids = Enum.GetValues<EmailKind>()
            .Select(kind => ClassEmails.Compose(ClassEmails.ReformerFlow(kind)).CalendarEvent().Uid)
            .Distinct();

        Assert.Equal($"class-{ClassEmails.ClassId:D}@junocal", Assert.Single(uids));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    public void NumbersTheCalendarSequenceWithTheClassVersion(int version)
    {
        var message = ClassEmails.Compose(ClassEmails.ReformerFlow() with { ClassVersion = version });

        Assert.Contains($"SEQUENCE:{version}", message.CalendarText(), StringComparison.Ordinal);
        Assert.Equal(version, message.CalendarEvent().Sequence);
    }

    [Fact]
    public void ShowsTheOldAndNewTimesOfARescheduledClass()
    {
        var email = ClassEmails.ReformerFlow(EmailKind.ClassRescheduled) with
        {
            StartsAtUtc = new DateTimeOffset(ClassEmails.Year, 12, 1, 8, 0, 0, TimeSpan.Zero),
            PreviousStartsAtUtc = new DateTimeOffset(ClassEmails.Year, 11, 30, 7, 30, 0, TimeSpan.Zero),
        };

        var message = ClassEmails.Compose(email);

        Assert.Equal("Rescheduled: Reformer Flow now on Tue 1 Dec at 08:00", message.Subject);
        Assert.Contains($"Tuesday 1 December {ClassEmails.Year}, 08:00–08:50 (Europe/London)", message.TextBody, StringComparison.Ordinal);
        Assert.Contains($"Monday 30 November {ClassEmails.Year}, 07:30 (Europe/London)", message.TextBody, StringComparison.Ordinal);
        Assert.Contains(ClassEmails.JoinUrl, message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void EscapesWhatPeopleTypedSoMarkupInItIsInert()
    {
        var email = ClassEmails.ReformerFlow() with
        {
            ClassName = "<script>alert('x')</script> & Flow",
            InstructorName = "<img src=x onerror=alert(1)>",
            ClientName = "Ana \"<b>\"",
            LocationText = "Room <1>",
        };

        var html = ClassEmails.Compose(email).HtmlBody;

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Flow", html, StringComparison.Ordinal);
        Assert.Contains("Room &lt;1&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void WritesAnAccessibleHtmlPage()
    {
        var html = ClassEmails.Compose(ClassEmails.ReformerFlow()).HtmlBody;

        Assert.Contains("<html lang=\"en\">", html, StringComparison.Ordinal);
        Assert.Contains("<title>Booked: Reformer Flow on Mon 30 Nov at 07:30</title>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<style", html, StringComparison.Ordinal);
    }

    [Fact]
    public void KeepsALineBreakInTheClassNameOutOfTheSubject()
    {
        var message = ClassEmails.Compose(ClassEmails.ReformerFlow() with { ClassName = "Reformer\r\nBcc: x@evil.test" });

        Assert.Equal("Booked: Reformer Bcc: x@evil.test on Mon 30 Nov at 07:30", message.Subject);
        Assert.Empty(message.Bcc);
    }

    [Fact]
    public void RefusesAJoinLinkThatIsNotAWebAddress() =>
        Assert.Throws<ArgumentException>(() => ClassEmails.Compose(ClassEmails.ReformerFlow() with { JoinUrl = "javascript:alert(1)" }));
}
