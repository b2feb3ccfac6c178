using Junocal.Domain;
using Junocal.Domain.Studios;
using Junocal.Tests.Infrastructure;

namespace Junocal.Tests.Domain.Studios;

public class StudioTimeZoneToUtc
{
    private static readonly int Year = TestCalendar.FakeNow.Year;
    private readonly StudioTimeZone _london = new("Europe/London");

    [Fact]
    public void ConvertsWinterTimeAtOffsetZero() =>
        Assert.Equal(new DateTimeOffset(Year, 1, 15, 7, 30, 0, TimeSpan.Zero), _london.ToUtc(new DateTime(Year, 1, 15, 7, 30, 0)));

    [Fact]
    public void ConvertsSummerTimeAtOffsetOneHour() =>
        Assert.Equal(new DateTimeOffset(Year, 7, 15, 6, 30, 0, TimeSpan.Zero), _london.ToUtc(new DateTime(Year, 7, 15, 7, 30, 0)));

    [Fact]
    public void RefusesATimeInTheSpringForwardGap()
    {
        // London clocks jump from 01:00 to 02:00.
        var error = Assert.Throws<DomainException>(() => _london.ToUtc(TestCalendar.SpringForward(Year).AddHours(1.5)));
        Assert.Contains("does not exist in Europe/London", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RefusesATimeInTheFallBackOverlap()
    {
        // London clocks go back from 02:00 to 01:00, so 01:30 happens twice.
        var error = Assert.Throws<DomainException>(() => _london.ToUtc(TestCalendar.FallBack(Year).AddHours(1.5)));
        Assert.Contains("happens twice in Europe/London", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RoundTripsThroughLocalTime()
    {
        var local = TestCalendar.FallBack(Year).AddHours(9);
        Assert.Equal(local, _london.ToLocal(_london.ToUtc(local)));
    }

    [Fact]
    public void RefusesAnUnknownZone() =>
        Assert.Throws<DomainException>(() => new StudioTimeZone("Mars/Olympus_Mons"));
}
