namespace Junocal.Domain.Scheduling;

/// <summary>
/// One scheduled class. Start is a UTC instant; the studio's zone turns it into wall-clock time for people.
/// <see cref="Version"/> changes with every edit of the class itself, so an owner's save over someone else's edit is
/// refused; bookings leave it alone, so clients booking and cancelling never block the owner.
/// <see cref="RowVersion"/> changes with every change, bookings included, so concurrent writers cannot both win
/// (the last place goes to exactly one client, and a capacity cut sees every booking).
/// </summary>
public sealed class ClassSession : IStudioOwned
{
    public const int MaxNameLength = 200;
    public const int MinDurationMinutes = 5;
    public const int MaxDurationMinutes = 600;
    public const int MaxCapacity = 1000;

    /// <summary>A client may book or cancel one class this many times within <see cref="BookingChangeWindow"/>.</summary>
    public const int MaxBookingChangesPerWindow = 6;

    public static readonly TimeSpan BookingChangeWindow = TimeSpan.FromMinutes(10);

    private readonly List<Booking> _bookings = [];

    // For the data layer, which cannot pass the location through a constructor.
    private ClassSession()
    {
        Name = "";
        Location = null!;
    }

    private ClassSession(Guid id, Guid studioId, string name, Guid instructorId, DateTimeOffset startsAt,
        int durationMinutes, int capacity, Location location)
    {
        Id = id;
        StudioId = studioId;
        Name = name;
        InstructorId = instructorId;
        StartsAt = startsAt;
        DurationMinutes = durationMinutes;
        Capacity = capacity;
        Location = location;
        Status = ClassStatus.Scheduled;
        Version = 1;
        RowVersion = 1;
        Revision = 1;
    }

    public Guid Id { get; private set; }
    public Guid StudioId { get; private set; }
    public string Name { get; private set; }
    public Guid InstructorId { get; private set; }
    public DateTimeOffset StartsAt { get; private set; }
    public int DurationMinutes { get; private set; }
    public int Capacity { get; private set; }
    public Location Location { get; private set; }
    public ClassStatus Status { get; private set; }
    public string? CancellationReason { get; private set; }
    public DateTimeOffset? CancelledAt { get; private set; }
    public int Version { get; private set; }

    public int RowVersion { get; private set; }

    /// <summary>
    /// The class's generated meeting was deleted at its provider (not by Junocal) and no new one is wanted yet: pages
    /// say the link was removed. Kept on the class because the meeting's own row goes with the meeting. Not a change
    /// of the class's details, so <see cref="Version"/> stays.
    /// </summary>
    public bool MeetingDeletedAtProvider { get; private set; }

    /// <summary>
    /// Counts changes to what clients are told about the class (name, time, place, cancellation); bookings do
    /// not change it. Emails go out at most once per revision, and calendar invites carry it as their sequence.
    /// </summary>
    public int Revision { get; private set; }

    public IReadOnlyCollection<Booking> Bookings => _bookings;

    public DateTimeOffset EndsAt => StartsAt.AddMinutes(DurationMinutes);

    public int BookedCount => _bookings.Count(b => b.IsActive);

    public bool IsCancelled => Status == ClassStatus.Cancelled;

    public static ClassSession Schedule(Guid studioId, string name, Guid instructorId, DateTimeOffset startsAt,
        int durationMinutes, int capacity, Location location) =>
        new(Guid.CreateVersion7(), studioId, ValidName(name), instructorId, startsAt.ToUniversalTime(),
            ValidDuration(durationMinutes), ValidCapacity(capacity, booked: 0), location);

    public void Rename(string name)
    {
        EnsureNotCancelled("renamed");
        Name = ValidName(name);
        Revise();
    }

    public void Reschedule(DateTimeOffset startsAt, int durationMinutes)
    {
        EnsureNotCancelled("rescheduled");
        var duration = ValidDuration(durationMinutes);
        StartsAt = startsAt.ToUniversalTime();
        DurationMinutes = duration;
        Revise();
    }

    public void ChangeCapacity(int capacity)
    {
        EnsureNotCancelled("changed");
        Capacity = ValidCapacity(capacity, BookedCount);
        Touch();
    }

