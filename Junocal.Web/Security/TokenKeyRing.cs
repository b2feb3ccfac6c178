using System.Diagnostics.CodeAnalysis;

namespace Junocal.Web.Security;

/// <summary>The decoded keys of one <see cref="TokenVaultOptions"/> snapshot.</summary>
internal sealed class TokenKeyRing
{
    public const int KeySize = 32;

    private readonly Dictionary<string, byte[]> _keys;

    private TokenKeyRing(Dictionary<string, byte[]> keys, string activeId)
    {
        _keys = keys;
        ActiveId = activeId;
    }

    public string ActiveId { get; }

    public byte[] ActiveKey => _keys[ActiveId];

    /// <summary>Decodes already validated options (see <see cref="TokenVaultOptionsValidator"/>).</summary>
    public static TokenKeyRing From(TokenVaultOptions options)
    {
        var keys = new Dictionary<string, byte[]>(StringComparer.OrdinalIgnoreCase);
        foreach (var (id, encoded) in options.ListedKeys())
        {
            if (TryDecodeKey(encoded, out var key))
            {
                keys[id] = key;
            }
        }

        var activeId = options.ActiveTokenKey ?? "";
        return keys.ContainsKey(activeId)
            ? new TokenKeyRing(keys, activeId)
            : throw new InvalidOperationException($"{TokenVaultOptions.ActiveTokenKeyKey} names no usable key.");
    }

    public bool TryGetKey(string id, [NotNullWhen(true)] out byte[]? key) =>
        _keys.TryGetValue(id, out key);

    public static bool TryDecodeKey(string? encoded, out byte[] key)
    {
        key = [];
        if (string.IsNullOrWhiteSpace(encoded))
        {
            return false;
        }

        var buffer = new byte[encoded.Length];
        if (!Convert.TryFromBase64String(encoded.Trim(), buffer, out var written) || written != KeySize)
        {
            return false;
        }

        key = buffer[..KeySize];
        return true;
    }

    /// <summary>Key ids appear in stored values between dots, so they are kept to a plain alphabet.</summary>
    public static bool IsValidId(string id) =>
        id.Length is > 0 and <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
