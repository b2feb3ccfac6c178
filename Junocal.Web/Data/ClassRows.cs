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

/// <summary>A class with its instructor's name, read in the same query.</summary>
public sealed class ClassWithInstructor
{
    public required ClassSession Class { get; init; }

    public required string Instructor { get; init; }
}

public static class ClassRows
{
    /// <summary>The one place a class's instructor name is looked up in a query (an instructor row may be gone: "").</summary>
    public static IQueryable<ClassWithInstructor> WithInstructor(this IQueryable<ClassSession> classes, JunocalDbContext db) =>
        classes.Select(c => new ClassWithInstructor
        {
            Class = c,
            Instructor = db.StaffMembers.Where(s => s.Id == c.InstructorId).Select(s => s.Name).FirstOrDefault() ?? "",
        });

    /// <summary>The one projection of classes into <see cref="ClassRow"/>s, in a single query.</summary>
    public static IQueryable<ClassRow> ToRows(this IQueryable<ClassSession> classes, JunocalDbContext db) =>
        classes.WithInstructor(db).Select(x => new ClassRow(
            x.Class.Id,
            x.Class.Version,
            x.Class.Name,
            x.Class.StartsAt,
            x.Class.DurationMinutes,
            x.Class.InstructorId,
            x.Instructor,
            x.Class.Location,
            x.Class.Bookings.Count(b => b.Status == BookingStatus.Active),
            x.Class.Capacity,
            x.Class.Status,
            db.ClassMeetings.Where(m => m.ClassSessionId == x.Class.Id).Select(MeetingSnapshot.Of).FirstOrDefault(),
            x.Class.MeetingDeletedAtProvider));
}
