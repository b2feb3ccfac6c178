namespace Junocal.Sandbox.Google.Faults;

/// <summary>The Google sandbox endpoints a test can script faults for.</summary>
public enum GoogleEndpoint
{
    Authorize,
    Token,
    Revoke,
    UserInfo,
    InsertCalendar,
    GetCalendar,
    DeleteCalendar,
    InsertEvent,
    GetEvent,
    PatchEvent,
    DeleteEvent,
    ListEvents,
    WatchEvents,
    StopChannel,
}

public enum GoogleFaultKind
{
    /// <summary>Answers <see cref="GoogleScriptedFault.Status"/> with <see cref="GoogleScriptedFault.Reason"/> in Google's error form.</summary>
    Fail,

    /// <summary>403 <c>rateLimitExceeded</c> (usageLimits); with <see cref="GoogleScriptedFault.Status"/> 429, the 429 form.</summary>
    RateLimited,

    /// <summary>403 <c>userRateLimitExceeded</c>.</summary>
    UserRateLimited,

    /// <summary>403 <c>quotaExceeded</c> "Calendar usage limits exceeded.".</summary>
    QuotaExceeded,

    /// <summary>500 <c>backendError</c>.</summary>
    ServerError,

    /// <summary>The token endpoint's 400 <c>invalid_grant</c> "Token has been expired or revoked.".</summary>
    InvalidGrant,

    /// <summary>No answer until the client gives up (or the sandbox stops).</summary>
    Hang,

    /// <summary>The connection is dropped before the request is handled.</summary>
    DropConnection,

    /// <summary>The request takes effect, then the connection drops: the answer is lost in transit.</summary>
    LoseResponse,

    /// <summary>The request takes effect, then the caller gets 500 <c>backendError</c> instead of the answer.</summary>
    LoseResponseWith500,

    /// <summary>The request takes effect at once; its answer waits <see cref="GoogleScriptedFault.Delay"/>.</summary>
    SlowAnswer,
}

/// <summary>One scripted answer for the next request to <see cref="Endpoint"/>.</summary>
public sealed record GoogleScriptedFault(
    GoogleEndpoint Endpoint, GoogleFaultKind Kind, int? Status = null, string? Reason = null, TimeSpan? Delay = null);

/// <summary>Queues of scripted answers per endpoint; each request to an endpoint takes the next one.</summary>
public sealed class GoogleFaultScript
{
    private readonly Lock _gate = new();
    private readonly Dictionary<GoogleEndpoint, Queue<GoogleScriptedFault>> _queues = [];

    /// <summary>Makes the next <paramref name="times"/> requests to <paramref name="endpoint"/> answer with <paramref name="kind"/>.</summary>
    public void Script(GoogleEndpoint endpoint, GoogleFaultKind kind, int times = 1, int? status = null, string? reason = null, TimeSpan? delay = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(times);
        if (kind == GoogleFaultKind.Fail && (status is null || reason is null))
        {
            throw new ArgumentException("A Fail fault needs a status and a reason.", nameof(kind));
        }

        lock (_gate)
        {
            if (!_queues.TryGetValue(endpoint, out var queue))
            {
                queue = new Queue<GoogleScriptedFault>();
                _queues[endpoint] = queue;
            }

            for (var i = 0; i < times; i++)
            {
                queue.Enqueue(new GoogleScriptedFault(endpoint, kind, status, reason, delay));
            }
        }
    }

    public IReadOnlyList<GoogleScriptedFault> Pending
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

    internal GoogleScriptedFault? TakeNext(GoogleEndpoint endpoint)
    {
        lock (_gate)
        {
            return _queues.TryGetValue(endpoint, out var queue) && queue.TryDequeue(out var fault) ? fault : null;
        }
    }
}

/// <summary>Route metadata naming the endpoint, for fault lookup and the request log.</summary>
internal sealed record GoogleEndpointTag(GoogleEndpoint Endpoint);

/// <summary>A request the sandbox received. The query string is left out: it can carry codes and tokens.</summary>
public sealed record GoogleLoggedRequest(DateTimeOffset At, string Method, string Path, GoogleEndpoint Endpoint, int? StatusCode, GoogleFaultKind? Fault);

internal sealed class GoogleRequestLog
{
    private const int Capacity = 1000;
    private readonly Lock _gate = new();
    private readonly LinkedList<GoogleLoggedRequest> _entries = new();

    public IReadOnlyList<GoogleLoggedRequest> Entries
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

    public void Add(GoogleLoggedRequest entry)
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
