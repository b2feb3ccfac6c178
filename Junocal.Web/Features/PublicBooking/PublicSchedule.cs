using Junocal.Domain.Scheduling;
using Junocal.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Junocal.Web.Features.PublicBooking;

/// <summary>
/// What anyone may see of a studio without signing in: its name and its upcoming classes with the places left.
/// Nothing about who booked, and no join links.
/// </summary>
public sealed class PublicSchedule(SystemDbContextFactory contexts, TimeProvider clock)
{
    public const int Days = 14;

    /// <returns>The studio's page, or null when no studio has this address.</returns>
    public async Task<PublicStudio?> ForSlugAsync(string slug, CancellationToken cancellationToken)
    {
        var normalized = slug.Trim().ToLowerInvariant();
        await using var db = contexts.CreateDbContext();
        var studio = await db.Studios.Where(s => s.Slug == normalized)
            .Select(s => new { s.Id, s.Name, s.Slug, s.TimeZoneId, s.ContactEmail })
            .SingleOrDefaultAsync(cancellationToken);
        if (studio is null)
        {
            return null;
        }

        var zone = new Junocal.Domain.Studios.StudioTimeZone(studio.TimeZoneId);
        var now = clock.GetUtcNow();
        var until = now.AddDays(Days);
        var rows = await db.ClassSessions
            .Where(c => c.StudioId == studio.Id && c.Status == ClassStatus.Scheduled && c.StartsAt > now && c.StartsAt < until)
            .OrderBy(c => c.StartsAt)
            .WithInstructor(db)
            .Select(x => new
            {
                x.Class.Id,
                x.Class.Name,
                x.Class.StartsAt,
                x.Class.DurationMinutes,
                x.Instructor,
                x.Class.Location,
                Booked = x.Class.Bookings.Count(b => b.Status == BookingStatus.Active),
                x.Class.Capacity,
            })
            .ToListAsync(cancellationToken);

        var classes = rows
            .Select(r => new PublicClass(r.Id, r.Name, zone.ToLocal(r.StartsAt), zone.ToLocal(r.StartsAt.AddMinutes(r.DurationMinutes)),
                r.Instructor, r.Location.Kind, r.Location.DescribeForClient(), Math.Max(0, r.Capacity - r.Booked)))
            .ToList();
        return new PublicStudio(studio.Id, studio.Name, studio.Slug, studio.TimeZoneId, studio.ContactEmail, classes);
    }
}

public sealed record PublicStudio(Guid Id, string Name, string Slug, string TimeZoneId, string? ContactEmail, IReadOnlyList<PublicClass> Classes);

public sealed record PublicClass(
    Guid Id, string Name, DateTime StartsLocal, DateTime EndsLocal, string Instructor, LocationKind LocationKind, string LocationText, int PlacesLeft)
{
    public bool IsOnline => LocationKind != LocationKind.InPerson;
}
