using Junocal.Sandbox.Faults;

namespace Junocal.Sandbox.Diagnostics;

/// <summary>A request the sandbox received. The query string is left out: it can carry codes.</summary>
public sealed record LoggedRequest(
    DateTimeOffset At,
    string Method,
    string Path,
    SandboxEndpoint Endpoint,
    int? StatusCode,
    FaultKind? Fault);

internal sealed class RequestLog
{
    private const int Capacity = 1000;
    private readonly Lock _gate = new();
    private readonly LinkedList<LoggedRequest> _entries = new();

    public IReadOnlyList<LoggedRequest> Entries
    {
        get
        {
            lock (_gate)
            {
                return [.. _entries];
            }
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
        }
    }

    public void Add(LoggedRequest entry)
    {
        lock (_gate)
        {
            _entries.AddLast(entry);
            if (_entries.Count > Capacity)
            {
                _entries.RemoveFirst();
            }
        }
    }
}
