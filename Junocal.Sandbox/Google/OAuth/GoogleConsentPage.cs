using System.Globalization;
using System.Text;
using Junocal.Sandbox.Google.Users;
using Junocal.Sandbox.Http;
using Microsoft.AspNetCore.Http;

namespace Junocal.Sandbox.Google.OAuth;

/// <summary>
/// Google's consent screen, reduced to what a test needs: pick a test account, untick any non-sign-in scope
/// (granular consent), Allow or Deny.
/// </summary>
internal static class GoogleConsentPage
{
    public static string Body(HttpContext http, GoogleSandboxOptions app, GoogleConsentRequest request, string? problem = null)
    {
        var name = HtmlPage.Encode(app.AppName);
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<h1>Sign in with Google: {name} wants access to your Google Account</h1>");
        html.Append("<p class=\"note\">This is the Google sandbox: no real Google Account is involved.</p>");
        if (problem is not null)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p role=\"alert\">{HtmlPage.Encode(problem)}</p>");
        }

        html.Append(CultureInfo.InvariantCulture, $"<form method=\"post\" action=\"{HtmlPage.Encode(SandboxUrls.Path(http, "accounts/o/oauth2/v2/auth"))}\">");
        html.Append(HtmlPage.HiddenField("client_id", app.ClientId));
        html.Append(HtmlPage.HiddenField("redirect_uri", request.RedirectUri));
        html.Append(HtmlPage.HiddenField("state", request.State));
        html.Append(HtmlPage.HiddenField("scope", string.Join(' ', request.Scopes)));
        html.Append(HtmlPage.HiddenField("code_challenge", request.CodeChallenge));
        html.Append(HtmlPage.HiddenField("code_challenge_method", request.CodeChallengeMethod));
        html.Append(HtmlPage.HiddenField("access_type", request.AccessType));
        html.Append(HtmlPage.HiddenField("prompt", request.Prompt));
        html.Append(HtmlPage.HiddenField("include_granted_scopes", request.IncludeGrantedScopes ? "true" : null));
        html.Append(HtmlPage.HiddenField("nonce", request.Nonce));

        var hinted = request.LoginHint is null ? null : GoogleTestUsers.FindByEmailOrSub(request.LoginHint);
        html.Append("<fieldset><legend>Choose an account</legend>");
        for (var i = 0; i < GoogleTestUsers.All.Count; i++)
        {
            var user = GoogleTestUsers.All[i];
            var id = $"account-{i}";
            var check = (hinted is null ? i == 0 : user == hinted) ? " checked" : "";
            var verified = user.EmailVerified ? "" : ", email not verified";
            var workspace = user.HostedDomain is null ? "" : $", Workspace {user.HostedDomain}";
            html.Append(CultureInfo.InvariantCulture, $"<div><input type=\"radio\" id=\"{id}\" name=\"sub\" value=\"{HtmlPage.Encode(user.Sub)}\"{check}>");
            html.Append(CultureInfo.InvariantCulture, $"<label for=\"{id}\">{HtmlPage.Encode(user.Name)} ({HtmlPage.Encode(user.Email)}{HtmlPage.Encode(verified + workspace)})</label></div>");
        }

        html.Append("</fieldset>");

        var signIn = request.Scopes.Where(GoogleScopes.IsSignIn).ToList();
        if (signIn.Count > 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"<h2>{name} will</h2><ul>");
            foreach (var scope in signIn)
            {
                html.Append(CultureInfo.InvariantCulture, $"<li>{HtmlPage.Encode(GoogleScopes.Describe(scope))} <small>(<code>{HtmlPage.Encode(scope)}</code>)</small></li>");
            }

            html.Append("</ul>");
        }

        var optional = request.Scopes.Where(scope => !GoogleScopes.IsSignIn(scope)).ToList();
        if (optional.Count > 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"<fieldset><legend>Select what {name} can access</legend>");
            for (var i = 0; i < optional.Count; i++)
            {
                var id = $"scope-{i}";
                html.Append(CultureInfo.InvariantCulture, $"<div><input type=\"checkbox\" id=\"{id}\" name=\"granted\" value=\"{HtmlPage.Encode(optional[i])}\" checked>");
                html.Append(CultureInfo.InvariantCulture, $"<label for=\"{id}\">{HtmlPage.Encode(GoogleScopes.Describe(optional[i]))} <small>(<code>{HtmlPage.Encode(optional[i])}</code>)</small></label></div>");
            }

            html.Append("</fieldset>");
        }

        html.Append("<button type=\"submit\" name=\"decision\" value=\"allow\">Allow</button>");
        html.Append("<button type=\"submit\" name=\"decision\" value=\"deny\">Deny</button>");
        html.Append("</form>");
        return html.ToString();
    }
}
