using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Junocal.Sandbox.Http;

namespace Junocal.Sandbox.Google.Http;

internal static class GoogleFormat
{
    /// <summary>RFC 3339 in UTC with milliseconds, as Google writes <c>created</c> and <c>updated</c>.</summary>
    public static string Timestamp(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>RFC 1123, as <c>X-Goog-Channel-Expiration</c> carries it.</summary>
    public static string HttpDate(DateTimeOffset instant) => instant.UtcDateTime.ToString("R", CultureInfo.InvariantCulture);
}

internal static class GoogleUrls
{
    /// <summary>The sandbox's public root, ending in a slash, e.g. <c>http://127.0.0.1:5180/sandbox/google/</c>.</summary>
    public static Uri Root(HttpContext http)
    {
        var configured = http.RequestServices.GetRequiredService<IOptions<GoogleSandboxOptions>>().Value.BaseUrl;
        if (configured is not null)
        {
            return WithTrailingSlash(configured.ToString());
        }

        var mount = http.GetEndpoint()?.Metadata.GetMetadata<SandboxMount>()?.BasePath ?? "";
        var request = http.Request;
        return WithTrailingSlash($"{request.Scheme}://{request.Host}{request.PathBase}{mount}");
    }

    public static string Origin(HttpContext http) => $"{http.Request.Scheme}://{http.Request.Host}";

    private static Uri WithTrailingSlash(string url) => new(url.EndsWith('/') ? url : url + "/");
}
