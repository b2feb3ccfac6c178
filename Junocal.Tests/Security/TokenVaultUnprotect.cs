using System.Buffers.Text;
using Junocal.Web.Security;

namespace Junocal.Tests.Security;

public class TokenVaultUnprotect
{
    private static readonly Guid Studio = Guid.Parse("6f1c2a52-4b9e-4f4e-9a57-1d2c3b4a5f60");
    private static readonly Guid OtherStudio = Guid.Parse("0b7e9d41-2c3a-4d5e-8f60-718293a4b5c6");

    [Theory]
    [InlineData("")]
    [InlineData("zoom-refresh-token.with.dots")]
    [InlineData("jeton d'accès — ünïcødé 🔑")]
    public void ReturnsWhatWasProtected(string plaintext)
    {
        using var host = TokenVaultHost.Build(TokenVaultHost.KeyASettings);
        var vault = host.Vault();

        var result = vault.Unprotect(vault.Protect(plaintext, TokenPurpose.GoogleAccessToken, Studio), TokenPurpose.GoogleAccessToken, Studio);

        Assert.True(result.Succeeded);
        Assert.Equal(plaintext, result.Plaintext);
        Assert.Null(result.Failure);
    }

    [Fact]
    public void RefusesAnyChangedByteAsTampered()
    {
        using var host = TokenVaultHost.Build(TokenVaultHost.KeyASettings);
        var vault = host.Vault();
        var stored = vault.Protect("refresh-token", TokenPurpose.ZoomRefreshToken, Studio);
        var prefix = stored[..(stored.LastIndexOf('.') + 1)];
        var payload = Base64Url.DecodeFromChars(stored.AsSpan(prefix.Length));

        // Every byte of nonce, ciphertext and tag is covered by the tag.
        for (var i = 0; i < payload.Length; i++)
        {
            var changed = (byte[])payload.Clone();
            changed[i] ^= 0x01;

            var result = vault.Unprotect(prefix + Base64Url.EncodeToString(changed), TokenPurpose.ZoomRefreshToken, Studio);

            Assert.Equal(TokenUnprotectFailure.Tampered, result.Failure);
        }
    }

    [Fact]
    public void RefusesCiphertextMovedToAnotherStudio()
    {
        using var host = TokenVaultHost.Build(TokenVaultHost.KeyASettings);
        var vault = host.Vault();
        var stored = vault.Protect("refresh-token", TokenPurpose.ZoomRefreshToken, Studio);

        var result = vault.Unprotect(stored, TokenPurpose.ZoomRefreshToken, OtherStudio);

        Assert.False(result.Succeeded);
        Assert.Equal(TokenUnprotectFailure.Tampered, result.Failure);
        Assert.Null(result.Plaintext);
    }

    [Fact]
    public void RefusesCiphertextUsedForAnotherPurpose()
    {
        using var host = TokenVaultHost.Build(TokenVaultHost.KeyASettings);
        var vault = host.Vault();
        var stored = vault.Protect("refresh-token", TokenPurpose.ZoomRefreshToken, Studio);

        var result = vault.Unprotect(stored, TokenPurpose.ZoomAccessToken, Studio);

        Assert.Equal(TokenUnprotectFailure.Tampered, result.Failure);
    }

    [Fact]
    public void ReportsAKeyIdThatIsNotConfiguredAsUnknownKey()
    {
        using var host = TokenVaultHost.Build(TokenVaultHost.KeyASettings);
        var vault = host.Vault();
        var stored = vault.Protect("refresh-token", TokenPurpose.ZoomRefreshToken, Studio);

        var result = vault.Unprotect("v1.retired" + stored[stored.LastIndexOf('.')..], TokenPurpose.ZoomRefreshToken, Studio);

        Assert.Equal(TokenUnprotectFailure.UnknownKey, result.Failure);
    }

