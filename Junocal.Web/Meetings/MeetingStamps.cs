using Junocal.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Junocal.Web.Meetings;

/// <summary>
/// Carries link changes between app instances on one database. After a change here it bumps the studio's
/// <see cref="MeetingStamp"/>; while a page of this instance follows a studio, it reads the stamps of the followed
/// studios once per <see cref="PollInterval"/> — one query for the whole instance, however many pages are open — and
/// tells that studio's pages when a stamp moved (<see cref="MeetingChanges.ChangedElsewhere"/>).
/// </summary>
/// <remarks>
/// A studio this instance sees for the first time counts as changed: a change made elsewhere between a page's first
/// read and this first look is then not missed. A bump of this instance's own comes back at the next poll too; the
/// pages then re-read once more, which costs a read and shows nothing new.
/// </remarks>
public sealed partial class MeetingStamps(MeetingChanges changes, SystemDbContextFactory contexts, ILogger<MeetingStamps> logger) : BackgroundService
{
    /// <summary>How soon a change made on another instance reaches this instance's open pages, at most.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    private readonly Dictionary<Guid, long> _seen = [];

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(StampAsync(stoppingToken), PollAsync(stoppingToken));

    private async Task StampAsync(CancellationToken stoppingToken)
    {
        var reader = changes.ToStamp;
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken))
            {
                // A sweep changes many classes at once: one bump per studio for all that is queued.
                var studios = new HashSet<Guid>();
                while (reader.TryRead(out var studioId))
                {
                    studios.Add(studioId);
                }

                foreach (var studioId in studios)
                {
                    try
                    {
                        await BumpAsync(studioId, stoppingToken);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        LogStampFailed(logger, ex, studioId);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task BumpAsync(Guid studioId, CancellationToken cancellationToken)
    {
        if (await IncrementAsync(studioId, cancellationToken) > 0)
        {
            return;
        }

        await using var db = contexts.CreateDbContext(studioId);
        db.MeetingStamps.Add(MeetingStamp.First(studioId));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another instance added the studio's row first: count this change on it.
            await IncrementAsync(studioId, cancellationToken);
        }
    }

    private async Task<int> IncrementAsync(Guid studioId, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext(studioId);
        return await db.MeetingStamps.Where(s => s.StudioId == studioId)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.Value, s => s.Value + 1), cancellationToken);
    }

    private async Task PollAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(PollInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await PollOnceAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogPollFailed(logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task PollOnceAsync(CancellationToken cancellationToken)
    {
        var studios = changes.WatchedStudios;
        foreach (var unwatched in _seen.Keys.Except(studios).ToList())
        {
            _seen.Remove(unwatched);
        }

        if (studios.Count == 0)
        {
            return;
        }

        Dictionary<Guid, long> stamps;
        await using (var db = contexts.CreateDbContext())
        {
            stamps = await db.MeetingStamps.Where(s => studios.Contains(s.StudioId))
                .Select(s => new { s.StudioId, s.Value })
                .ToDictionaryAsync(s => s.StudioId, s => s.Value, cancellationToken);
        }

        foreach (var studioId in studios)
        {
            var stamp = stamps.GetValueOrDefault(studioId);
            if (!_seen.TryGetValue(studioId, out var seen) || seen != stamp)
            {
                _seen[studioId] = stamp;
                changes.ChangedElsewhere(studioId);
            }
        }
    }

    [LoggerMessage(EventId = LogEvents.Meetings.StampFailed, Level = LogLevel.Warning, Message = "Could not bump the link-change stamp of studio {StudioId}")]
    private static partial void LogStampFailed(ILogger logger, Exception exception, Guid studioId);

    [LoggerMessage(EventId = LogEvents.Meetings.StampPollFailed, Level = LogLevel.Warning, Message = "Could not read the link-change stamps of the followed studios")]
    private static partial void LogPollFailed(ILogger logger, Exception exception);
}
