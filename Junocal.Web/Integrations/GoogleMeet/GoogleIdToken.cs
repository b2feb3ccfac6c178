using System.Buffers.Text;
using System.Text.Json;

namespace Junocal.Web.Integrations.GoogleMeet;

/// <summary>
/// Reads who connected from the ID token of a code exchange. The token comes straight from Google's token endpoint
/// over TLS, authenticated with the client secret, so (OpenID Connect Core 1.0 §3.1.3.7, point 6) its signature need
/// not be verified; the issuer, audience and expiry are checked all the same, and the token is never passed on.
/// </summary>
public static class GoogleIdToken
{
    private static readonly string[] Issuers = ["https://accounts.google.com", "accounts.google.com"];

    /// <returns>The account, or null when the token is not one Google issued for this client, is expired, or names no email.</returns>
    public static GoogleIdentity? Read(string? idToken, string? clientId, DateTimeOffset now)
    {
        var parts = idToken?.Split('.');
        if (parts is not { Length: 3 } || string.IsNullOrEmpty(clientId))
        {
            return null;
        }

        try
        {
            using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
            var claims = payload.RootElement;
            if (claims.ValueKind != JsonValueKind.Object
                || !Issuers.Contains(String(claims, "iss"), StringComparer.Ordinal)
                || !HasAudience(claims, clientId)
                || !claims.TryGetProperty("exp", out var exp) || !exp.TryGetInt64(out var expires)
                || DateTimeOffset.FromUnixTimeSeconds(expires) <= now)
            {
                return null;
            }

            return String(claims, "sub") is { Length: > 0 } sub && String(claims, "email") is { Length: > 0 } email
                ? new GoogleIdentity(sub, email)
                : null;
        }
        catch (Exception ex) when (ex is FormatException or JsonException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    private static bool HasAudience(JsonElement claims, string clientId) =>
        claims.TryGetProperty("aud", out var aud) && aud.ValueKind switch
        {
            JsonValueKind.String => aud.GetString() == clientId,
            JsonValueKind.Array => aud.EnumerateArray().Any(a => a.ValueKind == JsonValueKind.String && a.GetString() == clientId),
            _ => false,
        };

    private static string? String(JsonElement claims, string name) =>
        claims.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
