using System.Net;
using System.Text.RegularExpressions;

namespace Junocal.Tests.Features.People;

/// <summary>Submits a statically rendered Blazor form the way a browser does: antiforgery token and handler name included.</summary>
public static partial class FormPosts
{
    public static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string path, string handler, Dictionary<string, string>? fields = null)
    {
        var page = await client.GetStringAsync(path);
        var token = AntiforgeryToken().Match(page);
        if (!token.Success)
        {
            throw new InvalidOperationException($"{path} has no form with an antiforgery token.");
        }

        var form = new Dictionary<string, string>(fields ?? [])
        {
            ["_handler"] = handler,
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
        };
        return await client.PostAsync(path, new FormUrlEncodedContent(form));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
