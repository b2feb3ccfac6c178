using Junocal.Sandbox;
using Junocal.Web.Meetings;
using Junocal.Web.Integrations.Zoom.Webhooks;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Junocal.Web.Integrations.Zoom;

public static class ZoomModule
{
    public static IHostApplicationBuilder AddZoomIntegration(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var zoom = services.AddOptions<ZoomOptions>().Bind(builder.Configuration.GetSection(ZoomOptions.SectionName));
        if (UsesInAppSandbox(builder))
        {
            UseInAppSandbox(services, zoom);
        }

        services.AddHostedService<ZoomSettingsCheck>();

        services.TryAddSingleton<SelfOrigin>();
        // No resilience handler: a refresh token and a meeting create must never be sent twice by the HTTP layer.
        services.AddHttpClient<ZoomOAuthClient>(http => http.Timeout = TimeSpan.FromSeconds(20));
        services.AddHttpClient<ZoomApiClient>(http => http.Timeout = TimeSpan.FromSeconds(20));
        services.AddSingleton<ZoomTokenStore>();
        // Pacing counts Zoom's real seconds, whatever clock the app's own time runs on (tests fake that one).
        services.AddSingleton(provider => ActivatorUtilities.CreateInstance<ZoomRequestPacer>(provider, TimeProvider.System));
        services.AddSingleton<ZoomDailyQuota>();
        services.AddSingleton<ZoomDataEraser>();
        services.AddScoped<ZoomConnectionService>();
        services.AddSingleton<ZoomMeetingProvider>();
        services.AddSingleton<IMeetingProvider>(provider => provider.GetRequiredService<ZoomMeetingProvider>());
        services.AddSingleton<ZoomConnectionCheck>();
        services.AddScoped<ZoomEventProcessor>();
        services.AddControllers();
        return builder.AddZoomWebhookVerification();
    }

    public static WebApplication MapZoomIntegration(this WebApplication app)
    {
        app.MapZoomConnect();
        app.MapControllers();
        return app;
    }

    /// <summary>The sandbox stands in for Zoom only while no real Marketplace app is configured.</summary>
    private static bool UsesInAppSandbox(IHostApplicationBuilder builder) =>
        SandboxModule.IsEnabled(builder.Configuration, builder.Environment)
        && string.IsNullOrWhiteSpace(builder.Configuration[$"{ZoomOptions.SectionName}:{nameof(ZoomOptions.ClientId)}"]);

    /// <summary>
    /// Without real Zoom credentials, talk to the sandbox served inside this app: same client, relative URLs resolved
    /// against the app's own address, the callback and webhook on the app's own origin.
    /// </summary>
    private static void UseInAppSandbox(IServiceCollection services, OptionsBuilder<ZoomOptions> zoom)
    {
        const string Base = SandboxModule.BasePath;
        zoom.PostConfigure<IOptions<ZoomSandboxOptions>>((options, sandbox) =>
        {
            options.ClientId = sandbox.Value.ClientId;
            options.ClientSecret = sandbox.Value.ClientSecret;
            options.AuthorizeUrl = new Uri($"{Base}/oauth/authorize", UriKind.Relative);
            options.TokenUrl = new Uri($"{Base}/oauth/token", UriKind.Relative);
            options.RevokeUrl = new Uri($"{Base}/oauth/revoke", UriKind.Relative);
            options.ApiBaseUrl = new Uri($"{Base}/v2/", UriKind.Relative);
        });
        services.AddOptions<ZoomSandboxOptions>().PostConfigure(sandbox =>
        {
            sandbox.RedirectUris.Add(ZoomConnectionService.CallbackPath);
            sandbox.WebhookUrl ??= new Uri("/api/webhooks/zoom", UriKind.Relative);
        });
    }

    /// <summary>
    /// <see cref="ZoomSignatureVerifier"/> and <see cref="ZoomUrlValidation"/>, with secrets from
    /// <c>Zoom:WebhookSecretToken</c> (and <c>Zoom:WebhookSecretTokens</c> during a rotation). When the sandbox stands
    /// in for Zoom and no secret is set, the sandbox's own (random, per process) secret is used, so its signed webhooks
    /// verify. With real Zoom credentials there is no fallback: only Zoom's Secret Token verifies.
    /// </summary>
    public static IHostApplicationBuilder AddZoomWebhookVerification(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var webhookOptions = services.AddOptions<ZoomWebhookOptions>()
            .Bind(builder.Configuration.GetSection(ZoomWebhookOptions.SectionName));
        if (UsesInAppSandbox(builder))
        {
            webhookOptions.Configure<IOptions<ZoomSandboxOptions>>((options, sandbox) =>
            {
                if (options.AcceptedSecretTokens().Count == 0)
                {
                    options.WebhookSecretToken = sandbox.Value.WebhookSecretToken;
                }
            });
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ZoomSignatureVerifier>();
        services.AddSingleton<ZoomUrlValidation>();
        return builder;
    }
}
