using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Junocal.Tests.Sandbox;

/// <summary>A stand-in for the app's webhook endpoint on its own Kestrel port: records what arrives, answers as scripted.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    public const string Secret = "receiver-test-secret";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<int> _scriptedStatuses = new();

    private WebhookReceiver(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }

    public ConcurrentQueue<ReceivedWebhook> Received { get; } = new();

    /// <summary>When set, url_validation is answered with this encryptedToken instead of the right one.</summary>
    public string? WrongEncryptedToken { get; set; }

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        WebhookReceiver? receiver = null;
        // A lone HttpContext parameter would bind as a RequestDelegate and drop the result, so execute it here.
        app.MapPost("/hooks/zoom", async (HttpContext http) => await (await receiver!.HandleAsync(http)).ExecuteAsync(http));
        await app.StartAsync();
        var address = app.Urls.First();
        receiver = new WebhookReceiver(app, new Uri($"{address}/hooks/zoom"));
        return receiver;
    }

    /// <summary>The next deliveries get these statuses, in order; afterwards 200.</summary>
    public void AnswerNext(params int[] statuses)
    {
        foreach (var status in statuses)
        {
            _scriptedStatuses.Enqueue(status);
        }
    }

    public async Task<ReceivedWebhook> WaitForAsync(string eventName, int count = 1)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var matching = Received.Where(hook => hook.Event == eventName).ToList();
            if (matching.Count >= count)
            {
                return matching[count - 1];
            }

            await Task.Delay(10, timeout.Token);
        }
    }

    private async Task<IResult> HandleAsync(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        using var json = JsonDocument.Parse(body);
        var hook = new ReceivedWebhook(
            json.RootElement.GetProperty("event").GetString()!,
            body,
            http.Request.Headers["x-zm-request-timestamp"].ToString(),
            http.Request.Headers["x-zm-signature"].ToString());
        Received.Enqueue(hook);

        if (_scriptedStatuses.TryDequeue(out var status))
        {
            return Results.StatusCode(status);
        }

        if (hook.Event == "endpoint.url_validation")
        {
            var plainToken = json.RootElement.GetProperty("payload").GetProperty("plainToken").GetString()!;
            var encrypted = WrongEncryptedToken ?? Hex(Secret, plainToken);
            return Results.Json(new { plainToken, encryptedToken = encrypted });
        }

        return Results.Ok();
    }

    public static string Hex(string key, string message) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(message)));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

public sealed record ReceivedWebhook(string Event, string Body, string Timestamp, string Signature)
{
    /// <summary>Verifies the signature the way a Zoom receiver must, independently of the sandbox's code.</summary>
    public bool IsSignedWith(string secret) =>
        CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(Signature),
            Encoding.ASCII.GetBytes("v0=" + WebhookReceiver.Hex(secret, $"v0:{Timestamp}:{Body}")));

    public JsonElement Payload()
    {
        using var document = JsonDocument.Parse(Body);
        return document.RootElement.GetProperty("payload").Clone();
    }
}
