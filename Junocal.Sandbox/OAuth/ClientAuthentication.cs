using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Junocal.Sandbox.OAuth;

/// <summary><c>Authorization: Basic base64(client_id:client_secret)</c> (https://developers.zoom.us/docs/rooms/oauth/).</summary>
internal static class ClientAuthentication
{
    public static bool IsValid(HttpRequest request, ZoomSandboxOptions app)
    {
        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase)
            || header.Parameter is null)
        {
            return false;
        }

        string credentials;
        try
        {
            credentials = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
        }
        catch (FormatException)
        {
            return false;
        }

        var separator = credentials.IndexOf(':', StringComparison.Ordinal);
        return separator > 0
            && Same(credentials[..separator], app.ClientId)
            && Same(credentials[(separator + 1)..], app.ClientSecret);
    }

    private static bool Same(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));
}
