namespace Junocal.Sandbox.Faults;

/// <summary>Queues of scripted answers per endpoint; each request to an endpoint takes the next one.</summary>
public sealed class FaultScript
{
    private readonly Lock _gate = new();
    private readonly Dictionary<SandboxEndpoint, Queue<ScriptedFault>> _queues = [];

    /// <summary>Makes the next <paramref name="times"/> requests to <paramref name="endpoint"/> answer with <paramref name="kind"/>.</summary>
    public void Script(SandboxEndpoint endpoint, FaultKind kind, int times = 1, TimeSpan? retryAfter = null, TimeSpan? delay = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(times);
        lock (_gate)
        {
            if (!_queues.TryGetValue(endpoint, out var queue))
            {
                queue = new Queue<ScriptedFault>();
                _queues[endpoint] = queue;
            }

            for (var i = 0; i < times; i++)
            {
                queue.Enqueue(new ScriptedFault(endpoint, kind, retryAfter, delay));
            }
        }
    }

    public IReadOnlyList<ScriptedFault> Pending
    {
        get
        {
            lock (_gate)
            {
                return [.. _queues.Values.SelectMany(queue => queue)];
            }
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _queues.Clear();
        }
    }

    internal ScriptedFault? TakeNext(SandboxEndpoint endpoint)
    {
        lock (_gate)
        {
            return _queues.TryGetValue(endpoint, out var queue) && queue.TryDequeue(out var fault) ? fault : null;
        }
    }
}
