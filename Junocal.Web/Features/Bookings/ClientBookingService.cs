using Junocal.Domain;
using Junocal.Domain.Auditing;
using Junocal.Domain.People;
using Junocal.Domain.Scheduling;
using Junocal.Web.Data;
using Junocal.Web.Email;
using Junocal.Web.Meetings;
using Junocal.Web.Notifications;
using Junocal.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Junocal.Web.Features.Bookings;

/// <summary>What a client sees: the studio's upcoming classes and their own bookings.</summary>
public sealed class ClientBookingService(IDbContextFactory<JunocalDbContext> contexts, CurrentUser user, TimeProvider clock)
{
    // A concurrent booking of the same class makes the save fail; a fresh read then decides again (full or not).
    private const int Attempts = 3;

    public Task<BookingResult> BookAsync(Guid classId, CancellationToken cancellationToken) =>
        ChangeBookingAsync(classId, (db, session, clientId, now) =>
            db.OutboxEmails.Add(ClassEmailsOwed.Confirmation(session, session.Book(clientId, now), now)),
            AuditActions.BookingCreated, "Booked", cancellationToken);

    public Task<BookingResult> CancelBookingAsync(Guid classId, CancellationToken cancellationToken) =>
        ChangeBookingAsync(classId, (_, session, clientId, now) => session.CancelBooking(clientId, now),
            AuditActions.BookingCancelled, "Cancelled a booking of", cancellationToken);

    private async Task<BookingResult> ChangeBookingAsync(Guid classId, Action<JunocalDbContext, ClassSession, Guid, DateTimeOffset> change,
        string action, string verb, CancellationToken cancellationToken)
    {
        user.Require(Roles.Client);
        var clientId = user.PersonId;
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var session = await db.ClassSessions.Include(c => c.Bookings).SingleOrDefaultAsync(c => c.Id == classId, cancellationToken);
            if (session is null)
            {
                return BookingResult.Refused("This class no longer exists.");
            }

            var now = clock.GetUtcNow();
            try
            {
                change(db, session, clientId, now);
            }
            catch (DomainException refused)
            {
                return BookingResult.Refused(refused.Message);
            }

            var zone = await db.StudioTimeZoneAsync(cancellationToken);
            db.AuditEntries.Add(AuditEntry.Record(session.StudioId, now, user.Email, action,
                $"{verb} \"{session.Name}\" on {Components.Shared.StudioTime.DateTime(zone.ToLocal(session.StartsAt))}.", session.Id));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return BookingResult.Done;
            }
            catch (DbUpdateConcurrencyException) when (attempt < Attempts)
            {
            }
            catch (DbUpdateConcurrencyException)
            {
                return BookingResult.Refused("The class is very busy right now. Please try again.");
            }
        }
    }

    /// <summary>The studio's classes in the next <paramref name="days"/> days, the soonest <paramref name="limit"/> of them.</summary>
    public async Task<BookableClasses> UpcomingClassesAsync(int days, int limit, CancellationToken cancellationToken)
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
            .Take(limit + 1)
            .ToRows(db)
            .ToListAsync(cancellationToken);
        var shown = rows.Take(limit).Select(r => r.Id).ToList();
        var mine = await db.Bookings.Where(b => b.ClientId == clientId && b.Status == BookingStatus.Active && shown.Contains(b.ClassSessionId))
            .Select(b => b.ClassSessionId).ToListAsync(cancellationToken);

        var classes = rows.Take(limit)
            .Select(r => new BookableClass(r.Id, r.Name, zone.ToLocal(r.StartsAt), r.DurationMinutes, r.Instructor,
                r.Location.Kind, r.Location.DescribeForClient(), Math.Max(0, r.Capacity - r.Booked), mine.Contains(r.Id)))
            .ToList();
        return new BookableClasses(classes, HasMore: rows.Count > limit);
    }

    public Task<MyBookings> MyBookingsAsync(CancellationToken cancellationToken) => MyBookingsAsync(BookingWindow.First, cancellationToken);

    /// <summary>
    /// The client's soonest upcoming and latest past bookings, as many as <paramref name="window"/> shows, with how many
    /// there are in all. A fixed number of queries, however many bookings the client holds.
    /// </summary>
    public async Task<MyBookings> MyBookingsAsync(BookingWindow window, CancellationToken cancellationToken)
    {
        user.Require(Roles.Client);
        var clientId = user.PersonId;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var zone = await db.StudioTimeZoneAsync(cancellationToken);
        var now = clock.GetUtcNow();

        var mine = db.ClassSessions.Where(c => c.Bookings.Any(b => b.ClientId == clientId && b.Status == BookingStatus.Active));
        // A class ends at a time the database does not store; only one that started within the longest class ago
        // may still run, and those few are told apart here.
        var mayStillRun = now.AddMinutes(-ClassSession.MaxDurationMinutes);
        var recent = await mine.Where(c => c.StartsAt > mayStillRun && c.StartsAt <= now).OrderBy(c => c.StartsAt).ToRows(db).ToListAsync(cancellationToken);
        var running = recent.Where(r => r.StartsAt.AddMinutes(r.DurationMinutes) > now).ToList();
        var ended = recent.Except(running).Reverse().ToList();

        var later = await mine.Where(c => c.StartsAt > now).OrderBy(c => c.StartsAt).Take(window.Upcoming).ToRows(db).ToListAsync(cancellationToken);
        var laterTotal = await mine.CountAsync(c => c.StartsAt > now, cancellationToken);
        var earlier = await mine.Where(c => c.StartsAt <= mayStillRun).OrderByDescending(c => c.StartsAt).Take(window.Past).ToRows(db).ToListAsync(cancellationToken);
        var earlierTotal = await mine.CountAsync(c => c.StartsAt <= mayStillRun, cancellationToken);

        var upcoming = running.Concat(later).Take(window.Upcoming).ToList();
        var past = ended.Concat(earlier).Take(window.Past).ToList();
        var shown = upcoming.Concat(past).Select(r => r.Id).ToList();
        var booked = await db.Bookings.Where(b => b.ClientId == clientId && b.Status == BookingStatus.Active && shown.Contains(b.ClassSessionId))
            .ToDictionaryAsync(b => b.ClassSessionId, b => b.Id, cancellationToken);

        MyBooking ToBooking(ClassRow r) =>
            new(booked[r.Id], r.Id, r.Name, r.StartsAt, zone.ToLocal(r.StartsAt), r.DurationMinutes,
                r.Instructor, r.Location.Kind, r.Location.DescribeForClient(), r.Link?.In(zone),
                r.Status == ClassStatus.Cancelled, r.StartsAt.AddMinutes(r.DurationMinutes) <= now);
        return new MyBookings(
            zone.Id,
            upcoming.Select(ToBooking).ToList(),
            past.Select(ToBooking).ToList(),
            UpcomingTotal: running.Count + laterTotal,
            PastTotal: ended.Count + earlierTotal);
    }

    /// <summary>
    /// What the calendar entry of one of the client's own bookings says now, as its emails carry it: the current join
    /// link and the class's time. Null when the booking is not the signed-in client's or is no longer active.
    /// </summary>
    public async Task<ClassEmail?> CalendarEntryAsync(Guid bookingId, CancellationToken cancellationToken)
    {
        user.Require(Roles.Client);
        var clientId = user.PersonId;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var booking = await db.Bookings.SingleOrDefaultAsync(
            b => b.Id == bookingId && b.ClientId == clientId && b.Status == BookingStatus.Active, cancellationToken);
        if (booking is null)
        {
            return null;
        }

        var session = await db.ClassSessions.SingleAsync(c => c.Id == booking.ClassSessionId, cancellationToken);
        var kind = session.IsCancelled ? EmailKind.ClassCancelled : EmailKind.BookingConfirmed;
        return await EmailDispatcher.ComposeAsync(db, kind, booking, session, cancellationToken);
    }
}

