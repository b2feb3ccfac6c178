using Junocal.Tests.Infrastructure;
using Junocal.Web.Integrations.Zoom;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Junocal.Tests.Integrations.Zoom;

/// <summary>The turns a studio's Zoom calls get: evenly spaced below the per-second limit, slowed by a 429, then won back.</summary>
public class ZoomRequestPacerTakeTurn
{
    private readonly FakeTimeProvider _clock = new(TestCalendar.FakeNow);
    private readonly ZoomRequestPacer _pacer;

    public ZoomRequestPacerTakeTurn() =>
        _pacer = new ZoomRequestPacer(_clock, new StaticOptions(new ZoomOptions { RequestsPerSecond = 15 }), NullLogger<ZoomRequestPacer>.Instance);

    [Fact]
    public void SpacesSixtyCallsTakenAtOnceSoThatNoSecondHoldsMoreThanTheStudiosPace()
    {
        var studio = Guid.NewGuid();

        var turns = Enumerable.Range(0, 60).Select(_ => TestCalendar.FakeNow + _pacer.TakeTurn(studio)).ToList();

        Assert.Equal(TestCalendar.FakeNow, turns[0]);
        Assert.Equal(turns, turns.Order());
        Assert.All(turns.GroupBy(t => t.ToUnixTimeSeconds()), second => Assert.True(second.Count() <= 15, $"{second.Count()} calls in one second"));
        Assert.True(turns[^1] - turns[0] >= TimeSpan.FromSeconds(59.0 / 15) - TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public void KeepsEachStudiosPaceApart()
    {
        var busy = Guid.NewGuid();
        for (var i = 0; i < 30; i++)
        {
            _pacer.TakeTurn(busy);
        }

        Assert.Equal(TimeSpan.Zero, _pacer.TakeTurn(Guid.NewGuid()));
    }

    [Fact]
    public void APerSecond429HalvesThePaceHoldsCallsUntilRetryAfterAndCleanSecondsWinItBack()
    {
        var studio = Guid.NewGuid();
        _pacer.TakeTurn(studio);

        _pacer.Throttled(studio, TimeSpan.FromSeconds(3));

        Assert.Equal(7.5, _pacer.PaceOf(studio));
        var next = _pacer.TakeTurn(studio);
        Assert.Equal(TimeSpan.FromSeconds(3), next);
        Assert.Equal(TimeSpan.FromSeconds(3) + TimeSpan.FromTicks((long)Math.Ceiling(TimeSpan.TicksPerSecond / 7.5)), _pacer.TakeTurn(studio));

        _clock.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(9.5, _pacer.PaceOf(studio));
        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(15, _pacer.PaceOf(studio));
    }

    [Fact]
    public void NeverSlowsBelowOneCallASecondAndHoldsAtMostHalfAMinute()
    {
        var studio = Guid.NewGuid();
        for (var i = 0; i < 10; i++)
        {
            _pacer.Throttled(studio, TimeSpan.FromHours(1));
        }

        Assert.Equal(1, _pacer.PaceOf(studio));
        Assert.Equal(TimeSpan.FromSeconds(30), _pacer.TakeTurn(studio));
    }

    private sealed class StaticOptions(ZoomOptions value) : IOptionsMonitor<ZoomOptions>
    {
        public ZoomOptions CurrentValue => value;

        public ZoomOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<ZoomOptions, string?> listener) => null;
    }
}
