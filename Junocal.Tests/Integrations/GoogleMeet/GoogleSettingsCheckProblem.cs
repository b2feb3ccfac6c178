using Junocal.Web.Integrations.GoogleMeet;
using Microsoft.Extensions.Configuration;

namespace Junocal.Tests.Integrations.GoogleMeet;

/// <summary>Half-set Google settings stop the start with one line naming what to set.</summary>
public class GoogleSettingsCheckProblem
{
    [Fact]
    public void AcceptsNoGoogleSettingsAtAll() => Assert.Null(Problem([]));

    [Fact]
    public void AcceptsACompleteClient() =>
        Assert.Null(Problem(new() { ["Google:ClientId"] = "id", ["Google:ClientSecret"] = "secret", ["Google:RedirectUri"] = "https://studio.example.com/integrations/google/callback" }));

    [Fact]
    public void NamesTheMissingSecret() =>
        Assert.Contains("Google:ClientSecret is not set", Problem(new() { ["Google:ClientId"] = "id" }), StringComparison.Ordinal);

    [Fact]
    public void NamesTheMissingId() =>
        Assert.Contains("Google:ClientId is not set", Problem(new() { ["Google:ClientSecret"] = "secret" }), StringComparison.Ordinal);

    [Theory]
    [InlineData("Google:RedirectUri", "http://studio.example.com/integrations/google/callback")]
    [InlineData("Google:NotificationUrl", "http://studio.example.com/integrations/google/notifications")]
    [InlineData("Google:NotificationUrl", "/integrations/google/notifications")]
    public void RefusesAnAddressThatIsNotHttps(string key, string value) =>
        Assert.Contains($"{key} \"{value}\" is not an absolute https URL", Problem(new() { ["Google:ClientId"] = "id", ["Google:ClientSecret"] = "s", [key] = value }),
            StringComparison.Ordinal);

    [Fact]
    public void AllowsPlainHttpOnLocalhost() =>
        Assert.Null(Problem(new() { ["Google:ClientId"] = "id", ["Google:ClientSecret"] = "s", ["Google:RedirectUri"] = "http://localhost:5000/integrations/google/callback" }));

    private static string? Problem(Dictionary<string, string?> settings) =>
        GoogleSettingsCheck.Problem(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
}
