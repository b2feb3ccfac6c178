using Junocal.Web.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Junocal.Web.Integrations.Zoom;

/// <summary>
/// The two HTTP legs of "Connect Zoom": the owner's form post that sends the browser to Zoom, and Zoom's redirect
/// back. Both end on the Integrations page with a message code.
/// </summary>
public static class ZoomConnectEndpoints
{
    public const string ConnectPath = "/integrations/zoom/connect";
    public const string IntegrationsPage = "/settings/integrations";

    public static IEndpointRouteBuilder MapZoomConnect(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(ConnectPath, async Task<IResult> (HttpContext http, IAntiforgery antiforgery, ZoomConnectionService zoom) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return TypedResults.Problem("The form expired. Reload the Integrations page and try again.", statusCode: StatusCodes.Status400BadRequest);
            }

            var origin = new Uri($"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}");
            var start = await zoom.StartAsync(origin, http.RequestAborted);
            return start.RedirectUrl is { } url ? TypedResults.Redirect(url) : BackToPage(start.Refusal!);
        }).RequireAuthorization(Policies.Owner);

        endpoints.MapGet(ZoomConnectionService.CallbackPath, async (HttpContext http, ZoomConnectionService zoom) =>
        {
            var query = http.Request.Query;
            var outcome = await zoom.CompleteAsync(query["code"], query["state"], query["error"], http.RequestAborted);
            return BackToPage(outcome);
        }).RequireAuthorization(Policies.Owner);

        return endpoints;
    }

    private static RedirectHttpResult BackToPage(ZoomConnectMessage message) =>
        TypedResults.LocalRedirect($"~{IntegrationsPage}?zoom={Uri.EscapeDataString(message.Code)}");
}
