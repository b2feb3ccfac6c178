using System.Globalization;
using System.Text;
using Junocal.Sandbox.Http;
using Junocal.Sandbox.Users;
using Microsoft.AspNetCore.Http;

namespace Junocal.Sandbox.OAuth;

internal static class ConsentPage
{
    public static string Body(HttpContext http, ZoomSandboxOptions app, ConsentRequest request, string? problem = null)
    {
        var name = HtmlPage.Encode(app.AppName);
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<h1>Allow {name} to use your Zoom account?</h1>");
        html.Append("<p class=\"note\">This is the Zoom sandbox: no real Zoom account is involved.</p>");
        if (problem is not null)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p role=\"alert\">{HtmlPage.Encode(problem)}</p>");
        }

        html.Append(CultureInfo.InvariantCulture, $"<h2>{name} will be able to</h2><ul>");
        foreach (var scope in request.Scopes)
        {
            html.Append(CultureInfo.InvariantCulture, $"<li>{HtmlPage.Encode(ScopeDescriptions.Describe(scope))} <small>(<code>{HtmlPage.Encode(scope)}</code>)</small></li>");
        }

        html.Append("</ul>");
        html.Append(CultureInfo.InvariantCulture, $"<form method=\"post\" action=\"{HtmlPage.Encode(SandboxUrls.Path(http, "oauth/authorize"))}\">");
        html.Append(HtmlPage.HiddenField("client_id", app.ClientId));
        html.Append(HtmlPage.HiddenField("redirect_uri", request.RedirectUri));
        html.Append(HtmlPage.HiddenField("state", request.State));
        html.Append(HtmlPage.HiddenField("scope", string.Join(' ', request.Scopes)));
        html.Append(HtmlPage.HiddenField("code_challenge", request.CodeChallenge));
        html.Append(HtmlPage.HiddenField("code_challenge_method", request.CodeChallengeMethod));
        html.Append("<fieldset><legend>Sign in to Zoom as</legend>");
        for (var i = 0; i < TestUsers.All.Count; i++)
        {
            var user = TestUsers.All[i];
            var id = $"user-{i}";
            var check = i == 0 ? " checked" : "";
            html.Append(CultureInfo.InvariantCulture, $"<div><input type=\"radio\" id=\"{id}\" name=\"user_id\" value=\"{HtmlPage.Encode(user.Id)}\"{check}>");
            html.Append(CultureInfo.InvariantCulture, $"<label for=\"{id}\">{HtmlPage.Encode(user.DisplayName)} ({HtmlPage.Encode(user.Email)}), account {HtmlPage.Encode(user.AccountId)}</label></div>");
        }

        html.Append("</fieldset>");
        html.Append("<button type=\"submit\" name=\"decision\" value=\"allow\">Authorize</button>");
        html.Append("<button type=\"submit\" name=\"decision\" value=\"deny\">Deny</button>");
        html.Append("</form>");
        return html.ToString();
    }
}
