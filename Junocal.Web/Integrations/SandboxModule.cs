using Junocal.Sandbox;

namespace Junocal.Web.Integrations;

/// <summary>
/// Serves the Zoom stand-in inside the app at <see cref="BasePath"/>, so a machine with no Zoom account and no
/// internet can run the whole product. On by default only in Development without real Zoom credentials;
/// elsewhere it must be switched on explicitly with <c>Sandbox:Enabled=true</c>.
/// </summary>
public static class SandboxModule
{
    public const string BasePath = "/sandbox/zoom";

    public static bool IsEnabled(IConfiguration configuration, IHostEnvironment environment) =>
        configuration.GetValue<bool?>("Sandbox:Enabled")
        ?? (environment.IsDevelopment() && string.IsNullOrEmpty(configuration["Zoom:ClientId"]));

    public static IHostApplicationBuilder AddSandboxWhenEnabled(this IHostApplicationBuilder builder)
    {
        if (IsEnabled(builder.Configuration, builder.Environment))
        {
            builder.Services.AddZoomSandbox(builder.Configuration);
        }

        return builder;
    }

    public static WebApplication MapSandboxWhenEnabled(this WebApplication app)
    {
        if (IsEnabled(app.Configuration, app.Environment))
        {
            app.MapZoomSandbox(BasePath);
            if (!app.Environment.IsDevelopment())
            {
                app.Logger.LogWarning("The Zoom sandbox is enabled at {Path}; it is a stand-in, not Zoom.", BasePath);
            }
        }

        return app;
    }
}
