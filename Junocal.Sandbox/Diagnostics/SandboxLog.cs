using Junocal.Sandbox.Faults;
using Microsoft.Extensions.Logging;

namespace Junocal.Sandbox.Diagnostics;

/// <summary>The sandbox's log lines. None of them carries a token, code, secret or signature.</summary>
internal static partial class SandboxLog
{
    [LoggerMessage(EventId = 9001, Level = LogLevel.Information, Message = "Zoom sandbox answered {Endpoint} with scripted fault {Fault}")]
    public static partial void FaultApplied(ILogger logger, SandboxEndpoint endpoint, FaultKind fault);

    [LoggerMessage(EventId = 9002, Level = LogLevel.Information, Message = "Zoom sandbox webhook {Event} attempt {Attempt} answered {StatusCode}")]
    public static partial void WebhookAnswered(ILogger logger, string @event, int attempt, int statusCode);

    [LoggerMessage(EventId = 9003, Level = LogLevel.Warning, Message = "Zoom sandbox webhook {Event} attempt {Attempt} failed: {Reason}")]
    public static partial void WebhookFailed(ILogger logger, string @event, int attempt, string reason);

    [LoggerMessage(EventId = 9004, Level = LogLevel.Information, Message = "Zoom sandbox webhook {Event} not sent: no webhook URL is configured")]
    public static partial void WebhookSkipped(ILogger logger, string @event);

    [LoggerMessage(EventId = 9010, Level = LogLevel.Information, Message = "Zoom sandbox serving at {Url}")]
    public static partial void Serving(ILogger logger, string url);

    [LoggerMessage(EventId = 7150, Level = LogLevel.Information, Message = "Google sandbox serving at {Url}")]
    public static partial void GoogleServing(ILogger logger, string url);

    [LoggerMessage(EventId = 9011, Level = LogLevel.Information, Message = "Zoom sandbox accepts OAuth redirects to {RedirectUris} and sends webhooks to {WebhookUrl}")]
    public static partial void StandaloneSettings(ILogger logger, string redirectUris, string webhookUrl);

    [LoggerMessage(EventId = 9012, Level = LogLevel.Warning, Message = "Zoom sandbox signs webhooks with a random Secret Token: set Sandbox:Zoom:WebhookSecretToken here and the same Zoom:WebhookSecretToken in the app, or the app refuses them")]
    public static partial void RandomWebhookSecret(ILogger logger);
}
