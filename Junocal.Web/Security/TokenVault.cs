using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Junocal.Web.Security;

/// <summary>
/// AES-256-GCM with a random 96-bit nonce per value and a 128-bit tag. The associated data names the purpose and the
/// studio, so a ciphertext copied to another studio's row or used as another kind of token fails authentication.
/// Stored form: <c>v1.&lt;keyId&gt;.&lt;base64url(nonce | ciphertext | tag)&gt;</c>.
/// </summary>
internal sealed partial class TokenVault(IOptionsMonitor<TokenVaultOptions> options, ILogger<TokenVault> logger) : ITokenVault
{
    private const string Version = "v1";
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private KeyRingSnapshot? _snapshot;

    public string Protect(string plaintext, TokenPurpose purpose, Guid studioId)
    {
        var ring = CurrentKeyRing();
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var sealedBytes = new byte[NonceSize + plain.Length + TagSize];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);

        using (var aes = new AesGcm(ring.ActiveKey, TagSize))
        {
            aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceSize, plain.Length), sealedBytes.AsSpan(NonceSize + plain.Length), AssociatedData(purpose, studioId));
        }

        CryptographicOperations.ZeroMemory(plain);
        return $"{Version}.{ring.ActiveId}.{Base64Url.EncodeToString(sealedBytes)}";
    }

    public TokenUnprotectResult Unprotect(string stored, TokenPurpose purpose, Guid studioId)
    {
        if (!TryParse(stored, out var keyId, out var sealedBytes))
        {
            LogUnprotectFailed(logger, purpose, studioId, TokenUnprotectFailure.Malformed, null);
            return TokenUnprotectResult.Failed(TokenUnprotectFailure.Malformed);
        }

        if (!CurrentKeyRing().TryGetKey(keyId, out var key))
        {
            LogUnprotectFailed(logger, purpose, studioId, TokenUnprotectFailure.UnknownKey, keyId);
            return TokenUnprotectResult.Failed(TokenUnprotectFailure.UnknownKey);
        }

        var cipherLength = sealedBytes.Length - NonceSize - TagSize;
        var plain = new byte[cipherLength];
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(
                sealedBytes.AsSpan(0, NonceSize),
                sealedBytes.AsSpan(NonceSize, cipherLength),
                sealedBytes.AsSpan(NonceSize + cipherLength),
                plain,
                AssociatedData(purpose, studioId));
        }
        catch (AuthenticationTagMismatchException)
        {
            LogUnprotectFailed(logger, purpose, studioId, TokenUnprotectFailure.Tampered, keyId);
            return TokenUnprotectResult.Failed(TokenUnprotectFailure.Tampered);
        }

        var plaintext = Encoding.UTF8.GetString(plain);
        CryptographicOperations.ZeroMemory(plain);
        return TokenUnprotectResult.Success(plaintext);
    }

    private static byte[] AssociatedData(TokenPurpose purpose, Guid studioId) =>
        Encoding.UTF8.GetBytes($"junocal:{Version}:{purpose}:{studioId:N}");

    private static bool TryParse(string stored, out string keyId, out byte[] sealedBytes)
    {
        keyId = "";
        sealedBytes = [];
        var parts = stored.Split('.');
        if (parts is not [Version, var id, var payload] || !TokenKeyRing.IsValidId(id)
            || !Base64Url.IsValid(payload, out var length) || length < NonceSize + TagSize)
        {
            return false;
        }

        keyId = id;
        sealedBytes = Base64Url.DecodeFromChars(payload);
        return true;
    }

    // The options monitor hands out the same instance until the configuration changes, so keys are decoded once per change.
    private TokenKeyRing CurrentKeyRing()
    {
        var current = options.CurrentValue;
        var snapshot = Volatile.Read(ref _snapshot);
        if (snapshot is null || !ReferenceEquals(snapshot.Options, current))
        {
            snapshot = new KeyRingSnapshot(current, TokenKeyRing.From(current));
            Volatile.Write(ref _snapshot, snapshot);
        }

        return snapshot.Ring;
    }

    private sealed record KeyRingSnapshot(TokenVaultOptions Options, TokenKeyRing Ring);

    [LoggerMessage(EventId = LogEvents.Security.TokenUndecryptable, Level = LogLevel.Warning,
        Message = "A stored {Purpose} for studio {StudioId} could not be decrypted: {Failure} (key id {KeyId})")]
    private static partial void LogUnprotectFailed(ILogger logger, TokenPurpose purpose, Guid studioId, TokenUnprotectFailure failure, string? keyId);
}
