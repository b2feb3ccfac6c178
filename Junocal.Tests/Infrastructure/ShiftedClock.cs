namespace Junocal.Tests.Infrastructure;

/// <summary>
/// The system clock moved by an offset the test sets: time runs as usual (timers, the sandbox's per-second windows)
/// and a test can still jump to another day, e.g. past 00:00 UTC for Zoom's daily limit.
/// </summary>
public sealed class ShiftedClock : TimeProvider
{
    private long _offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
}
