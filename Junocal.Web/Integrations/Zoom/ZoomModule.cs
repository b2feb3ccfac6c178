using Junocal.Sandbox;
using Junocal.Web.Integrations.Zoom.Webhooks;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Junocal.Web.Integrations.Zoom;

public static class ZoomModule
{
    public static IHostApplicationBuilder AddZoomIntegration(this IHostApplicationBuilder builder) =>
        builder.AddZoomWebhookVerification();

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
