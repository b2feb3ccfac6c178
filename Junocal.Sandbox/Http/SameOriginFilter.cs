using Microsoft.AspNetCore.Http;

namespace Junocal.Sandbox.Http;

/// <summary>
/// Guards the sandbox's browser forms against cross-site posts without needing the host's antiforgery setup:
/// a browser's <c>Origin</c> (or <c>Sec-Fetch-Site</c>) must name this site. Clients that send neither are not
/// browsers and pass.
/// </summary>
internal sealed class SameOriginFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        var origin = request.Headers.Origin.ToString();
        var fetchSite = request.Headers["Sec-Fetch-Site"].ToString();
        var sameOrigin = origin.Length > 0
            ? string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase)
            : fetchSite.Length == 0 || fetchSite is "same-origin" or "none";
        return sameOrigin
            ? await next(context)
            : Results.Text("Cross-site form posts are refused.", "text/plain", statusCode: StatusCodes.Status403Forbidden);
    }
}
