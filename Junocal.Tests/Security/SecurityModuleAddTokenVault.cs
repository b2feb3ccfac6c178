using Junocal.Web.Security;
using Microsoft.Extensions.Options;

namespace Junocal.Tests.Security;

public sealed class SecurityModuleAddTokenVault : IDisposable
{
    private static readonly Guid Studio = Guid.Parse("6f1c2a52-4b9e-4f4e-9a57-1d2c3b4a5f60");

    private readonly string _contentRoot = Directory.CreateTempSubdirectory("junocal-vault-").FullName;

    private string KeyFile => Path.Combine(_contentRoot, "App_Data", "secrets", "token-keys.json");

    [Fact]
    public async Task GeneratesADevelopmentKeyFileOnceAndReusesItOnLaterStarts()
    {
        string stored;
        using (var first = TokenVaultHost.Build([], "Development", _contentRoot))
        {
            await first.StartAsync(TestContext.Current.CancellationToken);
            stored = first.Vault().Protect("refresh-token", TokenPurpose.ZoomRefreshToken, Studio);
            await first.StopAsync(TestContext.Current.CancellationToken);
        }

        var keyFile = await File.ReadAllTextAsync(KeyFile, TestContext.Current.CancellationToken);
        using var second = TokenVaultHost.Build([], "Development", _contentRoot);
        await second.StartAsync(TestContext.Current.CancellationToken);

        Assert.Equal(keyFile, await File.ReadAllTextAsync(KeyFile, TestContext.Current.CancellationToken));
        Assert.Equal("refresh-token", second.Vault().Unprotect(stored, TokenPurpose.ZoomRefreshToken, Studio).Plaintext);
        await second.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public void MakesTheDevelopmentKeyFileReadableByItsOwnerOnly()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes only.");
        using var host = TokenVaultHost.Build([], "Development", _contentRoot);

        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(KeyFile));
        }
    }

    [Fact]
    public void WritesNoKeyFileWhenDevelopmentHasKeysConfigured()
    {
        using var host = TokenVaultHost.Build(TokenVaultHost.KeyASettings, "Development", _contentRoot);

        Assert.StartsWith("v1.a.", host.Vault().Protect("t", TokenPurpose.ZoomRefreshToken, Studio), StringComparison.Ordinal);
        Assert.False(File.Exists(KeyFile));
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    [InlineData("Testing")]
    public async Task StopsAStartWithoutKeysOutsideDevelopmentNamingTheSettings(string environment)
    {
        using var host = TokenVaultHost.Build([], environment, _contentRoot);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("Security:TokenKeys", error.Message, StringComparison.Ordinal);
        Assert.Contains("Security:ActiveTokenKey", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(KeyFile));
        Assert.Contains(host.Logs().GetSnapshot(), r => r.Level == Microsoft.Extensions.Logging.LogLevel.Critical && r.Message.Contains("Security:TokenKeys", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StartsInProductionWithKeysConfigured()
    {
        using var host = TokenVaultHost.Build(TokenVaultHost.KeyASettings, "Production", _contentRoot);

        await host.StartAsync(TestContext.Current.CancellationToken);

        var vault = host.Vault();
        Assert.Equal("t", vault.Unprotect(vault.Protect("t", TokenPurpose.ZoomAccessToken, Studio), TokenPurpose.ZoomAccessToken, Studio).Plaintext);
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task StopsAStartWithAShortKeyNamingItButNotRepeatingIt()
    {
        const string shortKey = "c2hvcnQta2V5";
        using var host = TokenVaultHost.Build(new() { ["Security:TokenKeys:a"] = shortKey, ["Security:ActiveTokenKey"] = "a" }, "Production", _contentRoot);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("Security:TokenKeys:a", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(shortKey, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(host.Logs().GetSnapshot(), r => r.Message.Contains(shortKey, StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(_contentRoot, recursive: true);
}
