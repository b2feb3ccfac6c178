using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Junocal.Web.Meetings;

/// <summary>
/// Tells open pages that a class's link state changed (a sync, a provider's webhook, a disconnect), so they re-read
/// it at once instead of waiting for a reload. A change in this app instance arrives with its class id; a change on
/// another instance on the same database arrives from <see cref="MeetingStamps"/>, within its poll, without one.
/// A watcher only ever hears of its own studio's classes.
/// </summary>
public sealed partial class MeetingChanges(ILogger<MeetingChanges> logger)
{
    private readonly ConcurrentDictionary<Subscription, Guid> _watchers = new();
    private readonly Channel<Guid> _toStamp = Channel.CreateUnbounded<Guid>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>
    /// Calls <paramref name="onChanged"/> whenever a class of <paramref name="studioId"/> changes: with its id when the
    /// change happened in this instance, with null when some class of the studio may have changed on another.
    /// </summary>
    /// <remarks>The call comes on a thread-pool thread: hand the work to the page's own dispatcher.</remarks>
    public IDisposable Watch(Guid studioId, Action<Guid?> onChanged)
    {
        var subscription = new Subscription(this, onChanged);
        _watchers[subscription] = studioId;
        return subscription;
    }

    /// <summary>The link state of <paramref name="classId"/> changed in this instance; call it once the change is saved.</summary>
    public void Changed(Guid studioId, Guid classId)
    {
        Notify(studioId, classId);
        _toStamp.Writer.TryWrite(studioId);
    }

    /// <summary>The link state of many classes of <paramref name="studioId"/> changed in this instance (a plan of the whole studio); call it once saved.</summary>
    public void StudioChanged(Guid studioId)
    {
        Notify(studioId, null);
        _toStamp.Writer.TryWrite(studioId);
    }

    /// <summary>Some class of <paramref name="studioId"/> changed on another instance.</summary>
    internal void ChangedElsewhere(Guid studioId) => Notify(studioId, null);

    /// <summary>How many open pages of this instance follow link changes.</summary>
    internal int WatcherCount => _watchers.Count;

    /// <summary>The studios some open page in this instance follows.</summary>
    internal IReadOnlyCollection<Guid> WatchedStudios => _watchers.Values.Distinct().ToList();

    /// <summary>Studios whose stamp is to be bumped, so the other instances hear of their changes.</summary>
    internal ChannelReader<Guid> ToStamp => _toStamp.Reader;

    private void Notify(Guid studioId, Guid? classId)
    {
        foreach (var (subscription, studio) in _watchers)
        {
            if (studio == studioId)
            {
                // Off the changer's thread and without its context (a webhook's request, a job's scope): a page
                // re-reading and rendering must not hold up the sync, or a webhook whose sender waits seconds at most.
                ThreadPool.UnsafeQueueUserWorkItem(static state => state.Owner.Deliver(state.Subscription, state.StudioId, state.ClassId),
                    (Owner: this, Subscription: subscription, StudioId: studioId, ClassId: classId), preferLocal: false);
            }
        }
    }

    private void Deliver(Subscription subscription, Guid studioId, Guid? classId)
    {
        try
        {
            subscription.OnChanged(classId);
        }
        catch (Exception ex)
        {
            LogWatcherFailed(logger, ex, studioId);
        }
    }

    [LoggerMessage(EventId = LogEvents.Meetings.WatcherFailed, Level = LogLevel.Warning, Message = "An open page of studio {StudioId} failed to take a link change")]
    private static partial void LogWatcherFailed(ILogger logger, Exception exception, Guid studioId);

    private sealed class Subscription(MeetingChanges owner, Action<Guid?> onChanged) : IDisposable
    {
        public Action<Guid?> OnChanged { get; } = onChanged;

        public void Dispose() => owner._watchers.TryRemove(this, out _);
    }
}
