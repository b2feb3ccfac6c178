using System.Collections.Concurrent;

namespace Junocal.Web.Meetings;

/// <summary>
/// Tells open pages that a class's link state changed in this app instance (a sync, a provider's webhook, an
/// owner's edit), so they re-read it at once instead of waiting for a reload.
/// </summary>
public sealed class MeetingChanges
{
    private readonly ConcurrentDictionary<object, (Guid StudioId, Action<Guid> OnChanged)> _watchers = new();

    /// <summary>Calls <paramref name="onChanged"/> with the class id whenever a class of <paramref name="studioId"/> changes.</summary>
    public IDisposable Watch(Guid studioId, Action<Guid> onChanged)
    {
        var subscription = new Subscription(this);
        _watchers[subscription] = (studioId, onChanged);
        return subscription;
    }

    public void Changed(Guid studioId, Guid classId)
    {
        foreach (var (studio, onChanged) in _watchers.Values)
        {
            if (studio == studioId)
            {
                onChanged(classId);
            }
        }
    }

    private sealed class Subscription(MeetingChanges owner) : IDisposable
    {
        public void Dispose() => owner._watchers.TryRemove(this, out _);
    }
}
