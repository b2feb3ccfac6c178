using Junocal.Domain.Scheduling;

namespace Junocal.Web.Features.Scheduling;

/// <summary>One class as a list shows it, with its times already in the studio's zone.</summary>
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
    string? LinkState,
    int Booked,
    int Capacity,
    ClassStatus Status)
{
    public DateTime EndsLocal => StartsLocal.AddMinutes(DurationMinutes);

    public bool IsCancelled => Status == ClassStatus.Cancelled;
}
