using Microsoft.Extensions.Options;

namespace Junocal.Web.Integrations.Zoom;

/// <summary>
/// Spaces the API calls of each studio's Zoom account evenly, below Zoom's per-second limits, across everything this
/// instance sends for that studio (the meeting sync, the connection check, a compensating delete). A per-second 429
/// halves the studio's pace and holds its calls until Zoom's <c>Retry-After</c>; clean calls win the pace back one
/// request a second at a time (docs/zoom.md, "Pacing").
/// </summary>
public sealed partial class ZoomRequestPacer(TimeProvider clock, IOptionsMonitor<ZoomOptions> options, ILogger<ZoomRequestPacer> logger)
{
    private const double SlowestPace = 1;

    // A Retry-After further away than this is not a per-second limit; the sync's own backoff covers it.
    private static readonly TimeSpan LongestHold = TimeSpan.FromSeconds(30);

    // How long the pace must stay clean before it speeds up by one request a second.
    private static readonly TimeSpan RecoveryStep = TimeSpan.FromSeconds(2);

    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, Pace> _paces = [];

    /// <summary>How long the next call of <paramref name="studioId"/> must wait for its turn, which it takes now.</summary>
    public TimeSpan TakeTurn(Guid studioId)
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            var pace = PaceOf(studioId, now);
            var turn = pace.NextTurn > now ? pace.NextTurn : now;
            pace.NextTurn = turn + TimeSpan.FromTicks((long)Math.Ceiling(TimeSpan.TicksPerSecond / pace.PerSecond));
            return turn - now;
        }
    }

    /// <summary>Waits for the studio's next turn to call Zoom.</summary>
    public async Task WaitTurnAsync(Guid studioId, CancellationToken cancellationToken)
    {
        var wait = TakeTurn(studioId);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, clock, cancellationToken);
        }
    }

    /// <summary>Zoom answered a per-second 429: half the pace, and no call before <paramref name="retryAfter"/> has passed.</summary>
    public void Throttled(Guid studioId, TimeSpan? retryAfter)
    {
        var now = clock.GetUtcNow();
        double perSecond;
        lock (_gate)
        {
            var pace = PaceOf(studioId, now);
            pace.PerSecond = Math.Max(SlowestPace, pace.PerSecond / 2);
            pace.CleanSince = now;
            var hold = retryAfter is { } delay && delay > TimeSpan.Zero ? (delay < LongestHold ? delay : LongestHold) : TimeSpan.FromSeconds(1);
            if (pace.NextTurn < now + hold)
            {
                pace.NextTurn = now + hold;
            }

            perSecond = pace.PerSecond;
        }

        LogSlowed(logger, studioId, perSecond);
    }

    /// <summary>The studio's current pace in requests a second.</summary>
    public double PaceOf(Guid studioId)
    {
        lock (_gate)
        {
            return PaceOf(studioId, clock.GetUtcNow()).PerSecond;
        }
    }

    private Pace PaceOf(Guid studioId, DateTimeOffset now)
    {
        var target = Math.Max(SlowestPace, options.CurrentValue.RequestsPerSecond);
        if (!_paces.TryGetValue(studioId, out var pace))
        {
            pace = new Pace { PerSecond = target, NextTurn = now, CleanSince = now };
            _paces[studioId] = pace;
        }

        if (pace.PerSecond > target)
        {
            pace.PerSecond = target;
        }

        while (pace.PerSecond < target && now - pace.CleanSince >= RecoveryStep)
        {
            pace.PerSecond = Math.Min(target, pace.PerSecond + 1);
            pace.CleanSince += RecoveryStep;
        }

        return pace;
    }

    private sealed class Pace
    {
        public double PerSecond { get; set; }

        public DateTimeOffset NextTurn { get; set; }

        public DateTimeOffset CleanSince { get; set; }
    }

    [LoggerMessage(EventId = LogEvents.Zoom.PaceSlowed, Level = LogLevel.Warning, Message = "Zoom answered a per-second 429 for studio {StudioId}; its calls now go at {PerSecond} a second")]
    private static partial void LogSlowed(ILogger logger, Guid studioId, double perSecond);
}
