using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace Junocal.Web.Integrations.Zoom.Webhooks;

/// <summary>
/// Answers Zoom's <c>endpoint.url_validation</c> challenge: the plain token back, with
/// <c>encryptedToken = hex(HMAC-SHA256(secretToken, plainToken))</c> (zoom/webhook-sample; rivet <c>hashUrlValidationEvent</c>).
/// Zoom re-validates the endpoint every 72 hours. Verify the request's signature before answering.
/// </summary>
public sealed class ZoomUrlValidation(IOptionsMonitor<ZoomWebhookOptions> options)
{
    public ZoomUrlValidationResponse Respond(string plainToken)
    {
        // Only the current secret: Zoom validates with the token it holds now, never a retired one.
        var secret = options.CurrentValue.WebhookSecretToken;
        if (string.IsNullOrEmpty(secret))
        {
            throw new InvalidOperationException("Zoom:WebhookSecretToken is not set, so Zoom's URL validation cannot be answered.");
        }

        var encrypted = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(plainToken));
        return new ZoomUrlValidationResponse(plainToken, Convert.ToHexStringLower(encrypted));
    }
}

/// <summary>The JSON body Zoom expects in answer to <c>endpoint.url_validation</c>.</summary>
public sealed record ZoomUrlValidationResponse(
    [property: JsonPropertyName("plainToken")] string PlainToken,
    [property: JsonPropertyName("encryptedToken")] string EncryptedToken);
