using System.Net;
using System.Text.RegularExpressions;

namespace Junocal.Tests.Infrastructure;

/// <summary>Signs in through the real login form, as a browser would.</summary>
public static partial class SignIn
{
    public const string Password = "Demo-pass-1";

    public static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string email, string password, string? returnUrl = null)
    {
        var path = returnUrl is null ? "/Account/Login" : "/Account/Login?ReturnUrl=" + Uri.EscapeDataString(returnUrl);
        var form = await client.GetStringAsync(path);
        var token = AntiforgeryToken().Match(form).Groups[1].Value;
        var response = await client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        }));
        return response;
    }

    public static async Task<HttpClient> AsAsync(JunocalApp app, string email)
    {
        var client = app.CreateBrowserlikeClient();
        var response = await PostLoginAsync(client, email, Password);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in as {email} failed: {(int)response.StatusCode}");
        }

        return client;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
