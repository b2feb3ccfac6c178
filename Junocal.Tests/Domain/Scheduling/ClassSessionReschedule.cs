using Junocal.Domain;

namespace Junocal.Tests.Domain.Scheduling;

public class ClassSessionReschedule
{
    private static readonly DateTimeOffset Now = ClassSessionBuilder.Now;

    [Fact]
    public void MovesTheStartAndDurationAndChangesTheVersion()
    {
        var session = new ClassSessionBuilder().Build();
        var newStart = Now.AddDays(3);

        session.Reschedule(newStart, 75);

        Assert.Equal(newStart, session.StartsAt);
        Assert.Equal(75, session.DurationMinutes);
        Assert.Equal(newStart.AddMinutes(75), session.EndsAt);
        Assert.Equal(2, session.Version);
    }

    [Fact]
    public void RefusesACancelledClass()
    {
        var session = new ClassSessionBuilder().Build();
        var originalStart = session.StartsAt;
        session.Cancel(null, Now);

        var error = Assert.Throws<DomainException>(() => session.Reschedule(Now.AddDays(5), 50));

        Assert.Equal("This class was cancelled and cannot be rescheduled.", error.Message);
        Assert.Equal(originalStart, session.StartsAt);
    }

    [Fact]
    public void RefusesAnInvalidDurationAndKeepsTheOldTimes()
    {
        var session = new ClassSessionBuilder().Lasting(50).Build();
        var originalStart = session.StartsAt;

        Assert.Throws<DomainException>(() => session.Reschedule(Now.AddDays(2), 601));

        Assert.Equal(50, session.DurationMinutes);
        Assert.Equal(originalStart, session.StartsAt);
    }
}
