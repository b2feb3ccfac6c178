using Junocal.Domain.Scheduling;
using Junocal.Web.Meetings;

namespace Junocal.Web.Data;

/// <summary>A class as lists, pages and emails read it: the instructor's name and the meeting's snapshot included.</summary>
public sealed record ClassRow(
    Guid Id,
    int Version,
    string Name,
    DateTimeOffset StartsAt,
    int DurationMinutes,
    Guid InstructorId,
    string Instructor,
    Location Location,
    int Booked,
    int Capacity,
    ClassStatus Status,
    MeetingSnapshot? Meeting,
    bool MeetingDeletedAtProvider)
{
    /// <summary>The class's join link as it stands, or null for an in-person class.</summary>
    public JoinLink? Link => JoinLink.For(Location, Status, Meeting, MeetingDeletedAtProvider);
}

public static class ClassRows
{
    /// <summary>The one projection of classes into <see cref="ClassRow"/>s, in a single query.</summary>
    public static IQueryable<ClassRow> ToRows(this IQueryable<ClassSession> classes, JunocalDbContext db) =>
        classes.Select(c => new ClassRow(
            c.Id,
            c.Version,
            c.Name,
            c.StartsAt,
            c.DurationMinutes,
            c.InstructorId,
            db.StaffMembers.Where(s => s.Id == c.InstructorId).Select(s => s.Name).FirstOrDefault() ?? "",
            c.Location,
            c.Bookings.Count(b => b.Status == BookingStatus.Active),
            c.Capacity,
            c.Status,
            db.ClassMeetings.Where(m => m.ClassSessionId == c.Id).Select(MeetingSnapshot.Of).FirstOrDefault(),
            c.MeetingDeletedAtProvider));
}
