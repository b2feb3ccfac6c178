using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Junocal.Sandbox.Diagnostics;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Junocal.Sandbox.Webhooks;

/// <summary>
/// Sends queued deliveries, signed, and retries a missing or non-2xx answer on the configured schedule; after the
/// last retry Zoom makes no further attempt (https://devsupport.zoom.us/hc/en-us/articles/360059893812-Webhook-delays).
/// </summary>
internal sealed class WebhookSender(
    WebhookOutbox outbox,
    IHttpClientFactory httpClients,
    IOptions<ZoomSandboxOptions> options,
    TimeProvider time,
    IServiceProvider services,
    ILogger<WebhookSender> logger) : BackgroundService
{
    public const string HttpClientName = "Junocal.Sandbox.Webhooks";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var delivery in outbox.Reader.ReadAllAsync(stoppingToken))
            {
                // Each delivery runs on its own so a slow receiver or a long retry delay holds up no other event.
                _ = DeliverAsync(delivery, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host shutdown.
        }
    }

    private async Task DeliverAsync(WebhookDelivery delivery, CancellationToken stoppingToken)
    {
        // Validation is a one-shot check; events get Zoom's retries.
        var retryDelays = delivery.PlainToken is null ? options.Value.WebhookRetryDelays : [];
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                if (await AttemptAsync(delivery, attempt, stoppingToken))
                {
                    delivery.Finish(WebhookDeliveryStatus.Delivered);
                    return;
                }

                if (attempt > retryDelays.Count)
                {
                    delivery.Finish(WebhookDeliveryStatus.Failed);
                    return;
                }

                await Task.Delay(retryDelays[attempt - 1], time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            delivery.Finish(WebhookDeliveryStatus.Failed);
        }
    }

    // A relative target means "the app serving this sandbox": its listening address is known only once it runs.
    private Uri Resolve(Uri target)
    {
        if (target.IsAbsoluteUri)
        {
            return target;
        }

        var address = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses
            .FirstOrDefault(a => a.StartsWith("http://", StringComparison.Ordinal))
            ?? throw new InvalidOperationException("A relative webhook URL needs a server listening on http.");
        var origin = address.Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://+", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://*", "://127.0.0.1", StringComparison.Ordinal);
        return new Uri(new Uri(origin), target);
    }

    private async Task<bool> AttemptAsync(WebhookDelivery delivery, int attempt, CancellationToken stoppingToken)
    {
        var now = time.GetUtcNow();
        var timestamp = WebhookEvents.UnixSeconds(now);
        using var request = new HttpRequestMessage(HttpMethod.Post, Resolve(delivery.TargetUrl!))
        {
            Content = new StringContent(delivery.Body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        request.Headers.Add(WebhookSigner.TimestampHeader, timestamp);
        request.Headers.Add(WebhookSigner.SignatureHeader, WebhookSigner.Sign(options.Value.WebhookSecretToken, timestamp, delivery.Body));
        request.Headers.UserAgent.ParseAdd("Zoom Marketplace/1.0a");

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(options.Value.WebhookTimeout);
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, timeout.Token);
            var status = (int)response.StatusCode;
            delivery.Record(new WebhookAttempt(attempt, now, status, null));
            SandboxLog.WebhookAnswered(logger, delivery.Event, attempt, status);
            if (!response.IsSuccessStatusCode)
            {
                return false;
            }

            if (delivery.PlainToken is not null)
            {
                await CheckValidationAnswerAsync(delivery, response, timeout.Token);
            }

            return true;
        }
        // InvalidOperationException: a webhook URL HttpClient cannot send to (e.g. not http/https).
        catch (Exception error) when (error is HttpRequestException or InvalidOperationException
                                      || (error is OperationCanceledException && !stoppingToken.IsCancellationRequested))
        {
            var reason = error is OperationCanceledException ? "No answer within the webhook timeout" : error.Message;
            delivery.Record(new WebhookAttempt(attempt, now, null, reason));
            SandboxLog.WebhookFailed(logger, delivery.Event, attempt, reason);
            if (delivery.PlainToken is not null)
            {
                delivery.RecordValidation(UrlValidationOutcome.Failed, reason);
            }

            return false;
        }
    }

    private async Task CheckValidationAnswerAsync(WebhookDelivery delivery, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var expected = WebhookSigner.EncryptToken(options.Value.WebhookSecretToken, delivery.PlainToken!);
        try
        {
            using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            var plainToken = answer.RootElement.TryGetProperty("plainToken", out var plain) ? plain.GetString() : null;
            var encryptedToken = answer.RootElement.TryGetProperty("encryptedToken", out var encrypted) ? encrypted.GetString() : null;
            if (plainToken != delivery.PlainToken)
            {
                delivery.RecordValidation(UrlValidationOutcome.Failed, "The answer's plainToken is not the one sent.");
            }
            else if (encryptedToken is null || !CryptographicOperations.FixedTimeEquals(
                         Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(encryptedToken.ToLowerInvariant())))
            {
                delivery.RecordValidation(UrlValidationOutcome.Failed, "The answer's encryptedToken is not HMAC-SHA256(secret token, plainToken) in hex.");
            }
            else
            {
                delivery.RecordValidation(UrlValidationOutcome.Passed, "The endpoint answered with the expected encryptedToken.");
            }
        }
        catch (Exception error) when (error is JsonException or InvalidOperationException)
        {
            delivery.RecordValidation(UrlValidationOutcome.Failed, "The answer is not a JSON object with plainToken and encryptedToken.");
        }
    }
}
