using Junocal.Sandbox.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Junocal.Sandbox.OAuth;

/// <summary>
/// Token response fields: <c>access_token</c>, <c>token_type</c>, <c>refresh_token</c>, <c>expires_in</c>, <c>scope</c>,
/// <c>api_url</c> (partner-built/zoom-plugin/skills/oauth/SKILL.md in https://github.com/anthropics/knowledge-work-plugins).
/// </summary>
internal sealed record TokenResponse(string AccessToken, string TokenType, string RefreshToken, int ExpiresIn, string Scope, string ApiUrl);

/// <summary><c>POST /oauth/token</c> and <c>POST /oauth/revoke</c>.</summary>
internal static class TokenEndpoints
{
    // The value old Zoom samples show (https://github.com/calcom/cal.diy/issues/1314); the token itself lives an hour.
    private const int ExpiresInSeconds = 3599;

    public static async Task<IResult> IssueAsync(HttpContext http, ZoomSandboxState sandbox, IOptions<ZoomSandboxOptions> options)
    {
        if (!ClientAuthentication.IsValid(http.Request, options.Value))
        {
            return OAuthErrors.InvalidClient();
        }

        // Parameters may come in the query string or a form body (https://developers.zoom.us/docs/rooms/oauth/).
        var parameters = await ParametersAsync(http);
        var result = parameters.GetValueOrDefault("grant_type") switch
        {
            "authorization_code" when parameters.GetValueOrDefault("code") is { } code =>
                sandbox.OAuth.ExchangeCode(code, parameters.GetValueOrDefault("redirect_uri"), parameters.GetValueOrDefault("code_verifier")),
            "authorization_code" => TokenResult.Fail(TokenFailure.InvalidCode),
            "refresh_token" => sandbox.OAuth.Refresh(parameters.GetValueOrDefault("refresh_token") ?? ""),
            _ => null,
        };

        if (result is null)
        {
            return OAuthErrors.UnsupportedGrantType();
        }

        if (result.Tokens is not { } tokens)
        {
            return Failure(result.Failure, parameters.GetValueOrDefault("code") ?? "");
        }

        var apiUrl = SandboxUrls.Root(http).ToString().TrimEnd('/');
        var response = new TokenResponse(
            tokens.Access.Value, "bearer", tokens.Refresh.Value, ExpiresInSeconds, string.Join(' ', tokens.Grant.Scopes), apiUrl);
        http.Response.Headers.CacheControl = "no-store";
        return Results.Json(response, SandboxJson.Options);
    }

    /// <summary>
    /// Revoking uninstalls the app and triggers the deauthorization webhook
    /// (https://devforum.zoom.us/t/zoom-api-how-to-revoke-app-access-when-user-wants-to-disconnect-your-app-and-zoom-app/18432);
    /// success answers <c>{"status":"success"}</c>.
    /// </summary>
    public static async Task<IResult> RevokeAsync(HttpContext http, ZoomSandboxState sandbox, IOptions<ZoomSandboxOptions> options)
    {
        if (!ClientAuthentication.IsValid(http.Request, options.Value))
        {
            return OAuthErrors.InvalidClient();
        }

        var parameters = await ParametersAsync(http);
        if (sandbox.OAuth.RevokeByToken(parameters.GetValueOrDefault("token") ?? "") is not { } grant)
        {
            return OAuthErrors.InvalidToken();
        }

        sandbox.SendDeauthorized(grant);
        return Results.Json(new { status = "success" });
    }

    private static ZoomErrorResult Failure(TokenFailure failure, string code) => failure switch
    {
        TokenFailure.InvalidCode => OAuthErrors.InvalidCode(code),
        // 4733 "Code is expired", 4709 "Redirect URI mismatch" (https://developers.zoom.us/docs/integrations/oauth-error-messages/).
        TokenFailure.ExpiredCode => OAuthErrors.InvalidRequest("Code is expired"),
        TokenFailure.RedirectMismatch => OAuthErrors.InvalidRequest("Redirect URI mismatch"),
        // A PKCE mismatch is invalid_grant (https://devforum.zoom.us/t/zoom-oauth-2-0-proof-key-for-code-exchange-pkce-flow/63830).
        TokenFailure.PkceMismatch => OAuthErrors.InvalidGrant("Invalid code_verifier"),
        _ => OAuthErrors.InvalidToken(),
    };

    private static async Task<Dictionary<string, string>> ParametersAsync(HttpContext http)
    {
        var parameters = http.Request.Query.ToDictionary(pair => pair.Key, pair => pair.Value.ToString(), StringComparer.Ordinal);
        if (http.Request.HasFormContentType)
        {
            foreach (var (key, value) in await http.Request.ReadFormAsync(http.RequestAborted))
            {
                parameters[key] = value.ToString();
            }
        }

        return parameters;
    }
}
