using Junocal.Domain;
using Junocal.Domain.Scheduling;

namespace Junocal.Tests.Domain.Scheduling;

public class ClassSessionBook
{
    private static readonly DateTimeOffset Now = ClassSessionBuilder.Now;

    [Fact]
    public void AddsAnActiveBookingAndChangesOnlyTheRowVersion()
    {
        var session = new ClassSessionBuilder().Build();
        var client = Guid.NewGuid();

        var booking = session.Book(client, Now);

        Assert.True(booking.IsActive);
        Assert.Equal(client, booking.ClientId);
        Assert.Equal(session.Id, booking.ClassSessionId);
        Assert.Equal(session.StudioId, booking.StudioId);
        Assert.Equal(1, session.BookedCount);
        Assert.Equal(2, session.RowVersion);
        Assert.Equal(1, session.Version); // the owner's open form is still current
    }

    [Fact]
    public void RefusesAClientWhoKeepsBookingAndCancellingWithinTenMinutes()
    {
        var session = new ClassSessionBuilder().Build();
        var client = Guid.NewGuid();
        for (var i = 0; i < ClassSession.MaxBookingChangesPerWindow / 2; i++)
        {
            session.Book(client, Now.AddMinutes(i));
            session.CancelBooking(client, Now.AddMinutes(i));
        }

        var error = Assert.Throws<DomainException>(() => session.Book(client, Now.AddMinutes(5)));

        Assert.StartsWith("You have booked and cancelled this class several times", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, session.BookedCount);
        Assert.True(session.Book(client, Now.AddMinutes(11)).IsActive); // the window has moved on
        Assert.True(session.Book(Guid.NewGuid(), Now.AddMinutes(5)).IsActive); // other clients are not held back
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
