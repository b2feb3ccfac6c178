using Junocal.Sandbox.Google.Users;
using Junocal.Sandbox.Http;
using Junocal.Sandbox.OAuth;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Junocal.Sandbox.Google.OAuth;

/// <summary>
/// <c>GET accounts/o/oauth2/v2/auth</c> shows the consent page; its form posts the decision to the same path.
/// Parameters as <c>GenerateAuthUrlOpts</c> of google-auth-library-nodejs documents them (docs/google-sandbox.md).
/// </summary>
internal static class GoogleAuthorizeEndpoints
{
    public static IResult ShowConsent(HttpContext http, GoogleSandboxState sandbox, IOptions<GoogleSandboxOptions> options)
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

        var scopes = Scopes(query["scope"]);
        if (scopes.Count == 0)
        {
            return ErrorPage("Error 400: invalid_request", "Missing required parameter: scope");
        }

        // Without a method PKCE is "plain" (docs/google-sandbox.md); only S256 and plain exist.
        var method = Optional(query["code_challenge_method"]) ?? Pkce.Plain;
        if (!Pkce.IsSupportedMethod(method))
        {
            return ErrorPage("Error 400: invalid_request", "Invalid code_challenge_method value.");
        }

        var request = new GoogleConsentRequest(
            redirectUri, state, scopes, Optional(query["code_challenge"]), method, Optional(query["access_type"]), Optional(query["prompt"]),
            query["include_granted_scopes"] == "true", Optional(query["login_hint"]), Optional(query["nonce"]));

        if (request.Prompt == "none")
        {
            // No browser session exists in the sandbox: prompt=none succeeds only for a hinted user who granted it all before.
            var hinted = request.LoginHint is null ? null : GoogleTestUsers.FindByEmailOrSub(request.LoginHint);
            var grant = hinted is null ? null : sandbox.OAuth.GrantOf(hinted.Sub);
            if (hinted is null || grant is null || !scopes.All(grant.Scopes.Contains))
            {
                return RedirectWith(redirectUri, state, ("error", "consent_required"));
            }

            return Approve(sandbox, hinted, request, scopes);
        }

        return HtmlPage.Render($"Sign in – Google Accounts (sandbox) – {app.AppName}", GoogleConsentPage.Body(http, app, request));
    }

    public static async Task<IResult> DecideAsync(HttpContext http, GoogleSandboxState sandbox, IOptions<GoogleSandboxOptions> options)
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
        var requested = Scopes(form["scope"]);
        var request = new GoogleConsentRequest(
            redirectUri, state, requested, Optional(form["code_challenge"]), method, Optional(form["access_type"]), Optional(form["prompt"]),
            form["include_granted_scopes"] == "true", null, Optional(form["nonce"]));
        if (GoogleTestUsers.Find(form["sub"].ToString()) is not { } user || requested.Count == 0 || !Pkce.IsSupportedMethod(method))
        {
            return HtmlPage.Render("Choose an account", GoogleConsentPage.Body(http, app, request, "Choose one of the test accounts."),
                StatusCodes.Status400BadRequest);
        }

        // Sign-in scopes come with the consent; every other scope only if its box stayed ticked.
        var ticked = form["granted"].Select(value => value ?? "").ToHashSet(StringComparer.Ordinal);
        var granted = requested.Where(scope => GoogleScopes.IsSignIn(scope) || ticked.Contains(scope)).ToList();
        return Approve(sandbox, user, request, granted);
    }

    private static IResult Approve(GoogleSandboxState sandbox, GoogleTestUser user, GoogleConsentRequest request, IReadOnlyList<string> granted)
    {
        var code = sandbox.OAuth.IssueCode(user, request, granted);
        var parameters = new List<(string, string)> { ("code", code), ("scope", string.Join(' ', granted)), ("authuser", "0") };
        if (request.Prompt is { } prompt)
        {
            parameters.Add(("prompt", prompt));
        }

        return RedirectWith(request.RedirectUri, request.State, [.. parameters]);
    }

    private static List<string> Scopes(StringValues value) =>
        [.. value.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal)];

    /// <summary>An unknown client or a redirect URI that is not registered gets an error page, never a redirect.</summary>
    private static IResult? ClientError(HttpContext http, GoogleSandboxOptions app, StringValues clientId, StringValues redirectUri)
    {
        if (clientId != app.ClientId)
        {
            return ErrorPage("Error 401: invalid_client", "The OAuth client was not found.");
        }

        return RedirectUris.IsAllowed(http, app, redirectUri.ToString())
            ? null
            : ErrorPage("Error 400: redirect_uri_mismatch",
                "You can't sign in to this app because it doesn't comply with Google's OAuth 2.0 policy: the redirect URI is not registered for this client.");
    }

    private static IResult ErrorPage(string title, string explanation) =>
        HtmlPage.Render(title, $"<h1>{HtmlPage.Encode(title)}</h1><p>{HtmlPage.Encode(explanation)}</p>", StatusCodes.Status400BadRequest);

    private static IResult RedirectWith(string redirectUri, string? state, params (string Name, string Value)[] results)
    {
        var parameters = new List<KeyValuePair<string, string?>>();
        if (state is not null)
        {
            parameters.Add(new("state", state));
        }

        parameters.AddRange(results.Select(result => new KeyValuePair<string, string?>(result.Name, result.Value)));
        return Results.Redirect(QueryHelpers.AddQueryString(redirectUri, parameters));
    }

    private static string? Optional(StringValues value) => StringValues.IsNullOrEmpty(value) ? null : value.ToString();
}
