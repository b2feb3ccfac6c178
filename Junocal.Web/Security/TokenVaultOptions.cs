namespace Junocal.Web.Security;

/// <summary>
/// The token vault's keys, bound from the <c>Security</c> section: <c>Security:TokenKeys:&lt;id&gt;</c> holds a
/// base64-encoded 32-byte key, <c>Security:ActiveTokenKey</c> the id that encrypts new values. Keys come from the
/// environment, user secrets or a secret store, never the database. Older keys stay listed so their values still decrypt.
/// </summary>
public sealed class TokenVaultOptions
{
    public const string SectionName = "Security";
    public const string TokenKeysKey = "Security:TokenKeys";
    public const string ActiveTokenKeyKey = "Security:ActiveTokenKey";

    public IDictionary<string, string> TokenKeys { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    public string? ActiveTokenKey { get; set; }

    // An empty value retires a key that a lower configuration layer still lists, since layers cannot delete keys.
    internal IEnumerable<KeyValuePair<string, string>> ListedKeys() =>
        TokenKeys.Where(key => !string.IsNullOrWhiteSpace(key.Value));
}
