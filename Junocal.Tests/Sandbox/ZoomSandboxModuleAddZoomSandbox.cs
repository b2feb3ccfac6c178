using Junocal.Sandbox;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Junocal.Tests.Sandbox;

public class ZoomSandboxModuleAddZoomSandbox
{
    private static ZoomSandboxOptions Bind(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var provider = new ServiceCollection().AddZoomSandbox(configuration).BuildServiceProvider();
        return provider.GetRequiredService<IOptions<ZoomSandboxOptions>>().Value;
    }

    [Fact]
    public void UsesZoomsScheduleAndDevelopmentDefaults()
    {
        var options = Bind([]);

        Assert.Equal("sandbox-client-id", options.ClientId);
        Assert.Equal("sandbox-client-secret", options.ClientSecret);
        // The webhook secret is random per process, never a value anyone could read in the source.
        Assert.Matches("^[0-9a-f]{64}$", options.WebhookSecretToken);
        Assert.Equal(options.WebhookSecretToken, Bind([]).WebhookSecretToken);
        Assert.Equal("Junocal", options.AppName);
        Assert.Equal("meeting:write:meeting meeting:update:meeting meeting:delete:meeting", options.DefaultScopes);
        Assert.Equal([TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(20), TimeSpan.FromMinutes(60)], options.WebhookRetryDelays);
        Assert.Equal(100, options.PerUserDailyLimit);
        Assert.Equal(20, options.PerSecondLimit);
        Assert.Null(options.WebhookUrl);
        Assert.Empty(options.RedirectUris);
    }

    [Fact]
    public void BindsTheSandboxZoomSectionReplacingTheRetrySchedule()
    {
        var options = Bind(new()
        {
            ["Sandbox:Zoom:ClientId"] = "client",
            ["Sandbox:Zoom:RedirectUris:0"] = "https://localhost:5001/integrations/zoom/callback",
            ["Sandbox:Zoom:WebhookUrl"] = "https://localhost:5001/api/webhooks/zoom",
            ["Sandbox:Zoom:WebhookRetryDelays:0"] = "00:00:01",
            ["Sandbox:Zoom:WebhookRetryDelays:1"] = "00:00:02",
            ["Sandbox:Zoom:PerUserDailyLimit"] = "5",
        });

        Assert.Equal("client", options.ClientId);
        Assert.Equal(["https://localhost:5001/integrations/zoom/callback"], options.RedirectUris);
        Assert.Equal(new Uri("https://localhost:5001/api/webhooks/zoom"), options.WebhookUrl);
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)], options.WebhookRetryDelays);
        Assert.Equal(5, options.PerUserDailyLimit);
    }
}