public sealed record BookingResult(bool Succeeded, string? Error)
{
    public static BookingResult Done { get; } = new(true, null);

    public static BookingResult Refused(string message) => new(false, message);
}

public sealed record BookableClass(
    Guid Id, string Name, DateTime StartsLocal, int DurationMinutes, string Instructor,
    LocationKind LocationKind, string LocationText, int PlacesLeft, bool BookedByMe)
{
    public DateTime EndsLocal => StartsLocal.AddMinutes(DurationMinutes);
}

public sealed record MyBooking(
    Guid BookingId, Guid ClassId, string ClassName, DateTimeOffset StartsAt, DateTime StartsLocal, int DurationMinutes, string Instructor,
    LocationKind LocationKind, string LocationText, JoinLink? Join, bool ClassCancelled, bool IsPast)
{
    public DateTimeOffset EndsAt => StartsAt.AddMinutes(DurationMinutes);

    public DateTime EndsLocal => StartsLocal.AddMinutes(DurationMinutes);
}

public sealed record MyBookings(string TimeZoneId, IReadOnlyList<MyBooking> Upcoming, IReadOnlyList<MyBooking> Past, int UpcomingTotal, int PastTotal)
{
    public bool HasMoreUpcoming => UpcomingTotal > Upcoming.Count;

    public bool HasMorePast => PastTotal > Past.Count;
}

/// <summary>How many of a client's bookings a page shows: the soonest upcoming and the latest past, each growing a page at a time.</summary>
public sealed record BookingWindow(int Upcoming, int Past)
{
    public const int PageSize = 10;

    public static BookingWindow First { get; } = new(PageSize, PageSize);

    public BookingWindow MoreUpcoming() => this with { Upcoming = Upcoming + PageSize };

    public BookingWindow MorePast() => this with { Past = Past + PageSize };
}

/// <summary>A page of the studio's upcoming classes, and whether more follow within the days asked for.</summary>
public sealed record BookableClasses(IReadOnlyList<BookableClass> Classes, bool HasMore);
