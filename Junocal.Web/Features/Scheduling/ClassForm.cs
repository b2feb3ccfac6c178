using Junocal.Domain.Scheduling;

namespace Junocal.Web.Features.Scheduling;

/// <summary>What the owner types into the class dialog. Times are studio-local.</summary>
public sealed class ClassForm
{
    public string Name { get; set; } = "";
    public Guid? InstructorId { get; set; }
    public DateTime? Date { get; set; }
    public TimeSpan? StartTime { get; set; }
    public int DurationMinutes { get; set; } = 60;
    public int Capacity { get; set; } = 12;
    public LocationKind LocationKind { get; set; } = LocationKind.InPerson;
    public string? Room { get; set; }
    public string? CustomUrl { get; set; }

    /// <summary>New classes only: also create the same class every week up to and including this date.</summary>
    public DateTime? RepeatWeeklyUntil { get; set; }

    public Location ToLocation() => LocationKind switch
    {
        LocationKind.InPerson => Location.InPerson(Room ?? ""),
        LocationKind.CustomLink => Location.CustomLink(CustomUrl ?? ""),
        LocationKind.Zoom => Location.Zoom(),
        LocationKind.GoogleMeet => Location.GoogleMeet(),
        _ => throw new ArgumentOutOfRangeException(nameof(LocationKind), LocationKind, null),
    };
}
