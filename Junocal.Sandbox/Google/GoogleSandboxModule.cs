using Junocal.Sandbox.Google.Calendar;
using Junocal.Sandbox.Google.Dashboard;
using Junocal.Sandbox.Google.Faults;
using Junocal.Sandbox.Google.OAuth;
using Junocal.Sandbox.Google.Push;
using Junocal.Sandbox.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Junocal.Sandbox.Google;

public static class GoogleSandboxModule
{
    /// <summary>Registers the Google sandbox with options bound from the <c>Sandbox:Google</c> section of <paramref name="configuration"/>.</summary>
    public static IServiceCollection AddGoogleSandbox(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(GoogleSandboxOptions.SectionName);
        services.AddOptions<GoogleSandboxOptions>()
            .Bind(section)
            .Configure(options =>
            {
                // The binder appends to a list's defaults; a configured schedule replaces the sandbox's instead.
                if (section.GetSection(nameof(GoogleSandboxOptions.NotificationRetryDelays)).Get<TimeSpan[]>() is { } delays)
                {
                    options.NotificationRetryDelays = delays;
                }
            });
        return services.AddGoogleSandboxServices();
    }

    /// <summary>Registers the Google sandbox with options set in code (tests).</summary>
    public static IServiceCollection AddGoogleSandbox(this IServiceCollection services, Action<GoogleSandboxOptions> configure)
    {
        services.AddOptions<GoogleSandboxOptions>().Configure(configure);
        return services.AddGoogleSandboxServices();
    }

    /// <summary>
    /// Maps the sandbox under <paramref name="basePath"/> (e.g. <c>/sandbox/google</c>), each Google host as a folder:
    /// <c>accounts/o/oauth2/v2/auth</c>, <c>oauth2/token</c>, <c>oauth2/revoke</c>, <c>oauth2/v3/certs</c>,
    /// <c>openidconnect/v1/userinfo</c> and <c>calendar/v3/…</c>; the dashboard at its root, the <c>/faults</c> API, and
    /// <c>/events</c>, <c>/notifications</c> and <c>/requests</c> as JSON. <paramref name="protectOperatorPages"/> guards
    /// the pages that act as Google's operator (dashboard, faults, state) with the host's sign-in; when null they are
    /// open, as on a developer's machine. Google's own endpoints always carry their own credentials.
    /// </summary>
    public static RouteGroupBuilder MapGoogleSandbox(this IEndpointRouteBuilder endpoints, string basePath,
        Action<RouteGroupBuilder>? protectOperatorPages = null)
    {
        var mount = basePath.TrimEnd('/');
        var sandbox = endpoints.MapGroup(mount)
            .WithMetadata(new SandboxMount(mount))
            .DisableAntiforgery()
            .ExcludeFromDescription()
            .AddEndpointFilter<GoogleFaultFilter>();

        var operatorPages = sandbox.MapGroup("");
        if (protectOperatorPages is null)
        {
            operatorPages.AllowAnonymous();
        }
        else
        {
            protectOperatorPages(operatorPages);
        }

        GoogleDashboardEndpoints.Map(operatorPages);

        // Google's endpoints carry their own credentials; a host's fallback authorization policy must not apply.
        var google = sandbox.MapGroup("").AllowAnonymous();
        google.MapGet("/accounts/o/oauth2/v2/auth", GoogleAuthorizeEndpoints.ShowConsent).Tagged(GoogleEndpoint.Authorize);
        google.MapPost("/accounts/o/oauth2/v2/auth", GoogleAuthorizeEndpoints.DecideAsync).Tagged(GoogleEndpoint.Authorize)
            .AddEndpointFilter<SameOriginFilter>();
        google.MapPost("/oauth2/token", GoogleTokenEndpoints.IssueAsync).Tagged(GoogleEndpoint.Token);
        google.MapPost("/oauth2/revoke", GoogleTokenEndpoints.RevokeAsync).Tagged(GoogleEndpoint.Revoke);
        google.MapGet("/oauth2/revoke", GoogleTokenEndpoints.RevokeByGet);
        google.MapGet("/oauth2/v3/certs", GoogleTokenEndpoints.Certs);
        google.MapGet("/openidconnect/v1/userinfo", GoogleTokenEndpoints.UserInfo).Tagged(GoogleEndpoint.UserInfo);

        var calendar = google.MapGroup("/calendar/v3");
        calendar.MapPost("/calendars", CalendarEndpoints.InsertAsync).Tagged(GoogleEndpoint.InsertCalendar);
        calendar.MapGet("/calendars/{calendarId}", CalendarEndpoints.Get).Tagged(GoogleEndpoint.GetCalendar);
        calendar.MapDelete("/calendars/{calendarId}", CalendarEndpoints.Delete).Tagged(GoogleEndpoint.DeleteCalendar);
        calendar.MapPost("/calendars/{calendarId}/events", EventEndpoints.InsertAsync).Tagged(GoogleEndpoint.InsertEvent);
        calendar.MapGet("/calendars/{calendarId}/events", EventListEndpoint.List).Tagged(GoogleEndpoint.ListEvents);
        calendar.MapPost("/calendars/{calendarId}/events/watch", ChannelEndpoints.WatchAsync).Tagged(GoogleEndpoint.WatchEvents);
        calendar.MapGet("/calendars/{calendarId}/events/{eventId}", EventEndpoints.Get).Tagged(GoogleEndpoint.GetEvent);
        calendar.MapPatch("/calendars/{calendarId}/events/{eventId}", EventEndpoints.PatchAsync).Tagged(GoogleEndpoint.PatchEvent);
        calendar.MapDelete("/calendars/{calendarId}/events/{eventId}", EventEndpoints.Delete).Tagged(GoogleEndpoint.DeleteEvent);
        calendar.MapPost("/channels/stop", ChannelEndpoints.StopAsync).Tagged(GoogleEndpoint.StopChannel);
        return sandbox;
    }

    private static IServiceCollection AddGoogleSandboxServices(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<GoogleSandboxState>();
        services.AddHostedService<NotificationSender>();
        services.AddHttpClient(NotificationSender.HttpClientName);
        return services;
    }

    private static RouteHandlerBuilder Tagged(this RouteHandlerBuilder builder, GoogleEndpoint endpoint) =>
        builder.WithMetadata(new GoogleEndpointTag(endpoint));
}
