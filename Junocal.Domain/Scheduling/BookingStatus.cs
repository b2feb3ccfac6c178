namespace Junocal.Domain.Scheduling;

public enum BookingStatus
{
    Active,
    Cancelled,
}
