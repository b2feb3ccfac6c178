using Junocal.Tests.Infrastructure;

namespace Junocal.Tests.Operations;

/// <summary>Production starts the app refuses, as real processes: exit non-zero with one line that says what to set.</summary>
public class StartupRefusals
{
    [Fact]
    public async Task RefusesTheZoomSandboxInProductionUnlessAllowedOnPurpose()
    {
        await using var app = AppProcess.Start(new Dictionary<string, string> { ["Sandbox__Enabled"] = "true" });

        Assert.NotEqual(0, await app.WaitForExitAsync());
        var line = Assert.Single(app.Lines, l => l.Contains("Sandbox:Enabled is true in Production", StringComparison.Ordinal));
        Assert.Contains("Sandbox:AllowInProduction=true", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartsTheSandboxInProductionWhenAllowedAndSaysSoLoudly()
    {
        await using var app = AppProcess.Start(new Dictionary<string, string>
        {
            ["Sandbox__Enabled"] = "true",
            ["Sandbox__AllowInProduction"] = "true",
        });

        var warning = await app.WaitForLineAsync("THE ZOOM SANDBOX IS ENABLED in Production");
        Assert.Contains("\"LogLevel\":\"Warning\"", warning, StringComparison.Ordinal);
        await app.WaitForLineAsync("Application started");
    }

    [Theory]
    [InlineData("Zoom__ClientId", "Zoom:ClientSecret, Zoom:RedirectUri, Zoom:WebhookSecretToken are not set")]
    [InlineData("Zoom__WebhookSecretToken", "Zoom:ClientId, Zoom:ClientSecret, Zoom:RedirectUri are not set")]
    public async Task RefusesZoomSettingsThatAreOnlyPartlyThere(string setting, string expected)
    {
        await using var app = AppProcess.Start(new Dictionary<string, string> { [setting] = "something" });

        Assert.NotEqual(0, await app.WaitForExitAsync());
        var line = Assert.Single(app.Lines, l => l.Contains("Zoom is only partly configured", StringComparison.Ordinal));
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.DoesNotContain("something", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefusesAZoomRedirectUriThatIsNotHttps()
    {
        await using var app = AppProcess.Start(new Dictionary<string, string>
        {
            ["Zoom__ClientId"] = "client-id",
            ["Zoom__ClientSecret"] = "client-secret",
            ["Zoom__WebhookSecretToken"] = "secret-token",
            ["Zoom__RedirectUri"] = "http://studio.example.com/integrations/zoom/callback",
        });

        Assert.NotEqual(0, await app.WaitForExitAsync());
        var line = Assert.Single(app.Lines, l => l.Contains("is not an absolute https URL", StringComparison.Ordinal));
        Assert.Contains("Zoom:RedirectUri", line, StringComparison.Ordinal);
        Assert.Contains("http://studio.example.com/integrations/zoom/callback", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartsWithCompleteZoomSettings()
    {
        await using var app = AppProcess.Start(new Dictionary<string, string>
        {
            ["Zoom__ClientId"] = "client-id",
            ["Zoom__ClientSecret"] = "client-secret",
            ["Zoom__WebhookSecretToken"] = "secret-token",
            ["Zoom__RedirectUri"] = "https://studio.example.com/integrations/zoom/callback",
        });

        await app.WaitForLineAsync("Application started");
        Assert.DoesNotContain(app.Lines, l => l.Contains("\"LogLevel\":\"Critical\"", StringComparison.Ordinal));
    }
}
