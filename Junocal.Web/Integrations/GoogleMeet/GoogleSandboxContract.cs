namespace Junocal.Web.Integrations.GoogleMeet;

/// <summary>Where the Google sandbox is served inside the app, and when (the same rule as the Zoom sandbox's, keyed on Google's client id).</summary>
internal static class GoogleSandboxContract
{
    public const string BasePath = "/sandbox/google";

    public static bool IsEnabled(IConfiguration configuration, IHostEnvironment environment) =>
        configuration.GetValue<bool?>("Sandbox:Enabled")
        ?? (environment.IsDevelopment() && string.IsNullOrEmpty(configuration["Google:ClientId"]));
}