    public void AssignInstructor(Guid instructorId)
    {
        EnsureNotCancelled("changed");
        InstructorId = instructorId;
        Touch();
    }

    public void MoveTo(Location location)
    {
        EnsureNotCancelled("changed");
        Location = location;
        MeetingDeletedAtProvider = false;
        Revise();
    }

    public void Cancel(string? reason, DateTimeOffset now)
    {
        EnsureNotCancelled("cancelled again");
        Status = ClassStatus.Cancelled;
        CancellationReason = Text.Optional(reason, "Reason", 500);
        CancelledAt = now;
        Revise();
    }

    public Booking Book(Guid clientId, DateTimeOffset now)
    {
        if (IsCancelled)
        {
            throw new DomainException("This class was cancelled and cannot be booked.");
        }

        if (StartsAt <= now)
        {
            throw new DomainException("This class has already started and cannot be booked.");
        }

        if (_bookings.Any(b => b.IsActive && b.ClientId == clientId))
        {
            throw new DomainException("You have already booked this class.");
        }

        EnsureNotChangingTooOften(clientId, now);

        if (BookedCount >= Capacity)
        {
            throw new DomainException("This class is full.");
        }

        var booking = Booking.Create(this, clientId, now);
        _bookings.Add(booking);
        RowVersion++;
        return booking;
    }

    public void CancelBooking(Guid clientId, DateTimeOffset now)
    {
        var booking = _bookings.FirstOrDefault(b => b.IsActive && b.ClientId == clientId)
            ?? throw new DomainException("There is no booking of yours on this class to cancel.");
        if (StartsAt <= now)
        {
            throw new DomainException("This class has already started; its booking can no longer be cancelled.");
        }

        EnsureNotChangingTooOften(clientId, now);
        booking.Cancel(now);
        RowVersion++;
    }

    // Each booking sends a confirmation; a loop of book and cancel must not become a mail cannon.
    private void EnsureNotChangingTooOften(Guid clientId, DateTimeOffset now)
    {
        var since = now - BookingChangeWindow;
        var changes = _bookings.Where(b => b.ClientId == clientId)
            .Sum(b => (b.BookedAt > since ? 1 : 0) + (b.CancelledAt > since ? 1 : 0));
        if (changes >= MaxBookingChangesPerWindow)
        {
            throw new DomainException("You have booked and cancelled this class several times in the last few minutes. Please wait a few minutes and try again.");
        }
    }

    /// <summary>The provider reports the class's meeting deleted there; its link is gone until the class wants a new one.</summary>
    public void MeetingDeletedAtProviderNoticed()
    {
        if (!Location.IsAutoGenerated || IsCancelled)
        {
            throw new DomainException("Only a scheduled class with an auto-generated link can lose its meeting at the provider.");
        }

        MeetingDeletedAtProvider = true;
    }

    /// <summary>A new meeting row is wanted for the class: the removed one is history.</summary>
    internal void MeetingWantedAgain() => MeetingDeletedAtProvider = false;

    private void EnsureNotCancelled(string action)
    {
        if (IsCancelled)
        {
            throw new DomainException($"This class was cancelled and cannot be {action}.");
        }
    }

    private void Touch()
    {
        Version++;
        RowVersion++;
    }

    private void Revise()
    {
        Revision++;
        Touch();
    }

    public static string ValidName(string name) => Text.Required(name, "Class name", MaxNameLength);

    public static int ValidDuration(int minutes) =>
        minutes is < MinDurationMinutes or > MaxDurationMinutes
            ? throw new DomainException($"Duration must be between {MinDurationMinutes} and {MaxDurationMinutes} minutes.")
            : minutes;

    public static int ValidCapacity(int capacity, int booked)
    {
        if (capacity is < 1 or > MaxCapacity)
        {
            throw new DomainException($"Capacity must be between 1 and {MaxCapacity}.");
        }

        return capacity < booked
            ? throw new DomainException($"Capacity cannot be below the {booked} places already booked.")
            : capacity;
    }
}
