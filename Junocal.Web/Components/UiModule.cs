using Junocal.Web.Security;
using MudBlazor.Services;

namespace Junocal.Web.Components;

public static class UiModule
{
    public static IHostApplicationBuilder AddJunocalUi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        return builder;
    }

    public static WebApplication UseJunocalPipeline(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        }

        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseRateLimiter();
        app.UseAuthentication();
        // Before authorization, so a cookie out of step with the account's membership is renewed before any policy reads it.
        app.UseCurrentUser();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseOutputCache();
        return app;
    }

    public static WebApplication MapJunocalUi(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
