using Junocal.Sandbox.Dashboard;
using Junocal.Sandbox.Faults;
using Junocal.Sandbox.Http;
using Junocal.Sandbox.Meetings;
using Junocal.Sandbox.OAuth;
using Junocal.Sandbox.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Junocal.Sandbox;

public static class ZoomSandboxModule
{
    /// <summary>Registers the sandbox with options bound from the <c>Sandbox:Zoom</c> section of <paramref name="configuration"/>.</summary>
    public static IServiceCollection AddZoomSandbox(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(ZoomSandboxOptions.SectionName);
        services.AddOptions<ZoomSandboxOptions>()
            .Bind(section)
            .Configure(options =>
            {
                // The binder appends to a list's defaults; a configured schedule replaces Zoom's instead.
                if (section.GetSection(nameof(ZoomSandboxOptions.WebhookRetryDelays)).Get<TimeSpan[]>() is { } delays)
                {
                    options.WebhookRetryDelays = delays;
                }
            });
        return services.AddSandboxServices();
    }

    /// <summary>Registers the sandbox with options set in code (tests).</summary>
    public static IServiceCollection AddZoomSandbox(this IServiceCollection services, Action<ZoomSandboxOptions> configure)
    {
        services.AddOptions<ZoomSandboxOptions>().Configure(configure);
        return services.AddSandboxServices();
    }

    /// <summary>
    /// Maps the sandbox under <paramref name="basePath"/> (e.g. <c>/sandbox/zoom</c>): the dashboard at its root,
    /// <c>/oauth/*</c>, <c>/v2/*</c>, join links, the <c>/faults</c> API, and <c>/meetings</c> and <c>/requests</c> as JSON. <paramref name="protectOperatorPages"/>
    /// guards the pages that act as Zoom's operator (the dashboard and the fault API) with the host's sign-in; when
    /// null they are open, as on a developer's machine. Zoom's own endpoints always carry their own credentials.
    /// </summary>
    public static RouteGroupBuilder MapZoomSandbox(this IEndpointRouteBuilder endpoints, string basePath,
        Action<RouteGroupBuilder>? protectOperatorPages = null)
    {
        var mount = basePath.TrimEnd('/');
        var sandbox = endpoints.MapGroup(mount)
            .WithMetadata(new SandboxMount(mount))
            .DisableAntiforgery()
            .ExcludeFromDescription()
            .AddEndpointFilter<FaultFilter>();

        var operatorPages = sandbox.MapGroup("");
        if (protectOperatorPages is null)
        {
            operatorPages.AllowAnonymous();
        }
        else
        {
            protectOperatorPages(operatorPages);
        }

        operatorPages.MapGet("/", DashboardPage.Render);
        var forms = operatorPages.MapGroup("/dashboard").AddEndpointFilter<SameOriginFilter>();
        forms.MapPost("/meetings/{meetingId}/delete", DashboardEndpoints.DeleteMeeting);
        forms.MapPost("/users/{userId}/uninstall", DashboardEndpoints.Uninstall);
        forms.MapPost("/webhooks/validate", DashboardEndpoints.SendUrlValidation);
        operatorPages.MapPost("/faults", FaultEndpoints.ScriptAsync).AddEndpointFilter<SameOriginFilter>();
        operatorPages.MapGet("/faults", FaultEndpoints.List);
        operatorPages.MapDelete("/faults", FaultEndpoints.Clear).AddEndpointFilter<SameOriginFilter>();
        operatorPages.MapGet("/meetings", StateEndpoints.Meetings);
        operatorPages.MapGet("/requests", StateEndpoints.Requests);

        // Zoom's endpoints carry their own credentials; a host's fallback authorization policy must not apply.
        var zoom = sandbox.MapGroup("").AllowAnonymous();
        zoom.MapGet("/oauth/authorize", AuthorizeEndpoints.ShowConsent).Tagged(SandboxEndpoint.Authorize);
        zoom.MapPost("/oauth/authorize", AuthorizeEndpoints.DecideAsync).Tagged(SandboxEndpoint.Authorize)
            .AddEndpointFilter<SameOriginFilter>();
        zoom.MapPost("/oauth/token", TokenEndpoints.IssueAsync).Tagged(SandboxEndpoint.Token);
        zoom.MapPost("/oauth/revoke", TokenEndpoints.RevokeAsync).Tagged(SandboxEndpoint.Revoke);

        var api = zoom.MapGroup("/v2");
        api.MapGet("/users/{userId}", MeetingEndpoints.GetUser).Tagged(SandboxEndpoint.GetUser);
        api.MapPost("/users/{userId}/meetings", MeetingEndpoints.CreateAsync).Tagged(SandboxEndpoint.CreateMeeting);
        api.MapGet("/meetings/{meetingId}", MeetingEndpoints.Get).Tagged(SandboxEndpoint.GetMeeting);
        api.MapPatch("/meetings/{meetingId}", MeetingEndpoints.UpdateAsync).Tagged(SandboxEndpoint.UpdateMeeting);
        api.MapDelete("/meetings/{meetingId}", MeetingEndpoints.Delete).Tagged(SandboxEndpoint.DeleteMeeting);

        zoom.MapGet("/j/{meetingId}", JoinPage.Render);
        zoom.MapGet("/s/{meetingId}", JoinPage.Render);
        return sandbox;
    }

    private static IServiceCollection AddSandboxServices(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ZoomSandboxState>();
        services.TryAddSingleton(provider => provider.GetRequiredService<ZoomSandboxState>().Outbox);
        services.AddHostedService<WebhookSender>();
        services.AddHttpClient(WebhookSender.HttpClientName);
        return services;
    }

    private static RouteHandlerBuilder Tagged(this RouteHandlerBuilder builder, SandboxEndpoint endpoint) =>
        builder.WithMetadata(new SandboxEndpointTag(endpoint));
}
