using Junocal.Tests.Infrastructure;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace Junocal.Tests.Integrations.Zoom.Webhooks;

/// <summary>Webhook requests as Zoom sends them, signed here independently of the app's verifier.</summary>
public static class ZoomWebhookRequests
{
    public const string Path = "/api/webhooks/zoom";
    public const string Secret = JunocalApp.SandboxWebhookSecret;

    public static string Now() => DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    public static string Signature(string timestamp, byte[] body, string secret = Secret)
    {
        var message = Encoding.UTF8.GetBytes($"v0:{timestamp}:").Concat(body).ToArray();
        return "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message));
    }

    public static HttpRequestMessage SignedRequest(string body, string? timestamp = null) => SignedRequest(Encoding.UTF8.GetBytes(body), timestamp);

    public static HttpRequestMessage SignedRequest(byte[] body, string? timestamp = null)
    {
        var at = timestamp ?? Now();
        return Build(body, at, Signature(at, body));
    }

    public static HttpRequestMessage Build(byte[] body, string? timestamp, string? signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (timestamp is not null)
        {
            request.Headers.TryAddWithoutValidation("x-zm-request-timestamp", timestamp);
        }

        if (signature is not null)
        {
            request.Headers.TryAddWithoutValidation("x-zm-signature", signature);
        }

        return request;
    }

    public static string Deauthorized(string? userId, string? accountId, DateTimeOffset? at = null) =>
        System.Text.Json.JsonSerializer.Serialize(new
        {
            @event = "app_deauthorized",
            event_ts = (at ?? DateTimeOffset.UtcNow).ToUnixTimeMilliseconds(),
            payload = new Dictionary<string, object?>
            {
                ["account_id"] = accountId,
                ["user_id"] = userId,
                ["client_id"] = "sandbox-client-id",
                ["deauthorization_time"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            }.Where(pair => pair.Value is not null).ToDictionary(),
        });
}
