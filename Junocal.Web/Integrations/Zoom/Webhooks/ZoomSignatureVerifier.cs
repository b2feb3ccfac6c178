using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Junocal.Web.Integrations.Zoom.Webhooks;

/// <summary>
/// Checks Zoom's webhook signature: <c>x-zm-signature = "v0=" + hex(HMAC-SHA256(secretToken, "v0:{timestamp}:{body}"))</c>
/// (zoom/webhook-sample index.js; rivet <c>CommonHttpRequest.isEventVerified</c>). The HMAC runs over the raw body bytes,
/// not re-serialized JSON, and is compared in constant time.
/// </summary>
public sealed partial class ZoomSignatureVerifier(
    IOptionsMonitor<ZoomWebhookOptions> options,
    TimeProvider time,
    ILogger<ZoomSignatureVerifier> logger)
{
    public const string SignatureHeader = "x-zm-signature";
    public const string TimestampHeader = "x-zm-request-timestamp";

    /// <summary>
    /// Zoom documents no tolerance and its samples check none; five minutes is the common guidance
    /// (webhooks.fyi) and bounds how long a captured request can be replayed.
    /// </summary>
    public static readonly TimeSpan AllowedClockSkew = TimeSpan.FromMinutes(5);

    private const string SignaturePrefix = "v0=";
    private const int SignatureSize = 32;

    public ZoomSignatureResult Verify(ReadOnlySpan<byte> rawBody, string? timestampHeader, string? signatureHeader)
    {
        if (string.IsNullOrEmpty(signatureHeader))
        {
            return ZoomSignatureResult.MissingSignature;
        }

        if (string.IsNullOrEmpty(timestampHeader))
        {
            return ZoomSignatureResult.MissingTimestamp;
        }

        Span<byte> received = stackalloc byte[SignatureSize];
        if (!long.TryParse(timestampHeader, NumberStyles.None, CultureInfo.InvariantCulture, out var sentAt)
            || !TryDecodeSignature(signatureHeader, received))
        {
            return ZoomSignatureResult.Malformed;
        }

        if (Math.Abs(time.GetUtcNow().ToUnixTimeSeconds() - sentAt) > (long)AllowedClockSkew.TotalSeconds)
        {
            return ZoomSignatureResult.Stale;
        }

        var secrets = options.CurrentValue.AcceptedSecretTokens();
        if (secrets.Count == 0)
        {
            LogNoSecretToken(logger);
            return ZoomSignatureResult.Mismatch;
        }

        Span<byte> expected = stackalloc byte[SignatureSize];
        foreach (var secret in secrets)
        {
            ComputeSignature(secret, timestampHeader, rawBody, expected);
            if (CryptographicOperations.FixedTimeEquals(expected, received))
            {
                return ZoomSignatureResult.Valid;
            }
        }

        return ZoomSignatureResult.Mismatch;
    }

    private static bool TryDecodeSignature(string header, Span<byte> signature)
    {
        if (!header.StartsWith(SignaturePrefix, StringComparison.Ordinal) || header.Length != SignaturePrefix.Length + (SignatureSize * 2))
        {
            return false;
        }

        return Convert.FromHexString(header.AsSpan(SignaturePrefix.Length), signature, out _, out var written) == OperationStatus.Done
            && written == SignatureSize;
    }

    private static void ComputeSignature(string secret, string timestamp, ReadOnlySpan<byte> rawBody, Span<byte> signature)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret));
        hmac.AppendData("v0:"u8);
        hmac.AppendData(Encoding.UTF8.GetBytes(timestamp));
        hmac.AppendData(":"u8);
        hmac.AppendData(rawBody);
        hmac.GetHashAndReset(signature);
    }

    [LoggerMessage(EventId = LogEvents.ZoomWebhook.SecretMissing, Level = LogLevel.Warning,
        Message = "A Zoom webhook cannot be verified: Zoom:WebhookSecretToken is not set")]
    private static partial void LogNoSecretToken(ILogger logger);
}
