using Junocal.Web.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Junocal.Web.Integrations.GoogleMeet;

/// <summary>
/// The two HTTP legs of "Connect Google": the owner's form post that sends the browser to Google's consent screen,
/// and Google's redirect back. Both end on the Integrations page with a message code.
/// </summary>
public static class GoogleConnectEndpoints
{
    public const string ConnectPath = "/integrations/google/connect";
    public const string CallbackPath = "/integrations/google/callback";
    public const string IntegrationsPage = "/settings/integrations";

    public static IEndpointRouteBuilder MapGoogleConnect(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(ConnectPath, async Task<IResult> (HttpContext http, IAntiforgery antiforgery, GoogleConnectionService google) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return TypedResults.Problem("The form expired. Reload the Integrations page and try again.", statusCode: StatusCodes.Status400BadRequest);
            }

            var origin = new Uri($"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}");
            var start = await google.StartAsync(origin, http.RequestAborted);
            return start.RedirectUrl is { } url ? TypedResults.Redirect(url) : BackToPage(start.Refusal!);
        }).RequireAuthorization(Policies.Owner);

        endpoints.MapGet(CallbackPath, async (HttpContext http, GoogleConnectionService google) =>
        {
            var query = http.Request.Query;
            var outcome = await google.CompleteAsync(query["code"], query["state"], query["error"], http.RequestAborted);
            return BackToPage(outcome);
        }).RequireAuthorization(Policies.Owner);

        return endpoints;
    }

    private static RedirectHttpResult BackToPage(GoogleConnectMessage message) =>
        TypedResults.LocalRedirect($"~{IntegrationsPage}?google={Uri.EscapeDataString(message.Code)}");
}
