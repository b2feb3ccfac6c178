namespace Junocal.Sandbox.Webhooks;

public enum WebhookDeliveryStatus
{
    Pending,
    Delivered,
    Failed,

    /// <summary>No webhook URL is configured, so nothing was sent.</summary>
    NotSent,
}

public enum UrlValidationOutcome
{
    NotApplicable,
    Pending,
    Passed,
    Failed,
}

/// <summary>One HTTP attempt; <see cref="StatusCode"/> is null when no answer came (timeout, refused).</summary>
public sealed record WebhookAttempt(int Number, DateTimeOffset At, int? StatusCode, string? Error);

/// <summary>An event notification the sandbox sends, with every attempt and its answer.</summary>
public sealed class WebhookDelivery
{
    private readonly Lock _gate = new();
    private readonly List<WebhookAttempt> _attempts = [];
    private readonly TaskCompletionSource<WebhookDelivery> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal WebhookDelivery(string eventName, string body, Uri? targetUrl, DateTimeOffset createdAt, string? plainToken)
    {
        Event = eventName;
        Body = body;
        TargetUrl = targetUrl;
        CreatedAt = createdAt;
        PlainToken = plainToken;
        Validation = plainToken is null ? UrlValidationOutcome.NotApplicable : UrlValidationOutcome.Pending;
        if (targetUrl is null)
        {
            Finish(WebhookDeliveryStatus.NotSent);
        }
    }

    public string Id { get; } = Guid.NewGuid().ToString("N");

    public string Event { get; }

    /// <summary>The exact JSON body that was signed and sent.</summary>
    public string Body { get; }

    public Uri? TargetUrl { get; }

    public DateTimeOffset CreatedAt { get; }

    /// <summary>For <c>endpoint.url_validation</c>: the token the receiver must echo and hash.</summary>
    public string? PlainToken { get; }

    public WebhookDeliveryStatus Status { get; private set; }

    public UrlValidationOutcome Validation { get; private set; }

    public string? ValidationDetail { get; private set; }

    public IReadOnlyList<WebhookAttempt> Attempts
    {
        get
        {
            lock (_gate)
            {
                return [.. _attempts];
            }
        }
    }

    /// <summary>Completes when the delivery succeeded or the last retry failed.</summary>
    public Task<WebhookDelivery> Completion => _completion.Task;

    internal void Record(WebhookAttempt attempt)
    {
        lock (_gate)
        {
            _attempts.Add(attempt);
        }
    }

    internal void RecordValidation(UrlValidationOutcome outcome, string detail)
    {
        Validation = outcome;
        ValidationDetail = detail;
    }

    internal void Finish(WebhookDeliveryStatus status)
    {
        Status = status;
        _completion.TrySetResult(this);
    }
}
