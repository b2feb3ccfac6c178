using Junocal.Domain.Scheduling;
using Junocal.Domain.Studios;
using Junocal.Web.Data;
using Junocal.Web.Meetings;

namespace Junocal.Web.Features.Scheduling;

/// <summary>
/// One class as a list shows it, with its times already in the studio's zone and its join link as it stands
/// (<see cref="Link"/>, null for an in-person class).
/// </summary>
public sealed record ClassListItem(
    Guid Id,
    int Version,
    string Name,
    DateTime StartsLocal,
    int DurationMinutes,
    Guid InstructorId,
    string Instructor,
    LocationKind LocationKind,
    string LocationText,
    JoinLink? Link,
    int Booked,
    int Capacity,
    ClassStatus Status)
{
    public DateTime EndsLocal => StartsLocal.AddMinutes(DurationMinutes);

    public bool IsCancelled => Status == ClassStatus.Cancelled;

    /// <summary>What staff read of the link: "Link ready", or what stands in its way.</summary>
    public string? LinkState => Link?.Describe();

    public static ClassListItem From(ClassRow row, StudioTimeZone zone) => new(
        row.Id, row.Version, row.Name, zone.ToLocal(row.StartsAt), row.DurationMinutes, row.InstructorId, row.Instructor,
        row.Location.Kind, row.Location.Describe(), row.Link?.In(zone), row.Booked, row.Capacity, row.Status);
}
