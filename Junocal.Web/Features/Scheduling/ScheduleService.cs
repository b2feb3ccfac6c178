using Junocal.Domain.People;
using Junocal.Domain.Scheduling;
using Junocal.Web.Data;
using Junocal.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Junocal.Web.Features.Scheduling;

/// <summary>The studio's timetable as staff see it. Instructors only ever see the classes they teach.</summary>
public sealed class ScheduleService(IDbContextFactory<JunocalDbContext> contexts, CurrentUser user, TimeProvider clock)
{
    public const int DefaultDays = 14;

    /// <summary>Classes starting on the studio-local days [<paramref name="from"/>, <paramref name="from"/> + days).</summary>
    public async Task<StudioClassList> ListAsync(DateOnly? from, int days, CancellationToken cancellationToken)
    {
        user.Require(Roles.Owner, Roles.FrontDesk, Roles.Instructor);
        var onlyInstructor = user.IsInRole(Roles.Instructor) ? user.PersonId : (Guid?)null;

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var zone = await db.StudioTimeZoneAsync(cancellationToken);
        var firstDay = from ?? DateOnly.FromDateTime(zone.ToLocal(clock.GetUtcNow()));
        var start = zone.ToUtc(firstDay.ToDateTime(TimeOnly.MinValue));
        var end = zone.ToUtc(firstDay.AddDays(days).ToDateTime(TimeOnly.MinValue));

        var query = db.ClassSessions.Where(c => c.StartsAt >= start && c.StartsAt < end);
        if (onlyInstructor is { } instructorId)
        {
            query = query.Where(c => c.InstructorId == instructorId);
        }

        var rows = await query
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
                c.Status,
            })
            .ToListAsync(cancellationToken);

        var items = rows
            .Select(r => new ClassListItem(r.Id, r.Name, zone.ToLocal(r.StartsAt), r.DurationMinutes, r.Instructor,
                r.Location.Kind, r.Location.Describe(), r.Booked, r.Capacity, r.Status))
            .ToList();
        return new StudioClassList(zone.Id, firstDay, days, items);
    }
}

public sealed record StudioClassList(string TimeZoneId, DateOnly FirstDay, int Days, IReadOnlyList<ClassListItem> Classes);
