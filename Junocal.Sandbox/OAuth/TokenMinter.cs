using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Junocal.Sandbox.Users;

namespace Junocal.Sandbox.OAuth;

/// <summary>
/// Makes JWT-shaped tokens like Zoom's: v7+ tokens carry the user in <c>uid</c> and the account in <c>aid</c>
/// (https://devforum.zoom.us/t/getting-zoom-userid-from-access-token/25064). The sandbox looks tokens up by
/// value, so the signature only makes them look real; the key never leaves the process.
/// </summary>
internal sealed class TokenMinter
{
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(64);

    public string Mint(SandboxTokenKind kind, ZoomTestUser user, string clientId, DateTimeOffset issuedAt, DateTimeOffset expiresAt)
    {
        var header = new Dictionary<string, object> { ["alg"] = "HS512", ["v"] = "2.0", ["kid"] = "sandbox" };
        var claims = new Dictionary<string, object>
        {
            ["ver"] = 10,
            ["auid"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(user.Id + clientId))),
            ["uid"] = user.Id,
            ["aid"] = user.AccountId,
            ["nbf"] = issuedAt.ToUnixTimeSeconds(),
            ["iss"] = $"zm:cid:{clientId}",
            ["type"] = kind == SandboxTokenKind.Access ? 0 : 1,
            ["aud"] = "https://oauth.zoom.us",
            ["exp"] = expiresAt.ToUnixTimeSeconds(),
            ["iat"] = issuedAt.ToUnixTimeSeconds(),
            ["jti"] = Guid.NewGuid().ToString(),
        };
        var signingInput = $"{Encode(header)}.{Encode(claims)}";
        var signature = HMACSHA512.HashData(_key, Encoding.ASCII.GetBytes(signingInput));
        return $"{signingInput}.{Base64Url.EncodeToString(signature)}";
    }

    private static string Encode(Dictionary<string, object> part) =>
        Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(part));
}
