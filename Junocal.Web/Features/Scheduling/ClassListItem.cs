using Junocal.Domain.Scheduling;

namespace Junocal.Web.Features.Scheduling;

/// <summary>One class as a list shows it, with its times already in the studio's zone.</summary>
public sealed record ClassListItem(
    Guid Id,
    string Name,
    DateTime StartsLocal,
    int DurationMinutes,
    string Instructor,
    LocationKind LocationKind,
    string LocationText,
    int Booked,
    int Capacity,
    ClassStatus Status)
{
    public DateTime EndsLocal => StartsLocal.AddMinutes(DurationMinutes);
}
