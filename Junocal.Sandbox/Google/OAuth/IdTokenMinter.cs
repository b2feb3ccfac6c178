using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Junocal.Sandbox.Google.Users;

namespace Junocal.Sandbox.Google.OAuth;

/// <summary>
/// Signs ID tokens with RS256 like Google's, with claims as <c>TokenPayload</c> of google-auth-library-nodejs
/// (<c>src/auth/loginticket.ts</c>) lists them. The key is made per process; its public half is served as a JWKS.
/// </summary>
internal sealed class IdTokenMinter : IDisposable
{
    public const string Issuer = "https://accounts.google.com";

    private readonly RSA _key = RSA.Create(2048);
    private readonly string _keyId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));

    public string Mint(GoogleTestUser user, IReadOnlyList<string> scopes, string clientId, string accessToken, string? nonce, DateTimeOffset now)
    {
        var header = new JsonObject { ["alg"] = "RS256", ["kid"] = _keyId, ["typ"] = "JWT" };
        var claims = new JsonObject
        {
            ["iss"] = Issuer,
            ["azp"] = clientId,
            ["aud"] = clientId,
            ["sub"] = user.Sub,
        };
        if (user.HostedDomain is not null)
        {
            claims["hd"] = user.HostedDomain;
        }

        if (GoogleScopes.HasEmail(scopes))
        {
            claims["email"] = user.Email;
            claims["email_verified"] = user.EmailVerified;
        }

        // at_hash: the left half of SHA-256 of the access token, base64url (OpenID Connect Core §3.1.3.6).
        claims["at_hash"] = Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(accessToken)).AsSpan(0, 16));
        if (GoogleScopes.HasProfile(scopes))
        {
            claims["name"] = user.Name;
        }

        if (nonce is not null)
        {
            claims["nonce"] = nonce;
        }

        claims["iat"] = now.ToUnixTimeSeconds();
        claims["exp"] = now.AddHours(1).ToUnixTimeSeconds();
        var signingInput = $"{Encode(header)}.{Encode(claims)}";
        var signature = _key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{signingInput}.{Base64Url.EncodeToString(signature)}";
    }

    /// <summary>The public key as Google's <c>/oauth2/v3/certs</c> serves its keys.</summary>
    public JsonObject Jwks()
    {
        var parameters = _key.ExportParameters(includePrivateParameters: false);
        return new JsonObject
        {
            ["keys"] = new JsonArray(new JsonObject
            {
                ["kty"] = "RSA",
                ["alg"] = "RS256",
                ["use"] = "sig",
                ["kid"] = _keyId,
                ["n"] = Base64Url.EncodeToString(parameters.Modulus),
                ["e"] = Base64Url.EncodeToString(parameters.Exponent),
            }),
        };
    }

    public void Dispose() => _key.Dispose();

    private static string Encode(JsonObject part) => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(part));
}
