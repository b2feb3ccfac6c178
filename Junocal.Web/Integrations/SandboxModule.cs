using Junocal.Sandbox;
using Junocal.Sandbox.Google;
using Junocal.Web.Security;

namespace Junocal.Web.Integrations;

/// <summary>
/// Serves the Zoom stand-in inside the app at <see cref="BasePath"/> and the Google one at <see cref="GoogleBasePath"/>,
/// so a machine with no Zoom or Google account and no internet can run the whole product. Each is on by default only in
/// Development without that provider's real credentials (<c>Zoom:ClientId</c>, <c>Google:ClientId</c>);
/// elsewhere it must be switched on explicitly with <c>Sandbox:Enabled=true</c>, and in Production the start is
/// refused unless <c>Sandbox:AllowInProduction=true</c> says so too; its dashboard and fault API then need the
/// owner's sign-in.
/// </summary>
public static partial class SandboxModule
{
    public const string BasePath = "/sandbox/zoom";
    public const string GoogleBasePath = "/sandbox/google";
    public const string AllowInProductionKey = "Sandbox:AllowInProduction";

    public static bool IsEnabled(IConfiguration configuration, IHostEnvironment environment) =>
        configuration.GetValue<bool?>("Sandbox:Enabled")
        ?? (environment.IsDevelopment() && string.IsNullOrEmpty(configuration["Zoom:ClientId"]));

    public static bool IsGoogleEnabled(IConfiguration configuration, IHostEnvironment environment) =>
        configuration.GetValue<bool?>("Sandbox:Enabled")
        ?? (environment.IsDevelopment() && string.IsNullOrEmpty(configuration["Google:ClientId"]));

    public static IHostApplicationBuilder AddSandboxWhenEnabled(this IHostApplicationBuilder builder)
    {
        var zoom = IsEnabled(builder.Configuration, builder.Environment);
        var google = IsGoogleEnabled(builder.Configuration, builder.Environment);
        if (zoom)
        {
            builder.Services.AddZoomSandbox(builder.Configuration);
        }

        if (google)
        {
            builder.Services.AddGoogleSandbox(builder.Configuration);
        }

        if ((zoom || google) && builder.Environment.IsProduction() && !builder.Configuration.GetValue<bool>(AllowInProductionKey))
        {
            builder.Services.AddHostedService<SandboxInProductionRefusal>();
        }

        return builder;
    }

    public static WebApplication MapSandboxWhenEnabled(this WebApplication app)
    {
        if (IsEnabled(app.Configuration, app.Environment))
        {
            if (app.Environment.IsDevelopment())
            {
                app.MapZoomSandbox(BasePath);
            }
            else
            {
                // Anyone who reaches the dashboard can delete meetings and uninstall the app for every studio.
                app.MapZoomSandbox(BasePath, operatorPages => operatorPages.RequireAuthorization(Policies.Owner));
                LogSandboxOutsideDevelopment(app.Logger, BasePath, app.Environment.EnvironmentName);
            }
        }

        if (IsGoogleEnabled(app.Configuration, app.Environment))
        {
            if (app.Environment.IsDevelopment())
            {
                app.MapGoogleSandbox(GoogleBasePath);
            }
            else
            {
                // Anyone who reaches the dashboard can delete events and remove the app's access for every studio.
                app.MapGoogleSandbox(GoogleBasePath, operatorPages => operatorPages.RequireAuthorization(Policies.Owner));
                LogGoogleSandboxOutsideDevelopment(app.Logger, GoogleBasePath, app.Environment.EnvironmentName);
            }
        }

        return app;
    }

    [LoggerMessage(EventId = LogEvents.GoogleSandbox.OutsideDevelopment, Level = LogLevel.Warning,
        Message = "THE GOOGLE SANDBOX IS ENABLED in {Environment} at {Path}: a stand-in, not Google. Its events and notifications are fake; its dashboard and fault API need an owner's sign-in.")]
    private static partial void LogGoogleSandboxOutsideDevelopment(ILogger logger, string path, string environment);

    [LoggerMessage(EventId = LogEvents.Sandbox.OutsideDevelopment, Level = LogLevel.Warning,
        Message = "THE ZOOM SANDBOX IS ENABLED in {Environment} at {Path}: a stand-in, not Zoom. Its meetings and webhooks are fake; its dashboard and fault API need an owner's sign-in.")]
    private static partial void LogSandboxOutsideDevelopment(ILogger logger, string path, string environment);

    /// <summary>Stops a Production start that would serve the sandbox without the operator saying so.</summary>
    private sealed partial class SandboxInProductionRefusal(ILogger<SandboxInProductionRefusal> logger) : IHostedService
    {
        public const string Problem =
            "Sandbox:Enabled is true in Production. The Zoom and Google sandboxes are stand-ins that fake the providers' meetings, events and notifications. " +
            "Remove Sandbox:Enabled, or set " + AllowInProductionKey + "=true to run it in Production on purpose.";

        public Task StartAsync(CancellationToken cancellationToken)
        {
            LogRefused(logger, Problem);
            throw new InvalidOperationException("The sandbox was refused in Production; the log line before this says why.");
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        [LoggerMessage(EventId = LogEvents.Sandbox.RefusedInProduction, Level = LogLevel.Critical, Message = "{Problem}")]
        private static partial void LogRefused(ILogger logger, string problem);
    }
}
