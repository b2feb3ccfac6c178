using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace Junocal.Web.Security;

/// <summary>
/// Encrypts the Data Protection key ring before it is stored in the database, with the token vault's key, which
/// never lives there. Without this, anyone able to read the database could forge sign-in cookies.
/// </summary>
internal sealed class VaultXmlEncryptor(ITokenVault vault) : IXmlEncryptor
{
    public const string ElementName = "vaultEncryptedKey";

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var sealedKey = vault.Protect(plaintextElement.ToString(SaveOptions.DisableFormatting), TokenPurpose.DataProtectionKey, Guid.Empty);
        return new EncryptedXmlInfo(new XElement(ElementName, sealedKey), typeof(VaultXmlDecryptor));
    }
}

/// <summary>Created by Data Protection (by type name, with the service provider) to read a key the encryptor sealed.</summary>
internal sealed class VaultXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        var opened = services.GetRequiredService<ITokenVault>()
            .Unprotect(encryptedElement.Value, TokenPurpose.DataProtectionKey, Guid.Empty);
        return opened.Succeeded
            ? XElement.Parse(opened.Plaintext!)
            : throw new InvalidOperationException(
                $"A Data Protection key could not be decrypted ({opened.Failure}); keep the token key it was written with listed in Security:TokenKeys.");
    }
}
