using Junocal.Domain.Scheduling;
using Junocal.Web.Email;

namespace Junocal.Web.Notifications;

/// <summary>Records, in the caller's transaction, which emails a change to a class or booking owes its clients.</summary>
internal static class ClassEmailsOwed
{
    public static OutboxEmail Confirmation(ClassSession session, Booking booking, DateTimeOffset now) =>
        OutboxEmail.Owe(session.StudioId, booking.Id, session.Id, EmailKind.BookingConfirmed, session.Revision, now);

    public static IEnumerable<OutboxEmail> ToEveryBooking(ClassSession session, EmailKind kind, DateTimeOffset now) =>
        session.Bookings.Where(b => b.IsActive)
            .Select(b => OutboxEmail.Owe(session.StudioId, b.Id, session.Id, kind, session.Revision, now));
}
