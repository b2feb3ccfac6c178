namespace Junocal.Sandbox.Faults;

public enum FaultKind
{
    /// <summary>HTTP 500 with a Zoom-shaped body.</summary>
    ServerError,

    /// <summary>HTTP 429 per-second limit; with <see cref="ScriptedFault.RetryAfter"/> a <c>Retry-After</c> in seconds.</summary>
    RateLimited,

    /// <summary>HTTP 429 per-user daily limit with <c>Retry-After</c> at the next 00:00 UTC.</summary>
    DailyLimitReached,

    /// <summary>No answer until the client gives up (or the sandbox stops).</summary>
    Hang,

    /// <summary>The connection is dropped before the request is handled.</summary>
    DropConnection,

    /// <summary>The request takes effect, then the connection drops: the response is lost in transit.</summary>
    LoseResponse,

    /// <summary>
    /// The request takes effect at once, and its answer is held for <see cref="ScriptedFault.Delay"/>: a slow Zoom, during
    /// which the caller may die without ever learning what Zoom did.
    /// </summary>
    SlowAnswer,

    /// <summary>Token endpoint: HTTP 400 <c>{"reason":"Invalid Token!","error":"invalid_grant"}</c>.</summary>
    InvalidGrant,

    /// <summary>HTTP 404 with code 3001 "Meeting does not exist".</summary>
    MeetingNotFound,
}

/// <summary>One scripted answer for the next request to <see cref="Endpoint"/>.</summary>
public sealed record ScriptedFault(SandboxEndpoint Endpoint, FaultKind Kind, TimeSpan? RetryAfter = null, TimeSpan? Delay = null);
