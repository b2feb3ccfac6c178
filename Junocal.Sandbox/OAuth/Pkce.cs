using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Junocal.Sandbox.OAuth;

/// <summary>
/// PKCE as Zoom supports it: <c>S256</c> or <c>plain</c>, and <c>plain</c> when no method is given
/// (https://devforum.zoom.us/t/zoom-oauth-2-0-proof-key-for-code-exchange-pkce-flow/63830).
/// </summary>
internal static class Pkce
{
    public const string Plain = "plain";
    public const string S256 = "S256";

    public static bool IsSupportedMethod(string method) => method is Plain or S256;

    public static bool Verifies(string? challenge, string method, string? verifier)
    {
        if (challenge is null)
        {
            return true;
        }

        if (string.IsNullOrEmpty(verifier))
        {
            return false;
        }

        var expected = method == S256
            ? Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)))
            : verifier;
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(challenge));
    }
}
