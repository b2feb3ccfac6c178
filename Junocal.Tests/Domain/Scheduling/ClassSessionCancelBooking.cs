using Junocal.Domain;

namespace Junocal.Tests.Domain.Scheduling;

public class ClassSessionCancelBooking
{
    private static readonly DateTimeOffset Now = ClassSessionBuilder.Now;

    [Fact]
    public void FreesThePlace()
    {
        var session = new ClassSessionBuilder().WithCapacity(1).Build();
        var client = Guid.NewGuid();
        var booking = session.Book(client, Now);

        session.CancelBooking(client, Now);

        Assert.False(booking.IsActive);
        Assert.Equal(Now, booking.CancelledAt);
        Assert.Equal(0, session.BookedCount);
    }

    [Fact]
    public void RefusesWhenTheClientHasNoBooking()
    {
        var session = new ClassSessionBuilder().Build();

        var error = Assert.Throws<DomainException>(() => session.CancelBooking(Guid.NewGuid(), Now));

        Assert.Equal("There is no booking of yours on this class to cancel.", error.Message);
    }

    [Fact]
    public void RefusesOnceTheClassHasStarted()
    {
        var session = new ClassSessionBuilder().StartingAt(Now.AddHours(1)).Build();
        var client = Guid.NewGuid();
        session.Book(client, Now);

        Assert.Throws<DomainException>(() => session.CancelBooking(client, Now.AddHours(2)));
        Assert.Equal(1, session.BookedCount);
    }
}
