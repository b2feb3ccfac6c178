namespace Junocal.Domain.Scheduling;

public enum LocationKind
{
    InPerson,
    CustomLink,
    Zoom,
    GoogleMeet,
}
