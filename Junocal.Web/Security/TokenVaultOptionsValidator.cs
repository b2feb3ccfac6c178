using Microsoft.Extensions.Options;

namespace Junocal.Web.Security;

/// <summary>Refuses key settings the vault cannot use. Messages name the setting to fix and never repeat a key.</summary>
internal sealed class TokenVaultOptionsValidator : IValidateOptions<TokenVaultOptions>
{
    public const string NoKeys =
        "No token encryption key is configured. Set " + TokenVaultOptions.TokenKeysKey + ":<id> to a base64-encoded " +
        "32-byte key (for example the output of `openssl rand -base64 32`) and " + TokenVaultOptions.ActiveTokenKeyKey +
        " to that id, through environment variables (Security__TokenKeys__<id>, Security__ActiveTokenKey), user secrets " +
        "or a secret store. Never put the key in the database.";

    public ValidateOptionsResult Validate(string? name, TokenVaultOptions options)
    {
        var keys = options.ListedKeys().ToList();
        if (keys.Count == 0)
        {
            return ValidateOptionsResult.Fail(NoKeys);
        }

        var failures = new List<string>();
        foreach (var (id, encoded) in keys)
        {
            if (!TokenKeyRing.IsValidId(id))
            {
                failures.Add($"{TokenVaultOptions.TokenKeysKey}:{id} has an id that is not 1-64 letters, digits, '-' or '_'.");
            }
            else if (!TokenKeyRing.TryDecodeKey(encoded, out _))
            {
                failures.Add($"{TokenVaultOptions.TokenKeysKey}:{id} is not base64 of exactly 32 bytes. Generate one with `openssl rand -base64 32`.");
            }
        }

        if (string.IsNullOrWhiteSpace(options.ActiveTokenKey))
        {
            failures.Add($"{TokenVaultOptions.ActiveTokenKeyKey} is not set. Set it to the id of the key under {TokenVaultOptions.TokenKeysKey} that encrypts new tokens.");
        }
        else if (!keys.Exists(k => string.Equals(k.Key, options.ActiveTokenKey, StringComparison.OrdinalIgnoreCase)))
        {
            failures.Add($"{TokenVaultOptions.ActiveTokenKeyKey} is \"{options.ActiveTokenKey}\", but there is no {TokenVaultOptions.TokenKeysKey}:{options.ActiveTokenKey}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
