using Microsoft.Extensions.Configuration.Json;

namespace Junocal.Web.Configuration;

public static class ConfigurationModule
{
    /// <summary>
    /// The base configuration is the repository's root appsettings.json, copied next to the app when it builds.
    /// It goes first, so appsettings.{Environment}.json, user secrets, environment variables and the command line
    /// still override it however the app was started.
    /// </summary>
    public static IHostApplicationBuilder AddJunocalConfiguration(this IHostApplicationBuilder builder)
    {
        var basePath = Path.Combine(AppContext.BaseDirectory, "appsettings.json");
        var source = new JsonConfigurationSource { Path = basePath, Optional = true, ReloadOnChange = false };
        source.ResolveFileProvider();
        builder.Configuration.Sources.Insert(0, source);
        return builder;
    }
}
