namespace Junocal.Domain.Scheduling;

/// <summary>A client's place in a class. Created and cancelled through <see cref="ClassSession"/>, which owns the capacity rule.</summary>
public sealed class Booking : IStudioOwned
{
    private Booking(Guid id, Guid studioId, Guid classSessionId, Guid clientId, DateTimeOffset bookedAt)
    {
        Id = id;
        StudioId = studioId;
        ClassSessionId = classSessionId;
        ClientId = clientId;
        BookedAt = bookedAt;
        Status = BookingStatus.Active;
    }

    public Guid Id { get; private set; }
    public Guid StudioId { get; private set; }
    public Guid ClassSessionId { get; private set; }
    public Guid ClientId { get; private set; }
    public DateTimeOffset BookedAt { get; private set; }
    public BookingStatus Status { get; private set; }
    public DateTimeOffset? CancelledAt { get; private set; }

    public bool IsActive => Status == BookingStatus.Active;

    internal static Booking Create(ClassSession session, Guid clientId, DateTimeOffset now) =>
        new(Guid.CreateVersion7(), session.StudioId, session.Id, clientId, now);

    internal void Cancel(DateTimeOffset now)
    {
        Status = BookingStatus.Cancelled;
        CancelledAt = now;
    }
}
