using System.Threading.Channels;

namespace Junocal.Sandbox.Google.Push;

/// <summary>Notifications waiting for the sender, and the record of every one made.</summary>
internal sealed class NotificationOutbox
{
    private readonly Channel<NotificationDelivery> _queue = Channel.CreateUnbounded<NotificationDelivery>();
    private readonly Lock _gate = new();
    private readonly List<NotificationDelivery> _deliveries = [];

    public ChannelReader<NotificationDelivery> Reader => _queue.Reader;

    public IReadOnlyList<NotificationDelivery> All
    {
        get
        {
            lock (_gate)
            {
                return [.. _deliveries];
            }
        }
    }

    /// <summary>Forgets the record; notifications already queued still go out (to channels that still live).</summary>
    public void ClearRecord()
    {
        lock (_gate)
        {
            _deliveries.Clear();
        }
    }

    public NotificationDelivery Enqueue(NotificationDelivery delivery, bool drop)
    {
        lock (_gate)
        {
            _deliveries.Add(delivery);
        }

        if (drop)
        {
            delivery.Finish(NotificationStatus.Dropped);
        }
        else
        {
            _queue.Writer.TryWrite(delivery);
        }

        return delivery;
    }
}
