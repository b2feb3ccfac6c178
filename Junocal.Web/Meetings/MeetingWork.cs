using Junocal.Domain.Meetings;
using Junocal.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Junocal.Web.Meetings;

/// <summary>
/// Runs a studio's due meeting work soonest class first, a few classes at a time: a reschedule of this week's class
/// goes before a create for next month's, and the day's quota of a provider goes to the soonest classes. One drain
/// per studio per instance; work that arrives while it runs is picked up by it (it reads the queue again after each
/// few classes). The provider's own pacing spaces the calls (docs/zoom.md, "Pacing").
/// </summary>
public sealed partial class MeetingWork(SystemDbContextFactory contexts, MeetingSync sync, TimeProvider clock, IHostApplicationLifetime lifetime,
    IOptionsMonitor<MeetingWorkOptions> options, ILogger<MeetingWork> logger) : IMeetingSyncTrigger
{
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, Drain> _drains = [];

    /// <summary>Starts the studio's drain in the background (or tells the running one there is more).</summary>
    public Task RunSoonAsync(Guid studioId, CancellationToken cancellationToken)
    {
        _ = DrainAsync(studioId, lifetime.ApplicationStopping);
        return Task.CompletedTask;
    }

    /// <summary>Syncs every due class of the studio, soonest first, until none is due.</summary>
    /// <returns>How many classes the drain synced.</returns>
    public Task<int> DrainAsync(Guid studioId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_drains.TryGetValue(studioId, out var running))
            {
                running.Again = true;
                return running.Completion;
            }

            var drain = new Drain();
            _drains[studioId] = drain;
            drain.Completion = RunAsync(studioId, drain, cancellationToken);
            return drain.Completion;
        }
    }

    private async Task<int> RunAsync(Guid studioId, Drain drain, CancellationToken cancellationToken)
    {
        await Task.Yield();
        var synced = 0;
        try
        {
            while (true)
            {
                synced += await DrainOnceAsync(studioId, cancellationToken);
                lock (_gate)
                {
                    if (!drain.Again)
                    {
                        _drains.Remove(studioId);
                        return synced;
                    }

                    drain.Again = false;
                }
            }
        }
        catch (Exception ex)
        {
            lock (_gate)
            {
                _drains.Remove(studioId);
            }

            if (ex is not OperationCanceledException)
            {
                LogDrainFailed(logger, ex, studioId);
            }

            return synced;
        }
    }

    private async Task<int> DrainOnceAsync(Guid studioId, CancellationToken cancellationToken)
    {
        var seen = new HashSet<Guid>();
        while (!cancellationToken.IsCancellationRequested)
        {
            var next = (await NextDueAsync(studioId, cancellationToken)).Where(seen.Add).ToList();
            if (next.Count == 0)
            {
                break;
            }

            // Not cancelled mid-call: a create the provider made but Junocal never recorded would be left behind.
            await Task.WhenAll(next.Select(SyncOneAsync));
        }

        return seen.Count;
    }

    private async Task<List<Guid>> NextDueAsync(Guid studioId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var db = contexts.CreateDbContext(studioId);
        return await db.ClassMeetings
            .Where(ClassMeeting.IsDue(now))
            .Join(db.ClassSessions, m => m.ClassSessionId, c => c.Id, (m, c) => new { m.ClassSessionId, c.StartsAt })
            .OrderBy(x => x.StartsAt)
            .Select(x => x.ClassSessionId)
            .Take(Math.Max(1, options.CurrentValue.ClassesAtOncePerStudio))
            .ToListAsync(cancellationToken);
    }

    private async Task SyncOneAsync(Guid classId)
    {
        try
        {
            await sync.SyncDueAsync(classId, CancellationToken.None);
        }
        catch (Exception ex)
        {
            // One class's failure (e.g. its write-back) must not starve the rest; its row is due again after the lease.
            LogSyncFailed(logger, ex, classId);
        }
    }

    private sealed class Drain
    {
        public bool Again { get; set; }

        public Task<int> Completion { get; set; } = Task.FromResult(0);
    }

    [LoggerMessage(EventId = LogEvents.Meetings.SyncFailed, Level = LogLevel.Error, Message = "Syncing the meeting of class {ClassId} failed; it is retried after its lease")]
    private static partial void LogSyncFailed(ILogger logger, Exception exception, Guid classId);

    [LoggerMessage(EventId = LogEvents.Meetings.DrainFailed, Level = LogLevel.Error, Message = "The meeting work of studio {StudioId} stopped; the sweep resumes it")]
    private static partial void LogDrainFailed(ILogger logger, Exception exception, Guid studioId);
}
