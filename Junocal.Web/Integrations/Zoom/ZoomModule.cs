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
        if (SandboxModule.IsEnabled(builder.Configuration, builder.Environment)
            && string.IsNullOrWhiteSpace(builder.Configuration["Zoom:ClientId"]))
        {
            UseInAppSandbox(services, zoom);
        }

        services.TryAddSingleton<SelfOrigin>();
        // No resilience handler: a refresh token and a meeting create must never be sent twice by the HTTP layer.
        services.AddHttpClient<ZoomOAuthClient>(http => http.Timeout = TimeSpan.FromSeconds(20));
        services.AddHttpClient<ZoomApiClient>(http => http.Timeout = TimeSpan.FromSeconds(20));
        services.AddSingleton<ZoomTokenStore>();
        services.AddSingleton<ZoomDataEraser>();
        services.AddScoped<ZoomConnectionService>();
        services.AddSingleton<IMeetingProvider, ZoomMeetingProvider>();
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
    /// <c>Zoom:WebhookSecretToken</c> (and <c>Zoom:WebhookSecretTokens</c> during a rotation). When the sandbox is
    /// enabled and no secret is set, the sandbox's own secret is used, so its signed webhooks verify.
    /// </summary>
    public static IHostApplicationBuilder AddZoomWebhookVerification(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var webhookOptions = services.AddOptions<ZoomWebhookOptions>()
            .Bind(builder.Configuration.GetSection(ZoomWebhookOptions.SectionName));
        if (SandboxModule.IsEnabled(builder.Configuration, builder.Environment))
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
