using System.Net;
using System.Text.RegularExpressions;
using Junocal.Sandbox;
using Microsoft.Extensions.DependencyInjection;

namespace Junocal.Tests.Infrastructure;

/// <summary>Connects a signed-in owner's studio to the in-app Zoom sandbox through the real OAuth round trip.</summary>
public static partial class ZoomSandboxConnect
{
    /// <returns>Where the callback sent the browser (the Integrations page with its message code).</returns>
    public static async Task<string> ConnectAsync(JunocalApp app, HttpClient owner, string zoomUserEmail = "zoom.owner@juno-pilates.test")
    {
        var page = await owner.GetStringAsync("/Account/Login");
        var token = WebUtility.HtmlDecode(Antiforgery().Match(page).Groups[1].Value);
        var start = await owner.PostAsync("/integrations/zoom/connect", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
        }));
        if (start.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Connect did not redirect: {(int)start.StatusCode}");
        }

        var authorize = new Uri(owner.BaseAddress!, start.Headers.Location!);
        var consent = await owner.GetStringAsync(authorize);
        var fields = HiddenField().Matches(consent).ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value));
        fields["user_id"] = app.Services.GetRequiredService<ZoomSandboxState>().Users.Single(u => u.Email == zoomUserEmail).Id;
        fields["decision"] = "allow";
        var decided = await owner.PostAsync(authorize.AbsolutePath, new FormUrlEncodedContent(fields));
        var callback = await owner.GetAsync(decided.Headers.Location);
        return callback.Headers.Location?.ToString() ?? "";
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex Antiforgery();

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"")]
    private static partial Regex HiddenField();
}
