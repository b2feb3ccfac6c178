namespace Junocal.Sandbox.Google.Push;

/// <summary>A watch channel on a calendar's events. The token is here for tests; the sandbox never logs it.</summary>
public sealed record GoogleChannel(
    string Id,
    string ResourceId,
    string ResourceUri,
    string CalendarId,
    string OwnerSub,
    string? Token,
    Uri Address,
    DateTimeOffset Expiration,
    DateTimeOffset CreatedAt,
    long LastMessageNumber,
    DateTimeOffset? StoppedAt = null)
{
    public bool IsLive(DateTimeOffset now) => StoppedAt is null && Expiration > now;
}

internal sealed class ChannelStore
{
    private readonly Lock _gate = new();
    private readonly List<GoogleChannel> _channels = [];

    public IReadOnlyList<GoogleChannel> All
    {
        get
        {
            lock (_gate)
            {
                return [.. _channels];
            }
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _channels.Clear();
        }
    }

    /// <summary>Adds the channel unless a live one already has its id.</summary>
    public bool TryAdd(GoogleChannel channel, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (_channels.Any(existing => existing.Id == channel.Id && existing.IsLive(now)))
            {
                return false;
            }

            _channels.Add(channel);
            return true;
        }
    }

    public GoogleChannel? FindLive(string id, string resourceId, DateTimeOffset now)
    {
        lock (_gate)
        {
            return _channels.LastOrDefault(channel => channel.Id == id && channel.ResourceId == resourceId && channel.IsLive(now));
        }
    }

    public bool Stop(GoogleChannel channel, DateTimeOffset now)
    {
        lock (_gate)
        {
            var index = _channels.IndexOf(channel);
            if (index < 0)
            {
                return false;
            }

            _channels[index] = channel with { StoppedAt = now };
            return true;
        }
    }

    public bool IsLive(GoogleChannel channel, DateTimeOffset now)
    {
        lock (_gate)
        {
            return _channels.Any(current => current.Id == channel.Id && current.CreatedAt == channel.CreatedAt && current.IsLive(now));
        }
    }

    /// <summary>Takes the next message number for every live channel on the calendar: increasing, never consecutive.</summary>
    public IReadOnlyList<(GoogleChannel Channel, long Number)> NextMessages(string calendarId, DateTimeOffset now)
    {
        lock (_gate)
        {
            var taken = new List<(GoogleChannel, long)>();
            for (var i = 0; i < _channels.Count; i++)
            {
                var channel = _channels[i];
                if (channel.CalendarId != calendarId || !channel.IsLive(now))
                {
                    continue;
                }

                var number = channel.LastMessageNumber + System.Security.Cryptography.RandomNumberGenerator.GetInt32(2, 6);
                _channels[i] = channel with { LastMessageNumber = number };
                taken.Add((_channels[i], number));
            }

            return taken;
        }
    }
}
