using System.Buffers.Text;
using System.Text.Json;

namespace Junocal.Web.Integrations.Zoom;

/// <summary>
/// Reads who connected from a Zoom access token. Zoom's tokens are JWT-shaped with <c>uid</c> and <c>aid</c>
/// (older ones: <c>userId</c>/<c>accountId</c>), but Zoom staff say the format is undocumented and may change
/// (https://devforum.zoom.us/t/getting-zoom-userid-from-access-token/25064), so anything unexpected yields null
/// rather than an error, and callers fall back to <c>GET /users/me</c> or the first meeting's <c>host_id</c>.
/// </summary>
public static class ZoomTokenClaims
{
    public static ZoomIdentity? Read(string accessToken)
    {
        var parts = accessToken.Split('.');
        if (parts.Length != 3)
        {
            return null;
        }

        try
        {
            using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
            var userId = StringClaim(payload.RootElement, "uid") ?? StringClaim(payload.RootElement, "userId");
            var accountId = StringClaim(payload.RootElement, "aid") ?? StringClaim(payload.RootElement, "accountId");
            return string.IsNullOrEmpty(userId) ? null : new ZoomIdentity(userId, accountId, null);
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return null;
        }
    }

    private static string? StringClaim(JsonElement payload, string name) =>
        payload.ValueKind == JsonValueKind.Object && payload.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
