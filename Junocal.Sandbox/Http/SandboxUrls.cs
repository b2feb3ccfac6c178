using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Junocal.Sandbox.Http;

/// <summary>Route metadata carrying the path the sandbox is mounted under.</summary>
internal sealed record SandboxMount(string BasePath);

internal static class SandboxUrls
{
    /// <summary>The sandbox's public root, ending in a slash, e.g. <c>https://localhost:5001/sandbox/zoom/</c>.</summary>
    public static Uri Root(HttpContext http)
    {
        var configured = http.RequestServices.GetRequiredService<IOptions<ZoomSandboxOptions>>().Value.BaseUrl;
        if (configured is not null)
        {
            return WithTrailingSlash(configured.ToString());
        }

        var mount = http.GetEndpoint()?.Metadata.GetMetadata<SandboxMount>()?.BasePath ?? "";
        var request = http.Request;
        return WithTrailingSlash($"{request.Scheme}://{request.Host}{request.PathBase}{mount}");
    }

    /// <summary>The root-relative path of a sandbox page, for links and form actions.</summary>
    public static string Path(HttpContext http, string relative)
    {
        var mount = http.GetEndpoint()?.Metadata.GetMetadata<SandboxMount>()?.BasePath ?? "";
        return $"{http.Request.PathBase}{mount}/{relative}";
    }

    private static Uri WithTrailingSlash(string url) => new(url.EndsWith('/') ? url : url + "/");
}
