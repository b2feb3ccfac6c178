using System.Text;
using Junocal.Web.Email;
using Junocal.Web.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Junocal.Web.Features.Bookings;

/// <summary>
/// "Add to calendar" from My bookings: the calendar file the emails carry, and Google Calendar's add-event page.
/// Both are built when the client asks, so they carry the join link as it is then.
/// </summary>
public static class BookingCalendarEndpoints
{
    public static string CalendarFilePath(Guid bookingId) => $"/my-bookings/{bookingId:D}/calendar.ics";

    public static string GoogleCalendarPath(Guid bookingId) => $"/my-bookings/{bookingId:D}/google-calendar";

    public static IEndpointRouteBuilder MapBookingCalendar(this IEndpointRouteBuilder endpoints)
    {
        var bookings = endpoints.MapGroup("/my-bookings/{bookingId:guid}").RequireAuthorization(Policies.Client);

        bookings.MapGet("/calendar.ics", async Task<IResult> (Guid bookingId, ClientBookingService service,
            IOptions<EmailOptions> email, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            if (await service.CalendarEntryAsync(bookingId, cancellationToken) is not { } entry)
            {
                return TypedResults.NotFound("No such booking of yours.");
            }

            var calendar = ClassEmailCalendar.Create(entry, MailboxAddress.Parse(email.Value.From), clock.GetUtcNow());
            return TypedResults.File(Encoding.UTF8.GetBytes(calendar), "text/calendar; charset=utf-8", ClassEmailComposer.CalendarFileName);
        });

        bookings.MapGet("/google-calendar", async Task<IResult> (Guid bookingId, ClientBookingService service, CancellationToken cancellationToken) =>
            await service.CalendarEntryAsync(bookingId, cancellationToken) is { } entry
                ? TypedResults.Redirect(ClassEmailCalendar.GoogleCalendarUrl(entry))
                : TypedResults.NotFound("No such booking of yours."));

        return endpoints;
    }
}
