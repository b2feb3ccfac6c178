namespace Junocal.Web.Security;

/// <summary>
/// Encrypts OAuth tokens before they are stored and decrypts them when read. A ciphertext is bound to its
/// studio and purpose: moved to another row, it no longer decrypts.
/// </summary>
public interface ITokenVault
{
    /// <summary>Encrypts <paramref name="plaintext"/> with the active key into <c>v1.&lt;keyId&gt;.&lt;base64url&gt;</c>.</summary>
    string Protect(string plaintext, TokenPurpose purpose, Guid studioId);

    /// <summary>Decrypts a value made by <see cref="Protect"/> for the same purpose and studio.</summary>
    TokenUnprotectResult Unprotect(string stored, TokenPurpose purpose, Guid studioId);
}
