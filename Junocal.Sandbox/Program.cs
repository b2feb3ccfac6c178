using Junocal.Sandbox.Diagnostics;
using Junocal.Sandbox.Google;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Junocal.Sandbox;

/// <summary>
/// The sandbox as a process of its own (<c>dotnet run --project Junocal.Sandbox</c>): Zoom at
/// <c>{Sandbox:BasePath}/zoom</c> and Google at <c>{Sandbox:BasePath}/google</c> on <see cref="DefaultUrl"/>, everything
/// held in memory for the life of the process. The app then talks to it as to the real providers (its <c>Zoom:*</c> and
/// <c>Google:*</c> URLs and credentials), so the app can stop, crash or run twice while "Zoom" and "Google" keep their data.
/// </summary>
internal static class Program
{
    public const string DefaultUrl = "http://localhost:5190";
    public const string BasePathKey = "Sandbox:BasePath";
    public const string DefaultBasePath = "/sandbox";

    /// <summary>Where Junocal runs with <c>dotnet run --project Junocal.Web</c>: the default OAuth callback and webhook target.</summary>
    public const string DefaultAppUrl = "http://localhost:5180";

    public static async Task Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.Services.AddZoomSandbox(builder.Configuration);
        builder.Services.AddGoogleSandbox(builder.Configuration);
        var secretConfigured = !string.IsNullOrEmpty(builder.Configuration[$"{ZoomSandboxOptions.SectionName}:{nameof(ZoomSandboxOptions.WebhookSecretToken)}"]);
        builder.Services.PostConfigure<ZoomSandboxOptions>(options =>
        {
            if (options.RedirectUris.Count == 0)
            {
                options.RedirectUris.Add(DefaultAppUrl + "/integrations/zoom/callback");
            }

            options.WebhookUrl ??= new Uri(DefaultAppUrl + "/api/webhooks/zoom");
        });

        var app = builder.Build();
        var zoomPath = (app.Configuration[BasePathKey] ?? DefaultBasePath).TrimEnd('/') + "/zoom";
        app.MapZoomSandbox(zoomPath);
        var googlePath = (app.Configuration[BasePathKey] ?? DefaultBasePath).TrimEnd('/') + "/google";
        app.MapGoogleSandbox(googlePath);

        var options = app.Services.GetRequiredService<IOptions<ZoomSandboxOptions>>().Value;
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            foreach (var address in app.Urls)
            {
                SandboxLog.Serving(app.Logger, address.TrimEnd('/') + zoomPath + "/");
                SandboxLog.GoogleServing(app.Logger, address.TrimEnd('/') + googlePath + "/");
            }

            SandboxLog.StandaloneSettings(app.Logger, string.Join(", ", options.RedirectUris), options.WebhookUrl?.ToString() ?? "none");
            if (!secretConfigured)
            {
                SandboxLog.RandomWebhookSecret(app.Logger);
            }
        });

        await app.RunAsync();
    }
}
