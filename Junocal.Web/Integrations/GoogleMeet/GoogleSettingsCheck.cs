namespace Junocal.Web.Integrations.GoogleMeet;

/// <summary>
/// Stops a start whose Google settings are half there: the OAuth client's id and secret go together, the redirect
/// URI (when set) is absolute https (plain http only on localhost), and so is the notification address. One log line
/// names every problem. Settings are read as configured, before the sandbox fills any in.
/// </summary>
internal sealed partial class GoogleSettingsCheck(IConfiguration configuration, ILogger<GoogleSettingsCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (Problem(configuration) is { } problem)
        {
            LogUnusableSettings(logger, problem);
            throw new InvalidOperationException("The Google settings are unusable; the log line before this says which to set.");
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>What is wrong with the Google settings, or null when they are complete or absent.</summary>
    public static string? Problem(IConfiguration configuration)
    {
        var google = configuration.GetSection(GoogleOptions.SectionName);
        var hasId = !string.IsNullOrWhiteSpace(google["ClientId"]);
        var hasSecret = !string.IsNullOrWhiteSpace(google["ClientSecret"]);
        if (hasId != hasSecret)
        {
            return $"Google is only partly configured: {(hasId ? "Google:ClientSecret" : "Google:ClientId")} is not set. Set both from the Google Cloud OAuth client, or neither.";
        }

        foreach (var key in new[] { "RedirectUri", "NotificationUrl" })
        {
            if (google[key] is { Length: > 0 } value
                && !(Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback))))
            {
                return $"Google:{key} \"{value}\" is not an absolute https URL (plain http only on localhost).";
            }
        }

        return null;
    }

    [LoggerMessage(EventId = LogEvents.GoogleMeet.SettingsUnusable, Level = LogLevel.Critical, Message = "{Problem}")]
    private static partial void LogUnusableSettings(ILogger logger, string problem);
}
