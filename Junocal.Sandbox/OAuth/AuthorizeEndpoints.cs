using Junocal.Sandbox.Http;
using Junocal.Sandbox.Users;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Junocal.Sandbox.OAuth;

/// <summary>
/// <c>GET /oauth/authorize</c> shows the consent page; its form posts the user's decision back to the same path.
/// Parameters as Zoom takes them (https://developers.zoom.us/docs/integrations/end-user-auth/).
/// </summary>
internal static class AuthorizeEndpoints
{
    public static IResult ShowConsent(HttpContext http, IOptions<ZoomSandboxOptions> options)
    {
        var query = http.Request.Query;
        var app = options.Value;
        if (ClientError(http, app, query["client_id"], query["redirect_uri"]) is { } error)
        {
            return error;
        }

        var redirectUri = query["redirect_uri"].ToString();
        var state = Optional(query["state"]);
        if (query["response_type"] != "code")
        {
            return RedirectWith(redirectUri, state, ("error", "unsupported_response_type"));
        }

        // Zoom's default method is plain (https://devforum.zoom.us/t/zoom-oauth-2-0-proof-key-for-code-exchange-pkce-flow/63830).
        var method = Optional(query["code_challenge_method"]) ?? Pkce.Plain;
        if (!Pkce.IsSupportedMethod(method))
        {
            return RedirectWith(redirectUri, state, ("error", "invalid_request"));
        }

        var scopes = (Optional(query["scope"]) ?? app.DefaultScopes).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var request = new ConsentRequest(redirectUri, state, scopes, Optional(query["code_challenge"]), method);
        return HtmlPage.Render($"Authorize {app.AppName} — Zoom sandbox", ConsentPage.Body(http, app, request));
    }

    public static async Task<IResult> DecideAsync(HttpContext http, ZoomSandboxState sandbox, IOptions<ZoomSandboxOptions> options)
    {
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var app = options.Value;
        if (ClientError(http, app, form["client_id"], form["redirect_uri"]) is { } error)
        {
            return error;
        }

        var redirectUri = form["redirect_uri"].ToString();
        var state = Optional(form["state"]);
        if (form["decision"] != "allow")
        {
            return RedirectWith(redirectUri, state, ("error", "access_denied"));
        }

        var method = Optional(form["code_challenge_method"]) ?? Pkce.Plain;
        var scopes = form["scope"].ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var request = new ConsentRequest(redirectUri, state, scopes, Optional(form["code_challenge"]), method);
        if (TestUsers.Find(form["user_id"].ToString()) is not { } user || !Pkce.IsSupportedMethod(method))
        {
            return HtmlPage.Render("Choose a Zoom user", ConsentPage.Body(http, app, request, "Choose one of the test users."), StatusCodes.Status400BadRequest);
        }

        var code = sandbox.OAuth.IssueCode(user, request);
        return RedirectWith(redirectUri, state, ("code", code));
    }

    /// <summary>An unknown client or a redirect URI off the allow list gets an error page, never a redirect.</summary>
    private static bool Matches(string allowed, string redirectUri, HttpContext http) =>
        allowed.StartsWith('/')
            ? string.Equals(redirectUri, $"{http.Request.Scheme}://{http.Request.Host}{allowed}", StringComparison.Ordinal)
            : string.Equals(redirectUri, allowed, StringComparison.Ordinal);

    private static IResult? ClientError(HttpContext http, ZoomSandboxOptions app, StringValues clientId, StringValues redirectUri)
    {
        if (clientId != app.ClientId)
        {
            return ErrorPage("Invalid client_id", "The app asking for access is not known to Zoom.");
        }

        return app.RedirectUris.Any(allowed => Matches(allowed, redirectUri.ToString(), http))
            ? null
            : ErrorPage("Redirect URI mismatch", "The redirect URI is not on the app's allow list.");
    }

    private static IResult ErrorPage(string title, string explanation) =>
        HtmlPage.Render(title, $"<h1>{HtmlPage.Encode(title)}</h1><p>{HtmlPage.Encode(explanation)}</p>", StatusCodes.Status400BadRequest);

    private static IResult RedirectWith(string redirectUri, string? state, (string Name, string Value) result)
    {
        var parameters = new Dictionary<string, string?> { [result.Name] = result.Value };
        if (state is not null)
        {
            parameters["state"] = state;
        }

        return Results.Redirect(QueryHelpers.AddQueryString(redirectUri, parameters));
    }

    private static string? Optional(StringValues value) => StringValues.IsNullOrEmpty(value) ? null : value.ToString();
}
