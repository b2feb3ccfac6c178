using System.Buffers.Text;
using Junocal.Web.Security;

namespace Junocal.Tests.Security;

public class TokenVaultProtectNonces
{
    private const int Encryptions = 100_000;

    [Fact]
    public void NeverRepeatsANonceInAHundredThousandEncryptions()
    {
        using var host = TokenVaultHost.Build(TokenVaultHost.KeyASettings);
        var vault = host.Vault();
        var studio = Guid.NewGuid();
        var nonces = new HashSet<string>(StringComparer.Ordinal);

        for (var i = 0; i < Encryptions; i++)
        {
            // The same plaintext every time: only the nonce keeps the stored forms apart.
            var stored = vault.Protect("the-same-refresh-token", TokenPurpose.ZoomRefreshToken, studio);
            var sealedBytes = Base64Url.DecodeFromChars(stored.Split('.')[2]);
            Assert.True(nonces.Add(Convert.ToHexString(sealedBytes, 0, 12)), $"Nonce repeated after {i} encryptions.");
        }

        Assert.Equal(Encryptions, nonces.Count);
    }
}
