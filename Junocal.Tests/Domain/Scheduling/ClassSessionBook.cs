using Junocal.Domain;

namespace Junocal.Tests.Domain.Scheduling;

public class ClassSessionBook
{
    private static readonly DateTimeOffset Now = ClassSessionBuilder.Now;

    [Fact]
    public void AddsAnActiveBookingAndChangesTheVersion()
    {
        var session = new ClassSessionBuilder().Build();
        var client = Guid.NewGuid();

        var booking = session.Book(client, Now);

        Assert.True(booking.IsActive);
        Assert.Equal(client, booking.ClientId);
        Assert.Equal(session.Id, booking.ClassSessionId);
        Assert.Equal(session.StudioId, booking.StudioId);
        Assert.Equal(1, session.BookedCount);
        Assert.Equal(2, session.Version);
    }

    [Fact]
    public void FillsTheLastPlaceThenRefusesTheNext()
    {
        var session = new ClassSessionBuilder().WithCapacity(2).Build();
        session.Book(Guid.NewGuid(), Now);
        session.Book(Guid.NewGuid(), Now);

        var error = Assert.Throws<DomainException>(() => session.Book(Guid.NewGuid(), Now));

        Assert.Equal("This class is full.", error.Message);
        Assert.Equal(2, session.BookedCount);
    }

    [Fact]
    public void RefusesTheSameClientTwice()
    {
        var session = new ClassSessionBuilder().Build();
        var client = Guid.NewGuid();
        session.Book(client, Now);

        var error = Assert.Throws<DomainException>(() => session.Book(client, Now));

        Assert.Equal("You have already booked this class.", error.Message);
    }

    [Fact]
    public void LetsAClientBookAgainAfterCancellingTheirBooking()
    {
        var session = new ClassSessionBuilder().Build();
        var client = Guid.NewGuid();
        session.Book(client, Now);
        session.CancelBooking(client, Now);

        session.Book(client, Now);

        Assert.Equal(1, session.BookedCount);
    }

    [Fact]
    public void RefusesACancelledClass()
    {
        var session = new ClassSessionBuilder().Build();
        session.Cancel("Instructor ill", Now);

        var error = Assert.Throws<DomainException>(() => session.Book(Guid.NewGuid(), Now));

        Assert.Equal("This class was cancelled and cannot be booked.", error.Message);
    }

    [Fact]
    public void RefusesAClassThatHasStarted()
    {
        var session = new ClassSessionBuilder().StartingAt(Now.AddMinutes(-1)).Build();

        var error = Assert.Throws<DomainException>(() => session.Book(Guid.NewGuid(), Now));

        Assert.Equal("This class has already started and cannot be booked.", error.Message);
    }
}
