using Junocal.Domain.Scheduling;

namespace Junocal.Web.Features.Scheduling;

/// <summary>Which classes a list shows: studio-local days [From, From + Days) and optional filters.</summary>
public sealed record ClassListQuery(
    DateOnly? From = null,
    int Days = ClassListQuery.TwoWeeks,
    Guid? InstructorId = null,
    LocationKind? LocationKind = null,
    ClassStatus? Status = null)
{
    public const int TwoWeeks = 14;
    public const int MaxDays = 92;
}
