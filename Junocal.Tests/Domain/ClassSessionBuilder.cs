using Junocal.Domain.Scheduling;
using Junocal.Tests.Infrastructure;

namespace Junocal.Tests.Domain;

/// <summary>Builds a valid class with sensible defaults; tests override only what they are about.</summary>
internal sealed class ClassSessionBuilder
{
    public static readonly DateTimeOffset Now = TestCalendar.FakeNow;

    private readonly Guid _studioId = Guid.NewGuid();
    private string _name = "Reformer Flow";
    private DateTimeOffset _startsAt = Now.AddDays(1);
    private int _duration = 50;
    private int _capacity = 8;
    private Location _location = Location.InPerson("Studio A");

    public ClassSessionBuilder Named(string name) { _name = name; return this; }
    public ClassSessionBuilder StartingAt(DateTimeOffset startsAt) { _startsAt = startsAt; return this; }
    public ClassSessionBuilder Lasting(int minutes) { _duration = minutes; return this; }
    public ClassSessionBuilder WithCapacity(int capacity) { _capacity = capacity; return this; }
    public ClassSessionBuilder At(Location location) { _location = location; return this; }

    public ClassSession Build() =>
        ClassSession.Schedule(_studioId, _name, Guid.NewGuid(), _startsAt, _duration, _capacity, _location);
}
