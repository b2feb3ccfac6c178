namespace Junocal.Domain.Scheduling;

public enum ClassStatus
{
    Scheduled,
    Cancelled,
}
