using System.Security.Cryptography;
using System.Text;
using Junocal.Web.Integrations;
using Junocal.Web.Integrations.Zoom;
using Junocal.Web.Integrations.Zoom.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Junocal.Tests.Integrations.Zoom;

public class ZoomModuleAddZoomIntegration
{
    private const string Timestamp = "1700000000";
    private static readonly byte[] Body = """{"event":"app_deauthorized"}"""u8.ToArray();

    [Fact]
    public void VerifiesWithTheSecretTokenFromConfiguration()
    {
        using var host = Build(new() { ["Zoom:WebhookSecretToken"] = "configured-secret" });

        Assert.Equal(ZoomSignatureResult.Valid, Verify(host, "configured-secret"));
        Assert.Equal(ZoomSignatureResult.Mismatch, Verify(host, "sandbox-webhook-secret"));
    }

    [Fact]
    public void AcceptsEarlierSecretTokensListedForRotation()
    {
        using var host = Build(new() { ["Zoom:WebhookSecretToken"] = "new-secret", ["Zoom:WebhookSecretTokens:0"] = "old-secret" });

        Assert.Equal(ZoomSignatureResult.Valid, Verify(host, "old-secret"));
        Assert.Equal(ZoomSignatureResult.Valid, Verify(host, "new-secret"));
    }

    [Fact]
    public void PicksUpARotatedSecretWithoutARestart()
    {
        using var host = Build(new() { ["Zoom:WebhookSecretToken"] = "old-secret" });
        var configuration = (IConfigurationRoot)host.Services.GetRequiredService<IConfiguration>();

        configuration["Zoom:WebhookSecretToken"] = "new-secret";
        configuration.Reload();

        Assert.Equal(ZoomSignatureResult.Valid, Verify(host, "new-secret"));
        Assert.Equal(ZoomSignatureResult.Mismatch, Verify(host, "old-secret"));
    }

    [Fact]
    public void UsesTheSandboxSecretWhenTheSandboxIsOnAndNoSecretIsSet()
    {
        using var host = Build(new() { ["Sandbox:Enabled"] = "true", ["Sandbox:Zoom:WebhookSecretToken"] = "sandbox-secret" });

        Assert.Equal(ZoomSignatureResult.Valid, Verify(host, "sandbox-secret"));
        Assert.Equal("sandbox-secret", host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<ZoomWebhookOptions>>().CurrentValue.WebhookSecretToken);
    }

    [Fact]
    public void NeverFallsBackToTheSandboxSecretWhenRealZoomCredentialsAreSet()
    {
        using var host = Build(new()
        {
            ["Sandbox:Enabled"] = "true",
            ["Sandbox:Zoom:WebhookSecretToken"] = "sandbox-secret",
            ["Zoom:ClientId"] = "real-client-id",
        });

        Assert.Equal(ZoomSignatureResult.Mismatch, Verify(host, "sandbox-secret"));
        Assert.Null(host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<ZoomWebhookOptions>>().CurrentValue.WebhookSecretToken);
    }

    [Fact]
    public void PrefersAConfiguredSecretOverTheSandboxOne()
    {
        using var host = Build(new() { ["Sandbox:Enabled"] = "true", ["Zoom:WebhookSecretToken"] = "configured-secret" });

        Assert.Equal(ZoomSignatureResult.Valid, Verify(host, "configured-secret"));
        Assert.Equal(ZoomSignatureResult.Mismatch, Verify(host, "sandbox-webhook-secret"));
    }

    [Fact]
    public void AcceptsNothingWithoutASecretOrSandbox()
    {
        using var host = Build([]);

        Assert.Equal(ZoomSignatureResult.Mismatch, Verify(host, "sandbox-webhook-secret"));
        Assert.Equal(ZoomSignatureResult.Mismatch, Verify(host, ""));
    }

    [Fact]
    public void RegistersTheUrlValidationWithTheConfiguredSecret()
    {
        using var host = Build(new() { ["Zoom:WebhookSecretToken"] = "configured-secret" });

        var response = host.Services.GetRequiredService<ZoomUrlValidation>().Respond("plain");

        Assert.Equal("plain", response.PlainToken);
        Assert.Equal(Convert.ToHexStringLower(HMACSHA256.HashData("configured-secret"u8, "plain"u8)), response.EncryptedToken);
    }

    private static ZoomSignatureResult Verify(IHost host, string signingSecret)
    {
        var signature = "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(
            Encoding.UTF8.GetBytes(signingSecret), Encoding.UTF8.GetBytes($"v0:{Timestamp}:").Concat(Body).ToArray()));
        return host.Services.GetRequiredService<ZoomSignatureVerifier>().Verify(Body, Timestamp, signature);
    }

    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddLogging();
        builder.Services.AddSingleton<TimeProvider>(new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000)));
        builder.AddSandboxWhenEnabled().AddZoomIntegration();
        return builder.Build();
    }
}
