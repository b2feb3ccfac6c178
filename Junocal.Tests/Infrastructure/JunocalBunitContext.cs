using Bunit;
using Junocal.Web.Meetings;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Junocal.Tests.Infrastructure;

/// <summary>
/// The one bUnit context: MudBlazor's services, JS interop that answers anything (MudBlazor calls plenty), waits
/// that give a loaded machine time (a met state returns at once). Components over the real app get a signed-in
/// user's services (and the app's link-change notifier), rendered as the app's interactive server renders them, with
/// <see cref="UseServicesOfAsync"/>.
/// </summary>
public abstract class JunocalBunitContext : BunitContext
{
    private readonly List<AsyncServiceScope> _scopes = [];

    static JunocalBunitContext() => DefaultWaitTimeout = TimeSpan.FromSeconds(30);

    protected JunocalBunitContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
    }

    /// <summary>
    /// Hands the components the given services as <paramref name="email"/>'s circuit would resolve them on
    /// <paramref name="app"/>; call it before the first render. Returns the scope, which this context disposes.
    /// </summary>
    protected async Task<AsyncServiceScope> UseServicesOfAsync(JunocalApp app, string email, params Type[] services)
    {
        var scope = await app.ScopeSignedInAsAsync(email);
        _scopes.Add(scope);
        // Pages that show join links follow their changes through the app's notifier.
        foreach (var service in services.Append(typeof(MeetingChanges)).Distinct())
        {
            Services.AddSingleton(service, scope.ServiceProvider.GetRequiredService(service));
        }

        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        return scope;
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore(); // the components stop using the services before their scopes go
        foreach (var scope in _scopes)
        {
            await scope.DisposeAsync();
        }
    }
}
