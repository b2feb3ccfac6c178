using Microsoft.AspNetCore.Http;

namespace Junocal.Sandbox.Http;

/// <summary>
/// Guards the sandbox's browser forms against cross-site posts without needing the host's antiforgery setup:
/// the browser's <c>Origin</c> must name this site, or, where a <c>no-referrer</c> policy makes it send
/// <c>Origin: null</c>, <c>Sec-Fetch-Site</c> must say <c>same-origin</c>. A request with neither is refused:
/// every current browser sends one of them, so only a forger leaves both out.
/// </summary>
internal sealed class SameOriginFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        return IsSameOrigin(context.HttpContext.Request)
            ? await next(context)
            : Results.Text("Cross-site form posts are refused.", "text/plain", statusCode: StatusCodes.Status403Forbidden);
    }

    private static bool IsSameOrigin(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0 && origin != "null")
        {
            return string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase);
        }

        return request.Headers["Sec-Fetch-Site"].ToString() == "same-origin";
    }
}
