using Junocal.Sandbox.Http;
using Microsoft.Extensions.Options;

namespace Junocal.Sandbox.Meetings;

/// <summary>
/// Zoom's two limits a meeting integration meets: requests per second per account and endpoint, and
/// creates+updates per user per UTC day (the window "resets at 00:00 UTC" as the 429 message says;
/// https://devforum.zoom.us/t/zoom-api-create-meeting-api-rate-limit-sample-error-when-breaching-limit/18928).
/// </summary>
internal sealed class UsageLimits(TimeProvider time, IOptions<ZoomSandboxOptions> options)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string AccountId, string Endpoint), (long Second, int Count)> _perSecond = [];
    private readonly Dictionary<(string UserId, DateOnly Day), int> _daily = [];

    public ZoomErrorResult? TakePerSecond(string accountId, string endpoint)
    {
        var now = time.GetUtcNow();
        var second = now.ToUnixTimeSeconds();
        var limit = options.Value.PerSecondLimit;
        lock (_gate)
        {
            var window = _perSecond.GetValueOrDefault((accountId, endpoint));
            var count = window.Second == second ? window.Count : 0;
            if (count >= limit)
            {
                return ZoomErrors.PerSecondLimit(limit, DateTimeOffset.FromUnixTimeSeconds(second + 1));
            }

            _perSecond[(accountId, endpoint)] = (second, count + 1);
            return null;
        }
    }

    public ZoomErrorResult? TakeDaily(string userId)
    {
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var limit = options.Value.PerUserDailyLimit;
        lock (_gate)
        {
            var used = _daily.GetValueOrDefault((userId, today));
            if (used >= limit)
            {
                return ZoomErrors.DailyLimit(limit, NextUtcMidnight(now));
            }

            _daily[(userId, today)] = used + 1;
            return null;
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _perSecond.Clear();
            _daily.Clear();
        }
    }

    public int UsedToday(string userId)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        lock (_gate)
        {
            return _daily.GetValueOrDefault((userId, today));
        }
    }

    public static DateTimeOffset NextUtcMidnight(DateTimeOffset now) =>
        new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(1);
}
