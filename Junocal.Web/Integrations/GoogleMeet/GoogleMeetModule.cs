using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Junocal.Web.Integrations.GoogleMeet;

public static class GoogleMeetModule
{
    /// <summary>The client the Google sandbox registers (its contract with the app).</summary>
    public const string SandboxClientId = "sandbox-google-client-id";
    public const string SandboxClientSecret = "sandbox-google-client-secret";

    public static IHostApplicationBuilder AddGoogleMeetIntegration(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var google = services.AddOptions<GoogleOptions>().Bind(builder.Configuration.GetSection(GoogleOptions.SectionName));
        if (UsesInAppSandbox(builder))
        {
            UseInAppSandbox(google);
        }

        services.AddHostedService<GoogleSettingsCheck>();
        services.TryAddSingleton<SelfOrigin>();
        // No resilience handler: an event insert and a refresh must never be repeated by the HTTP layer.
        services.AddHttpClient<GoogleOAuthClient>(http => http.Timeout = TimeSpan.FromSeconds(20));
        services.AddHttpClient<GoogleCalendarClient>(http => http.Timeout = TimeSpan.FromSeconds(20));
        services.AddSingleton<GoogleTokenStore>();
        services.AddSingleton<GoogleCalendarSetup>();
        services.AddSingleton<GoogleDataEraser>();
        services.AddScoped<GoogleConnectionService>();
        return builder;
    }

    public static WebApplication MapGoogleMeetIntegration(this WebApplication app)
    {
        app.MapGoogleConnect();
        return app;
    }

    /// <summary>The sandbox stands in for Google only while no real OAuth client is configured.</summary>
    private static bool UsesInAppSandbox(IHostApplicationBuilder builder) =>
        GoogleSandboxContract.IsEnabled(builder.Configuration, builder.Environment)
        && string.IsNullOrWhiteSpace(builder.Configuration[$"{GoogleOptions.SectionName}:{nameof(GoogleOptions.ClientId)}"]);

    /// <summary>
    /// Without a real OAuth client, talk to the Google sandbox served inside this app: same clients, relative URLs
    /// resolved against the app's own address, the callback and notifications on the app's own origin.
    /// </summary>
    private static void UseInAppSandbox(OptionsBuilder<GoogleOptions> google)
    {
        const string Base = GoogleSandboxContract.BasePath;
        google.PostConfigure(options =>
        {
            options.ClientId = SandboxClientId;
            options.ClientSecret = SandboxClientSecret;
            options.AuthorizeUrl = new Uri($"{Base}/accounts/o/oauth2/v2/auth", UriKind.Relative);
            options.TokenUrl = new Uri($"{Base}/oauth2/token", UriKind.Relative);
            options.RevokeUrl = new Uri($"{Base}/oauth2/revoke", UriKind.Relative);
            options.UserInfoUrl = new Uri($"{Base}/openidconnect/v1/userinfo", UriKind.Relative);
            options.CalendarApiBaseUrl = new Uri($"{Base}/calendar/v3/", UriKind.Relative);
        });
    }
}
