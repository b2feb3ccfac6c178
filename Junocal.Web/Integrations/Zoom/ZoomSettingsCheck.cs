namespace Junocal.Web.Integrations.Zoom;

/// <summary>
/// Stops a start whose Zoom settings are half there: the Marketplace app's Client ID, Client Secret, https redirect
/// URL (plain http only on localhost) and Secret Token go together, or none is set (then Zoom stays unavailable, or the sandbox stands in). One
/// log line names every missing or unusable setting. Settings are read as configured, before the sandbox fills any in.
/// </summary>
internal sealed partial class ZoomSettingsCheck(IConfiguration configuration, ILogger<ZoomSettingsCheck> logger) : IHostedService
{
    private static readonly string[] Required = ["ClientId", "ClientSecret", "RedirectUri", "WebhookSecretToken"];

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (Problem(configuration) is { } problem)
        {
            LogUnusableSettings(logger, problem);
            throw new InvalidOperationException("The Zoom settings are unusable; the log line before this says which to set.");
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>What is wrong with the Zoom settings, or null when they are complete or absent.</summary>
    public static string? Problem(IConfiguration configuration)
    {
        var zoom = configuration.GetSection(ZoomOptions.SectionName);
        var missing = Required.Where(key => string.IsNullOrWhiteSpace(zoom[key])).Select(key => $"Zoom:{key}").ToList();
        if (missing.Count == Required.Length)
        {
            return null;
        }

        if (missing.Count > 0)
        {
            return $"Zoom is only partly configured: {string.Join(", ", missing)} {(missing.Count == 1 ? "is" : "are")} not set. " +
                "Set Zoom:ClientId, Zoom:ClientSecret, Zoom:RedirectUri (https) and Zoom:WebhookSecretToken from the Zoom Marketplace app, or none of them.";
        }

        var redirect = zoom["RedirectUri"];
        // Plain http only where no network lies between the browser and the app (a Zoom stand-in on a developer's machine).
        return Uri.TryCreate(redirect, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback))
            ? null
            : $"Zoom:RedirectUri \"{redirect}\" is not an absolute https URL (plain http only on localhost). Use the callback registered with Zoom, e.g. https://studio.example.com{ZoomConnectionService.CallbackPath}.";
    }

    [LoggerMessage(EventId = LogEvents.Zoom.SettingsUnusable, Level = LogLevel.Critical, Message = "{Problem}")]
    private static partial void LogUnusableSettings(ILogger logger, string problem);
}
