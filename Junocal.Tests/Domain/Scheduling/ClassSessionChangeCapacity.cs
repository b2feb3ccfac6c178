using Junocal.Domain;

namespace Junocal.Tests.Domain.Scheduling;

public class ClassSessionChangeCapacity
{
    [Fact]
    public void RefusesACapacityBelowThePlacesAlreadyBooked()
    {
        var session = new ClassSessionBuilder().WithCapacity(3).Build();
        session.Book(Guid.NewGuid(), ClassSessionBuilder.Now);
        session.Book(Guid.NewGuid(), ClassSessionBuilder.Now);

        var error = Assert.Throws<DomainException>(() => session.ChangeCapacity(1));

        Assert.Equal("Capacity cannot be below the 2 places already booked.", error.Message);
        Assert.Equal(3, session.Capacity);
    }

    [Fact]
    public void AcceptsACapacityEqualToTheBookedPlaces()
    {
        var session = new ClassSessionBuilder().WithCapacity(3).Build();
        session.Book(Guid.NewGuid(), ClassSessionBuilder.Now);

        session.ChangeCapacity(1);

        Assert.Equal(1, session.Capacity);
    }
}
