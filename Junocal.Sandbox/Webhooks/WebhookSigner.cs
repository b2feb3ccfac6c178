using System.Security.Cryptography;
using System.Text;

namespace Junocal.Sandbox.Webhooks;

/// <summary>
/// Zoom's webhook signature: <c>x-zm-signature = "v0=" + hex(HMAC-SHA256(secretToken, "v0:{timestamp}:{body}"))</c>,
/// and the URL-validation answer <c>encryptedToken = hex(HMAC-SHA256(secretToken, plainToken))</c>
/// (https://github.com/zoom/webhook-sample).
/// </summary>
internal static class WebhookSigner
{
    public const string SignatureHeader = "x-zm-signature";
    public const string TimestampHeader = "x-zm-request-timestamp";

    public static string Sign(string secretToken, string timestamp, string body) =>
        "v0=" + Hex(secretToken, $"v0:{timestamp}:{body}");

    public static string EncryptToken(string secretToken, string plainToken) => Hex(secretToken, plainToken);

    private static string Hex(string key, string message) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(message)));
}
