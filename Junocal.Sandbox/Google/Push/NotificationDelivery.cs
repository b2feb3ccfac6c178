namespace Junocal.Sandbox.Google.Push;

public enum NotificationStatus
{
    Pending,
    Delivered,
    Failed,

    /// <summary>The drop knob was on: never sent, as Google warns some notifications are lost.</summary>
    Dropped,

    /// <summary>The channel was stopped or expired before the message went out.</summary>
    ChannelEnded,
}

/// <summary>One HTTP attempt; <see cref="StatusCode"/> is null when no answer came.</summary>
public sealed record NotificationAttempt(int Number, DateTimeOffset At, int? StatusCode, string? Error);

/// <summary>A push notification: a POST with no body and the <c>X-Goog-*</c> headers (docs/google-sandbox.md).</summary>
public sealed class NotificationDelivery
{
    private readonly Lock _gate = new();
    private readonly List<NotificationAttempt> _attempts = [];
    private readonly TaskCompletionSource<NotificationDelivery> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal NotificationDelivery(GoogleChannel channel, string resourceState, long messageNumber, DateTimeOffset createdAt)
    {
        Channel = channel;
        ResourceState = resourceState;
        MessageNumber = messageNumber;
        CreatedAt = createdAt;
    }

    public string Id { get; } = Guid.NewGuid().ToString("N");

    public GoogleChannel Channel { get; }

    public string ChannelId => Channel.Id;

    /// <summary><c>sync</c> for the first message of a channel, then <c>exists</c> for any change.</summary>
    public string ResourceState { get; }

    public long MessageNumber { get; }

    public DateTimeOffset CreatedAt { get; }

    public NotificationStatus Status { get; private set; }

    public IReadOnlyList<NotificationAttempt> Attempts
    {
        get
        {
            lock (_gate)
            {
                return [.. _attempts];
            }
        }
    }

    /// <summary>Completes when the notification was delivered, dropped, or its last retry failed.</summary>
    public Task<NotificationDelivery> Completion => _completion.Task;

    internal void Record(NotificationAttempt attempt)
    {
        lock (_gate)
        {
            _attempts.Add(attempt);
        }
    }

    internal void Finish(NotificationStatus status)
    {
        Status = status;
        _completion.TrySetResult(this);
    }
}
