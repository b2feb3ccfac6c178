using Junocal.Web.Security;

namespace Junocal.Tests.Security;

public class TokenVaultOptionsValidatorValidate
{
    [Fact]
    public void AcceptsSeveralKeysAndAnActiveOne()
    {
        var options = Options(("a", TokenVaultHost.KeyA), ("b", TokenVaultHost.KeyB));
        options.ActiveTokenKey = "b";

        Assert.True(new TokenVaultOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void RefusesNoKeysNamingBothSettings()
    {
        var result = new TokenVaultOptionsValidator().Validate(null, new TokenVaultOptions());

        Assert.Contains("Security:TokenKeys", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Security:ActiveTokenKey", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHg==")]
    [InlineData("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8g")]
    public void RefusesAKeyThatIsNot32BytesOfBase64(string key)
    {
        var options = Options(("a", key));
        options.ActiveTokenKey = "a";

        var result = new TokenVaultOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("Security:TokenKeys:a", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void RefusesAKeyIdThatCannotSitBetweenDots()
    {
        var options = Options(("a.b", TokenVaultHost.KeyA));
        options.ActiveTokenKey = "a.b";

        Assert.Contains("Security:TokenKeys:a.b", new TokenVaultOptionsValidator().Validate(null, options).FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void TreatsAnEmptyKeyAsRetired()
    {
        var options = Options(("a", ""), ("b", TokenVaultHost.KeyB));
        options.ActiveTokenKey = "a";

        Assert.Contains("no Security:TokenKeys:a", new TokenVaultOptionsValidator().Validate(null, options).FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void RefusesAMissingActiveKey() =>
        Assert.Contains("Security:ActiveTokenKey is not set", new TokenVaultOptionsValidator().Validate(null, Options(("a", TokenVaultHost.KeyA))).FailureMessage, StringComparison.Ordinal);

    [Fact]
    public void RefusesAnActiveKeyThatIsNotListed()
    {
        var options = Options(("a", TokenVaultHost.KeyA));
        options.ActiveTokenKey = "b";

        Assert.Contains("no Security:TokenKeys:b", new TokenVaultOptionsValidator().Validate(null, options).FailureMessage, StringComparison.Ordinal);
    }

    private static TokenVaultOptions Options(params (string Id, string Key)[] keys)
    {
        var options = new TokenVaultOptions();
        foreach (var (id, key) in keys)
        {
            options.TokenKeys[id] = key;
        }

        return options;
    }
}
