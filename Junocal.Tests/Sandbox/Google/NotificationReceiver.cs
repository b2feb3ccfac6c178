using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Junocal.Tests.Sandbox.Google;

/// <summary>A stand-in for the app's notification endpoint on its own Kestrel port: records what arrives, answers as scripted.</summary>
public sealed class NotificationReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<int> _scriptedStatuses = new();

    private NotificationReceiver(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }

    public ConcurrentQueue<ReceivedNotification> Received { get; } = new();

    public static async Task<NotificationReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        NotificationReceiver? receiver = null;
        app.MapPost("/api/webhooks/google", async (HttpContext http) => await receiver!.HandleAsync(http));
        await app.StartAsync();
        receiver = new NotificationReceiver(app, new Uri($"{app.Urls.First()}/api/webhooks/google"));
        return receiver;
    }

    /// <summary>The next notifications get these statuses, in order; afterwards 200.</summary>
    public void AnswerNext(params int[] statuses)
    {
        foreach (var status in statuses)
        {
            _scriptedStatuses.Enqueue(status);
        }
    }

    /// <summary>Waits for the <paramref name="count"/>th notification in <paramref name="state"/> and returns it.</summary>
    public async Task<ReceivedNotification> WaitForAsync(string state, int count = 1)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var matching = Received.Where(n => n.State == state).ToList();
            if (matching.Count >= count)
            {
                return matching[count - 1];
            }

            await Task.Delay(10, timeout.Token);
        }
    }

    private async Task HandleAsync(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body);
        var body = await reader.ReadToEndAsync();
        var headers = http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        Received.Enqueue(new ReceivedNotification(headers, body));
        http.Response.StatusCode = _scriptedStatuses.TryDequeue(out var status) ? status : StatusCodes.Status200OK;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

public sealed record ReceivedNotification(IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string State => Header("X-Goog-Resource-State")!;

    public long Number => long.Parse(Header("X-Goog-Message-Number")!, System.Globalization.CultureInfo.InvariantCulture);

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