    [Theory]
    [InlineData("")]
    [InlineData("refresh-token")]
    [InlineData("v1.a")]
    [InlineData("v1..AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("v2.a.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("v1.a.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.extra")]
    [InlineData("v1.a.not*base64url")]
    [InlineData("v1.a.AAAAAAAA")]
    public void ReportsAnythingItDidNotWriteAsMalformed(string stored)
    {
        using var host = TokenVaultHost.Build(TokenVaultHost.KeyASettings);

        var result = host.Vault().Unprotect(stored, TokenPurpose.ZoomRefreshToken, Studio);

        Assert.Equal(TokenUnprotectFailure.Malformed, result.Failure);
    }

    [Fact]
    public void KeepsDecryptingWithTheOldKeyAfterRotationWhileWritingWithTheNewOne()
    {
        using var host = TokenVaultHost.Build(TokenVaultHost.KeyASettings);
        var vault = host.Vault();
        var writtenWithA = vault.Protect("old-token", TokenPurpose.ZoomRefreshToken, Studio);

        host.Reconfigure(new() { ["Security:TokenKeys:b"] = TokenVaultHost.KeyB, ["Security:ActiveTokenKey"] = "b" });
        var writtenWithB = vault.Protect("new-token", TokenPurpose.ZoomRefreshToken, Studio);

        Assert.StartsWith("v1.a.", writtenWithA, StringComparison.Ordinal);
        Assert.StartsWith("v1.b.", writtenWithB, StringComparison.Ordinal);
        Assert.Equal("old-token", vault.Unprotect(writtenWithA, TokenPurpose.ZoomRefreshToken, Studio).Plaintext);
        Assert.Equal("new-token", vault.Unprotect(writtenWithB, TokenPurpose.ZoomRefreshToken, Studio).Plaintext);
    }

    [Fact]
    public void RefusesValuesOfAKeyThatWasRemoved()
    {
        using var host = TokenVaultHost.Build(TokenVaultHost.KeyASettings);
        var vault = host.Vault();
        var writtenWithA = vault.Protect("old-token", TokenPurpose.ZoomRefreshToken, Studio);

        host.Reconfigure(new() { ["Security:TokenKeys:a"] = null, ["Security:TokenKeys:b"] = TokenVaultHost.KeyB, ["Security:ActiveTokenKey"] = "b" });

        Assert.Equal(TokenUnprotectFailure.UnknownKey, vault.Unprotect(writtenWithA, TokenPurpose.ZoomRefreshToken, Studio).Failure);
    }

    [Fact]
    public void NeverLogsKeysPlaintextOrCiphertext()
    {
        using var host = TokenVaultHost.Build(TokenVaultHost.KeyASettings);
        var vault = host.Vault();
        var stored = vault.Protect("secret-refresh-token", TokenPurpose.ZoomRefreshToken, Studio);
        var payload = stored[(stored.LastIndexOf('.') + 1)..];

        vault.Unprotect(stored, TokenPurpose.ZoomRefreshToken, Studio);
        vault.Unprotect(stored, TokenPurpose.ZoomRefreshToken, OtherStudio);
        vault.Unprotect("v1.retired." + payload, TokenPurpose.ZoomRefreshToken, Studio);
        vault.Unprotect("v1.a." + payload[..^4], TokenPurpose.ZoomRefreshToken, Studio);
        vault.Unprotect("secret-refresh-token", TokenPurpose.ZoomRefreshToken, Studio);

        var records = host.Logs().GetSnapshot();
        Assert.NotEmpty(records);
        foreach (var record in records)
        {
            var text = record.Message + string.Join(' ', record.StructuredState?.Select(p => p.Value) ?? []) + record.Exception;
            Assert.DoesNotContain("secret-refresh-token", text, StringComparison.Ordinal);
            Assert.DoesNotContain(payload[..16], text, StringComparison.Ordinal);
            Assert.DoesNotContain(TokenVaultHost.KeyA, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void LeavesThePlaintextOutOfTheResultsText()
    {
        using var host = TokenVaultHost.Build(TokenVaultHost.KeyASettings);
        var vault = host.Vault();

        var result = vault.Unprotect(vault.Protect("secret-refresh-token", TokenPurpose.ZoomRefreshToken, Studio), TokenPurpose.ZoomRefreshToken, Studio);

        Assert.DoesNotContain("secret-refresh-token", result.ToString(), StringComparison.Ordinal);
    }
}
