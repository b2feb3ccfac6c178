using System.Globalization;
using Junocal.Sandbox.Google.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Junocal.Sandbox.Google.Push;

/// <summary>
/// Sends queued notifications as Google does: <c>POST address</c>, no body, <c>User-Agent: APIs-Google</c>, the
/// <c>X-Goog-*</c> headers. 2xx or 102 is success; 500, 502, 503 and 504 are retried with backoff; any other answer
/// counts as failed (docs/google-sandbox.md). A channel that was stopped or expired gets nothing more.
/// </summary>
internal sealed partial class NotificationSender(
    GoogleSandboxState sandbox,
    IHttpClientFactory httpClients,
    IOptions<GoogleSandboxOptions> options,
    ILogger<NotificationSender> logger) : BackgroundService
{
    public const string HttpClientName = "Junocal.Sandbox.Google.Push";

    private static readonly int[] RetriedStatuses = [500, 502, 503, 504];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var delivery in sandbox.Notifications.Reader.ReadAllAsync(stoppingToken))
            {
                _ = DeliverAsync(delivery, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host shutdown.
        }
    }

    private async Task DeliverAsync(NotificationDelivery delivery, CancellationToken stoppingToken)
    {
        var retryDelays = options.Value.NotificationRetryDelays;
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                if (!sandbox.Channels.IsLive(delivery.Channel, sandbox.Time.GetUtcNow()))
                {
                    delivery.Finish(NotificationStatus.ChannelEnded);
                    return;
                }

                var status = await AttemptAsync(delivery, attempt, stoppingToken);
                if (status is { } code && (code is >= 200 and < 300 || code == 102))
                {
                    delivery.Finish(NotificationStatus.Delivered);
                    return;
                }

                var retried = status is null || RetriedStatuses.Contains(status.Value);
                if (!retried || attempt > retryDelays.Count)
                {
                    delivery.Finish(NotificationStatus.Failed);
                    return;
                }

                await Task.Delay(retryDelays[attempt - 1], sandbox.Time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            delivery.Finish(NotificationStatus.Failed);
        }
    }

    private async Task<int?> AttemptAsync(NotificationDelivery delivery, int attempt, CancellationToken stoppingToken)
    {
        var now = sandbox.Time.GetUtcNow();
        var channel = delivery.Channel;
        using var request = new HttpRequestMessage(HttpMethod.Post, channel.Address) { Content = new ByteArrayContent([]) };
        request.Headers.UserAgent.ParseAdd("APIs-Google");
        request.Headers.Add("X-Goog-Channel-ID", channel.Id);
        if (channel.Token is not null)
        {
            request.Headers.Add("X-Goog-Channel-Token", channel.Token);
        }

        request.Headers.Add("X-Goog-Channel-Expiration", GoogleFormat.HttpDate(channel.Expiration));
        request.Headers.Add("X-Goog-Resource-ID", channel.ResourceId);
        request.Headers.Add("X-Goog-Resource-URI", channel.ResourceUri);
        request.Headers.Add("X-Goog-Resource-State", delivery.ResourceState);
        request.Headers.Add("X-Goog-Message-Number", delivery.MessageNumber.ToString(CultureInfo.InvariantCulture));

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(options.Value.NotificationTimeout);
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, timeout.Token);
            var status = (int)response.StatusCode;
            delivery.Record(new NotificationAttempt(attempt, now, status, null));
            LogAnswered(logger, delivery.ResourceState, attempt, status);
            return status;
        }
        catch (Exception error) when (error is HttpRequestException or InvalidOperationException
                                      || (error is OperationCanceledException && !stoppingToken.IsCancellationRequested))
        {
            var reason = error is OperationCanceledException ? "No answer within the notification timeout" : error.Message;
            delivery.Record(new NotificationAttempt(attempt, now, null, reason));
            LogFailed(logger, delivery.ResourceState, attempt, reason);
            return null;
        }
    }

    [LoggerMessage(EventId = 7152, Level = LogLevel.Information, Message = "Google sandbox notification {State} attempt {Attempt} answered {StatusCode}")]
    private static partial void LogAnswered(ILogger logger, string state, int attempt, int statusCode);

    [LoggerMessage(EventId = 7153, Level = LogLevel.Warning, Message = "Google sandbox notification {State} attempt {Attempt} failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string state, int attempt, string reason);
}
