using Junocal.Domain;
using Junocal.Domain.Studios;

namespace Junocal.Tests.Domain.Studios;

public class StudioTimeZoneToUtc
{
    private readonly StudioTimeZone _london = new("Europe/London");

    [Fact]
    public void ConvertsWinterTimeAtOffsetZero() =>
        Assert.Equal(new DateTimeOffset(2026, 1, 15, 7, 30, 0, TimeSpan.Zero), _london.ToUtc(new DateTime(2026, 1, 15, 7, 30, 0)));

    [Fact]
    public void ConvertsSummerTimeAtOffsetOneHour() =>
        Assert.Equal(new DateTimeOffset(2026, 7, 15, 6, 30, 0, TimeSpan.Zero), _london.ToUtc(new DateTime(2026, 7, 15, 7, 30, 0)));

    [Fact]
    public void RefusesATimeInTheSpringForwardGap()
    {
        // 29 March 2026: London clocks jump from 01:00 to 02:00.
        var error = Assert.Throws<DomainException>(() => _london.ToUtc(new DateTime(2026, 3, 29, 1, 30, 0)));
        Assert.Contains("does not exist in Europe/London", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RefusesATimeInTheFallBackOverlap()
    {
        // 25 October 2026: London clocks go back from 02:00 to 01:00, so 01:30 happens twice.
        var error = Assert.Throws<DomainException>(() => _london.ToUtc(new DateTime(2026, 10, 25, 1, 30, 0)));
        Assert.Contains("happens twice in Europe/London", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RoundTripsThroughLocalTime()
    {
        var local = new DateTime(2026, 10, 25, 9, 0, 0);
        Assert.Equal(local, _london.ToLocal(_london.ToUtc(local)));
    }

    [Fact]
    public void RefusesAnUnknownZone() =>
        Assert.Throws<DomainException>(() => new StudioTimeZone("Mars/Olympus_Mons"));
}
