using System.Text.Json.Nodes;
using System.Threading.Channels;
using Junocal.Sandbox.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Junocal.Sandbox.Webhooks;

/// <summary>Deliveries waiting for the sender, and the record of every delivery made.</summary>
internal sealed class WebhookOutbox(IOptions<ZoomSandboxOptions> options, TimeProvider time, ILogger<WebhookOutbox> logger)
{
    private readonly Channel<WebhookDelivery> _queue = Channel.CreateUnbounded<WebhookDelivery>();
    private readonly Lock _gate = new();
    private readonly List<WebhookDelivery> _deliveries = [];

    public ChannelReader<WebhookDelivery> Reader => _queue.Reader;

    public IReadOnlyList<WebhookDelivery> All
    {
        get
        {
            lock (_gate)
            {
                return [.. _deliveries];
            }
        }
    }

    /// <summary>Forgets the record; deliveries already queued or waiting for a retry still go out.</summary>
    public void ClearRecord()
    {
        lock (_gate)
        {
            _deliveries.Clear();
        }
    }

    public WebhookDelivery Enqueue(JsonObject message, string? plainToken = null)
    {
        var eventName = message["event"]!.GetValue<string>();
        var delivery = new WebhookDelivery(eventName, message.ToJsonString(), options.Value.WebhookUrl, time.GetUtcNow(), plainToken);
        lock (_gate)
        {
            _deliveries.Add(delivery);
        }

        if (delivery.Status == WebhookDeliveryStatus.NotSent)
        {
            SandboxLog.WebhookSkipped(logger, eventName);
        }
        else
        {
            _queue.Writer.TryWrite(delivery);
        }

        return delivery;
    }
}
