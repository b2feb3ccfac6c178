namespace Junocal.Web.Email;

public enum EmailKind
{
    BookingConfirmed,
    Reminder,
    ClassRescheduled,
    ClassCancelled,
}

/// <summary>
/// Everything one email about a class says, read from current data at send time.
/// </summary>
/// <param name="Kind">Which email this is.</param>
/// <param name="StudioName">The studio's name as clients know it.</param>
/// <param name="StudioTimeZoneId">The studio's IANA zone; every time in the email is shown in it.</param>
/// <param name="ClientName">The recipient's name, for the greeting.</param>
/// <param name="ClientEmail">The recipient's address.</param>
/// <param name="ClassId">The class; its calendar event keeps one UID derived from it.</param>
/// <param name="ClassVersion">Grows with every change to the class; calendars keep the event with the highest one.</param>
/// <param name="ClassName">The class's name.</param>
/// <param name="InstructorName">Who teaches it.</param>
/// <param name="StartsAtUtc">The (current) start.</param>
/// <param name="DurationMinutes">How long the class lasts.</param>
/// <param name="LocationText">The room, or a description of the virtual location; shown in every email.</param>
/// <param name="JoinUrl">The current join link, when the class has one. Never shown in a cancellation.</param>
/// <param name="CancellationReason">Why the class was cancelled, for <see cref="EmailKind.ClassCancelled"/>.</param>
/// <param name="PreviousStartsAtUtc">The old start, for <see cref="EmailKind.ClassRescheduled"/>.</param>
/// <param name="StudioContactEmail">Where clients reach the studio, when it set an address: named in the email and its Reply-To.</param>
public sealed record ClassEmail(
    EmailKind Kind,
    string StudioName,
    string StudioTimeZoneId,
    string ClientName,
    string ClientEmail,
    Guid ClassId,
    int ClassVersion,
    string ClassName,
    string InstructorName,
    DateTimeOffset StartsAtUtc,
    int DurationMinutes,
    string LocationText,
    string? JoinUrl,
    string? CancellationReason = null,
    DateTimeOffset? PreviousStartsAtUtc = null,
    string? StudioContactEmail = null)
{
    public DateTimeOffset EndsAtUtc => StartsAtUtc.AddMinutes(DurationMinutes);

    /// <summary>The link to show: the join link, except in a cancellation, where a dead link would only mislead.</summary>
    public string? ShownJoinUrl => Kind == EmailKind.ClassCancelled ? null : JoinUrl;
}
