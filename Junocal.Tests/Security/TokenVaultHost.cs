using Junocal.Web.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Testing;

namespace Junocal.Tests.Security;

/// <summary>A bare host with only the token vault, its configuration and captured logs.</summary>
internal static class TokenVaultHost
{
    public const string KeyA = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    public const string KeyB = "ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8=";

    public static Dictionary<string, string?> KeyASettings => new()
    {
        ["Security:TokenKeys:a"] = KeyA,
        ["Security:ActiveTokenKey"] = "a",
    };

    public static IHost Build(Dictionary<string, string?> settings, string environment = "Testing", string? contentRoot = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings
        {
            EnvironmentName = environment,
            ContentRootPath = contentRoot ?? Path.GetTempPath(),
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddFakeLogging();
        builder.AddTokenVault();
        return builder.Build();
    }

    public static ITokenVault Vault(this IHost host) => host.Services.GetRequiredService<ITokenVault>();

    public static FakeLogCollector Logs(this IHost host) => host.Services.GetFakeLogCollector();

    /// <summary>Changes settings the way a rotated secret store would, and lets the options monitor see it.</summary>
    public static void Reconfigure(this IHost host, Dictionary<string, string?> changes)
    {
        var configuration = (IConfigurationRoot)host.Services.GetRequiredService<IConfiguration>();
        foreach (var (key, value) in changes)
        {
            configuration[key] = value;
        }

        configuration.Reload();
    }
}
