using System.Buffers.Text;
using Junocal.Web.Security;

namespace Junocal.Tests.Security;

public class TokenVaultProtect
{
    private static readonly Guid Studio = Guid.Parse("6f1c2a52-4b9e-4f4e-9a57-1d2c3b4a5f60");

    [Fact]
    public void WritesVersionKeyIdAndNonceCiphertextAndTagInBase64Url()
    {
        using var host = TokenVaultHost.Build(TokenVaultHost.KeyASettings);

        var stored = host.Vault().Protect("refresh-token-value", TokenPurpose.ZoomRefreshToken, Studio);

        var parts = stored.Split('.');
        Assert.Equal(3, parts.Length);
        Assert.Equal("v1", parts[0]);
        Assert.Equal("a", parts[1]);
        Assert.True(Base64Url.IsValid(parts[2]));
        Assert.DoesNotContain('=', parts[2]);
        // 12-byte nonce, one byte of ciphertext per byte of UTF-8 plaintext, 16-byte tag.
        Assert.Equal(12 + "refresh-token-value".Length + 16, Base64Url.DecodeFromChars(parts[2]).Length);
    }

    [Fact]
    public void UsesAFreshNonceEachTime()
    {
        using var host = TokenVaultHost.Build(TokenVaultHost.KeyASettings);
        var vault = host.Vault();

        var first = vault.Protect("same-token", TokenPurpose.ZoomRefreshToken, Studio);
        var second = vault.Protect("same-token", TokenPurpose.ZoomRefreshToken, Studio);

        Assert.NotEqual(first, second);
        Assert.NotEqual(Base64Url.DecodeFromChars(first.Split('.')[2])[..12], Base64Url.DecodeFromChars(second.Split('.')[2])[..12]);
    }

    [Fact]
    public void NeverContainsThePlaintext()
    {
        using var host = TokenVaultHost.Build(TokenVaultHost.KeyASettings);

        var stored = host.Vault().Protect("plain-refresh-token", TokenPurpose.ZoomRefreshToken, Studio);

        Assert.DoesNotContain("plain-refresh-token", stored, StringComparison.Ordinal);
    }
}
