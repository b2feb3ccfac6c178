using Junocal.Tests.Infrastructure;
using Junocal.Tests.Sandbox;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Junocal.Tests.Integrations.Zoom;

/// <summary>A host of its own whose every log line is captured: the app's configured levels, Junocal's own categories at Trace.</summary>
public sealed class LoggedJunocalApp : JunocalApp
{
    public CapturedLogs Logs { get; } = new();

    protected override void ConfigureTestHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Logging:LogLevel:Junocal", "Trace");
        builder.UseSetting("Logging:LogLevel:System.Net.Http", "Trace");
        builder.ConfigureServices(services => services.AddSingleton<ILoggerProvider>(Logs));
    }
}
