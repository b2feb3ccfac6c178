using Junocal.Sandbox.Google;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Junocal.Tests.Sandbox.Google;

public class GoogleSandboxModuleAddGoogleSandbox
{
    private static GoogleSandboxOptions Bind(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var provider = new ServiceCollection().AddGoogleSandbox(configuration).BuildServiceProvider();
        return provider.GetRequiredService<IOptions<GoogleSandboxOptions>>().Value;
    }

    [Fact]
    public void UsesTheContractsClientAndGooglesDefaults()
    {
        var options = Bind([]);

        Assert.Equal("sandbox-google-client-id", options.ClientId);
        Assert.Equal("sandbox-google-client-secret", options.ClientSecret);
        Assert.Empty(options.RedirectUris);
        Assert.True(options.AllowAppCallbackByDefault);
        Assert.Equal(100, options.RefreshTokenCap);
        Assert.Equal(600, options.PerUserPerMinuteLimit);
        Assert.False(options.TestingMode);
        Assert.Equal(TimeSpan.FromDays(7), options.MaxChannelLifetime);
        Assert.Equal(TimeSpan.FromSeconds(1), options.ConferenceDelay);
    }

    [Fact]
    public void BindsTheSandboxGoogleSectionReplacingTheRetrySchedule()
    {
        var options = Bind(new()
        {
            ["Sandbox:Google:RedirectUris:0"] = "https://studio.example.test/integrations/google/callback",
            ["Sandbox:Google:ConferenceDelay"] = "00:00:00.2",
            ["Sandbox:Google:TestingMode"] = "true",
            ["Sandbox:Google:NotificationRetryDelays:0"] = "00:00:01",
        });

        Assert.Equal(["https://studio.example.test/integrations/google/callback"], options.RedirectUris);
        Assert.Equal(TimeSpan.FromMilliseconds(200), options.ConferenceDelay);
        Assert.True(options.TestingMode);
        Assert.Equal([TimeSpan.FromSeconds(1)], options.NotificationRetryDelays);
    }

    [Fact]
    public void ResetPutsTheKnobsBackToTheOptions()
    {
        using var provider = new ServiceCollection()
            .AddLogging()
            .AddGoogleSandbox(options => { options.ConferenceDelay = TimeSpan.FromSeconds(5); options.TestingMode = true; })
            .BuildServiceProvider();
        var state = provider.GetRequiredService<GoogleSandboxState>();
        state.Knobs.ConferenceDelay = TimeSpan.Zero;
        state.Knobs.TestingMode = false;
        state.Knobs.ConferenceOutcome = ConferenceOutcome.Failure;
        state.Knobs.DropNotifications = true;

        state.Reset();

        Assert.Equal(TimeSpan.FromSeconds(5), state.Knobs.ConferenceDelay);
        Assert.True(state.Knobs.TestingMode);
        Assert.Equal(ConferenceOutcome.Success, state.Knobs.ConferenceOutcome);
        Assert.False(state.Knobs.DropNotifications);
    }
}
