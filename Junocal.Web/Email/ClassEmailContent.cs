namespace Junocal.Web.Email;

/// <summary>The words of one class email, before they become plain text, HTML and a calendar file.</summary>
internal sealed record ClassEmailContent(
    string Subject,
    string Heading,
    string Greeting,
    string Lead,
    IReadOnlyList<EmailDetail> Details,
    string? JoinUrl,
    string CalendarNote,
    string Footer)
{
    public static ClassEmailContent For(ClassEmail email)
    {
        var times = new StudioTimeText(email.StudioTimeZoneId);
        var name = SingleLine(email.ClassName);
        var when = times.Span(email.StartsAtUtc, email.EndsAtUtc);
        var details = new List<EmailDetail> { new("When", when) };
        if (email is { Kind: EmailKind.ClassRescheduled, PreviousStartsAtUtc: { } previous })
        {
            details.Add(new("Was", times.Moment(previous)));
        }

        details.Add(new("Where", email.LocationText));
        details.Add(new("Instructor", email.InstructorName));
        if (email is { Kind: EmailKind.ClassCancelled, CancellationReason: { Length: > 0 } reason })
        {
            details.Add(new("Reason", reason));
        }

        var (subject, heading, lead) = email.Kind switch
        {
            EmailKind.BookingConfirmed => (
                $"Booked: {name} on {times.Short(email.StartsAtUtc)}",
                "You're booked",
                $"Your place in {name} with {email.InstructorName} at {email.StudioName} is confirmed."),
            EmailKind.Reminder => (
                $"Reminder: {name} on {times.Short(email.StartsAtUtc)}",
                "Your class is coming up",
                $"A reminder that {name} with {email.InstructorName} at {email.StudioName} starts soon."),
            EmailKind.ClassRescheduled => (
                $"Rescheduled: {name} now on {times.Short(email.StartsAtUtc)}",
                "Your class has moved",
                $"{email.StudioName} has moved {name} to a new time. Your booking moves with it."),
            EmailKind.ClassCancelled => (
                $"Cancelled: {name} on {times.Short(email.StartsAtUtc)}",
                "Your class is cancelled",
                $"{email.StudioName} has cancelled {name}. We're sorry for the change of plans."),
            _ => throw new ArgumentOutOfRangeException(nameof(email), email.Kind, "Unknown email kind."),
        };

        var calendarNote = email.Kind == EmailKind.ClassCancelled
            ? "Open the attached class.ics to remove the class from your calendar."
            : "Open the attached class.ics to add the class to your calendar, or update it there.";

        return new ClassEmailContent(
            subject,
            heading,
            $"Hi {email.ClientName},",
            lead,
            details,
            email.ShownJoinUrl,
            calendarNote,
            (email.StudioContactEmail is { } contact ? $"Questions? Write to {email.StudioName} at {contact}. " : "")
                + $"You get this email because you booked a class at {email.StudioName}. Sent by Junocal.");
    }

    // A class name is typed by a person; a line break in it must not break the subject header.
    private static string SingleLine(string text) =>
        string.Join(' ', text.Split((char[])['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim();
}

internal sealed record EmailDetail(string Label, string Value);
