using System.Net;
using Junocal.Sandbox.Google.Http;
using Microsoft.AspNetCore.Http;

namespace Junocal.Sandbox.Google.OAuth;

/// <summary>
/// Google compares <c>redirect_uri</c> with the registered ones exactly: scheme, case and trailing slash count
/// (docs/google-sandbox.md). Besides the configured list, Junocal's callback path is allowed on a loopback origin and on
/// the sandbox's own origin (see <see cref="GoogleSandboxOptions.RedirectUris"/>).
/// </summary>
internal static class RedirectUris
{
    public static bool IsAllowed(HttpContext http, GoogleSandboxOptions options, string redirectUri)
    {
        var own = GoogleUrls.Origin(http);
        if (options.RedirectUris.Any(allowed => string.Equals(redirectUri, allowed.StartsWith('/') ? own + allowed : allowed, StringComparison.Ordinal)))
        {
            return true;
        }

        if (!options.AllowAppCallbackByDefault
            || !Uri.TryCreate(redirectUri, UriKind.Absolute, out var uri)
            || uri.Scheme is not ("http" or "https")
            || !string.Equals(uri.AbsolutePath, GoogleSandboxOptions.AppCallbackPath, StringComparison.Ordinal)
            || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0
            // Uri normalises; only the exact spelling counts, as at Google.
            || !string.Equals(uri.GetLeftPart(UriPartial.Path), redirectUri, StringComparison.Ordinal))
        {
            return false;
        }

        return IsLoopback(uri) || string.Equals(uri.GetLeftPart(UriPartial.Authority), own, StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsLoopback(Uri uri) =>
        uri.Host == "localhost" || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
