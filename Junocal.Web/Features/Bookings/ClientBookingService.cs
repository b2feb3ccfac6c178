using Junocal.Domain.People;
using Junocal.Domain.Scheduling;
using Junocal.Web.Data;
using Junocal.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Junocal.Web.Features.Bookings;

/// <summary>What a client sees: the studio's upcoming classes and their own bookings.</summary>
public sealed class ClientBookingService(IDbContextFactory<JunocalDbContext> contexts, CurrentUser user, TimeProvider clock)
{
    public async Task<IReadOnlyList<BookableClass>> UpcomingClassesAsync(int days, CancellationToken cancellationToken)
    {
        user.Require(Roles.Client);
        var clientId = user.PersonId;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var zone = await db.StudioTimeZoneAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var until = now.AddDays(days);

        var rows = await db.ClassSessions
            .Where(c => c.Status == ClassStatus.Scheduled && c.StartsAt > now && c.StartsAt < until)
            .OrderBy(c => c.StartsAt)
            .Select(c => new
            {
                c.Id,
                c.Name,
                c.StartsAt,
                c.DurationMinutes,
                Instructor = db.StaffMembers.Where(s => s.Id == c.InstructorId).Select(s => s.Name).FirstOrDefault() ?? "",
                c.Location,
                Booked = c.Bookings.Count(b => b.Status == BookingStatus.Active),
                c.Capacity,
                BookedByMe = c.Bookings.Any(b => b.Status == BookingStatus.Active && b.ClientId == clientId),
            })
            .ToListAsync(cancellationToken);

        return rows
            .Select(r => new BookableClass(r.Id, r.Name, zone.ToLocal(r.StartsAt), r.DurationMinutes, r.Instructor,
                r.Location.Kind, r.Location.Describe(), Math.Max(0, r.Capacity - r.Booked), r.BookedByMe))
            .ToList();
    }

    public async Task<MyBookings> MyBookingsAsync(CancellationToken cancellationToken)
    {
        user.Require(Roles.Client);
        var clientId = user.PersonId;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var zone = await db.StudioTimeZoneAsync(cancellationToken);
        var now = clock.GetUtcNow();

        var rows = await db.Bookings
            .Where(b => b.ClientId == clientId && b.Status == BookingStatus.Active)
            .Join(db.ClassSessions, b => b.ClassSessionId, c => c.Id, (b, c) => new
            {
                BookingId = b.Id,
                ClassId = c.Id,
                c.Name,
                c.StartsAt,
                c.DurationMinutes,
                Instructor = db.StaffMembers.Where(s => s.Id == c.InstructorId).Select(s => s.Name).FirstOrDefault() ?? "",
                c.Location,
                c.Status,
            })
            .OrderBy(r => r.StartsAt)
            .ToListAsync(cancellationToken);

        var bookings = rows
            .Select(r => new MyBooking(r.BookingId, r.ClassId, r.Name, zone.ToLocal(r.StartsAt), r.DurationMinutes,
                r.Instructor, r.Location.Kind, r.Location.Describe(), JoinLink.For(r.Location, r.Status),
                r.Status == ClassStatus.Cancelled, r.StartsAt.AddMinutes(r.DurationMinutes) <= now))
            .ToList();
        return new MyBookings(
            zone.Id,
            bookings.Where(b => !b.IsPast).ToList(),
            bookings.Where(b => b.IsPast).Reverse().ToList());
    }
}

public sealed record BookableClass(
    Guid Id, string Name, DateTime StartsLocal, int DurationMinutes, string Instructor,
    LocationKind LocationKind, string LocationText, int PlacesLeft, bool BookedByMe)
{
    public DateTime EndsLocal => StartsLocal.AddMinutes(DurationMinutes);
}

public sealed record MyBooking(
    Guid BookingId, Guid ClassId, string ClassName, DateTime StartsLocal, int DurationMinutes, string Instructor,
    LocationKind LocationKind, string LocationText, JoinLink? Join, bool ClassCancelled, bool IsPast)
{
    public DateTime EndsLocal => StartsLocal.AddMinutes(DurationMinutes);
}

public sealed record MyBookings(string TimeZoneId, IReadOnlyList<MyBooking> Upcoming, IReadOnlyList<MyBooking> Past);
